"""Synthetic photos for the demo's showcase products: a coloured card with the product's name
(no downloaded pictures; the demo must hold nothing real). Drawn with matplotlib (a declared
dependency, already used for the report's charts) in the Noto Sans CJK face, as a PNG that goes
through the showcase's own photo store (services.products.keep_photo_bytes)."""

import io
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# background, accent: earthy colours a produce stall might use, one pair per product
PALETTE = [("#8c5a2b", "#f3d9a4"), ("#2f6b3a", "#cfe8b5"), ("#6b2f5c", "#ecc4e0"),
           ("#a0522d", "#fbe3c8"), ("#4a3b2a", "#e6d3b3"), ("#7a6a1f", "#f2ebb3"),
           ("#9c6b22", "#f6e0b0"), ("#7b1e1e", "#f2c4c4"), ("#2c5d7a", "#c8e2f0")]


def product_card(name: str, subtitle: str, index: int = 0) -> bytes:
    """An 800 × 600 PNG: the name large, the subtitle below, and 演示图片（合成）."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, FancyBboxPatch

    bg, accent = PALETTE[index % len(PALETTE)]
    family = _font()
    fig = plt.figure(figsize=(4, 3), dpi=200)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 3)
    ax.axis("off")
    fig.patch.set_facecolor(bg)
    for x, y, r, alpha in ((3.55, 2.6, 0.9, 0.25), (0.3, 0.35, 0.6, 0.2), (3.2, 0.4, 0.35, 0.3)):
        ax.add_patch(Circle((x, y), r, color=accent, alpha=alpha, linewidth=0))
    # everything inside the middle 70 % of the height: the A4 sheet crops the photo to 90 mm
    ax.add_patch(FancyBboxPatch((0.35, 0.8), 3.3, 1.25,
                                boxstyle="round,pad=0.05,rounding_size=0.12",
                                facecolor=accent, edgecolor="none", alpha=0.92))
    size = 30 if len(name) <= 5 else 24 if len(name) <= 7 else 18
    ax.text(2, 1.53, name, ha="center", va="center", color=bg, fontsize=size,
            fontweight="bold", family=family)
    ax.text(2, 1.02, subtitle, ha="center", va="center", color=bg, fontsize=10, family=family)
    ax.text(2, 2.42, "定西好货 · 临洮馆", ha="center", va="center", color=accent, fontsize=11,
            family=family)
    ax.text(3.6, 0.5, "演示图片（合成）", ha="right", va="bottom", color=accent, fontsize=6,
            family=family, alpha=0.9)
    buf = io.BytesIO()
    # no creation time or software in the file: the same card is the same bytes (same SHA-256)
    fig.savefig(buf, format="png", facecolor=bg, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _font() -> str:
    """The Simplified Chinese face of Noto Sans CJK by name (the collection's first face is the
    Japanese one, whose glyphs differ), added to matplotlib's list where it is not yet known."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    if "Noto Sans CJK SC" not in names and CJK_FONT.exists():
        font_manager.fontManager.addfont(str(CJK_FONT))
        names = {f.name for f in font_manager.fontManager.ttflist}
    return "Noto Sans CJK SC" if "Noto Sans CJK SC" in names else "sans-serif"
