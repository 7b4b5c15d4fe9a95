"""Pure rules of the industry part (no database): stage moves, amounts, photos."""

from django.utils.translation import gettext as _

from xiezuo.industry.choices import STAGE_ORDER, Stage

#: the photo types the showcase accepts, by their first bytes (never by the file's name)
IMAGE_SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))
PHOTO_MAX_BYTES = 5 * 1024 * 1024


def stage_error(old: str, new: str) -> str | None:
    """Why a project may not move from stage `old` to `new` (None: it may).

    Forward along 洽谈 → 签约 → 开工 → 投产 (a step may be skipped when recorded late); 终止 from
    any stage but itself; nothing after 终止; never backwards."""
    old, new = Stage(old), Stage(new)
    if old == new:
        return _("项目已处于该阶段")
    if old == Stage.ENDED:
        return _("项目已终止，不能再变更阶段")
    if new == Stage.ENDED:
        return None
    if STAGE_ORDER.index(new) < STAGE_ORDER.index(old):
        return _("阶段不能回退（%(old)s → %(new)s）") % {"old": old.label, "new": new.label}
    return None


def is_signed(stage: str) -> bool:
    """Whether a project at `stage` has been signed (签约 and every stage after it)."""
    return stage in (Stage.SIGNED, Stage.STARTED, Stage.OPERATING)


def photo_kind(head: bytes) -> str | None:
    """"jpg" or "png" from the file's first bytes, None for anything else."""
    for sig, kind in IMAGE_SIGNATURES:
        if head.startswith(sig):
            return kind
    return None
