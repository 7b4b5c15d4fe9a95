"""Hostile uploads (issue 11 item 3): for each file, `xiezuo import_roster FILE --json` runs in
its own process, as the web worker or the task worker would read it; the figure is that
process's peak memory (ru_maxrss from wait4) and its wall time until it refuses the file (exit 2).
Baseline: the same command importing a valid one-household roster in the same run (the process's
start-up: Python, Django, the libraries)."""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from xiezuo.tabular.testing.hostile import far_cell, inline_row, xlsx, zip_bomb  # noqa: E402

XIEZUO = [sys.executable, "-m", "xiezuo"]
GOAL_MB = 500

HEADER = ["乡(镇)", "行政村", "户编号", "姓名", "证件号码", "与户主关系"]


def header_row() -> bytes:
    return inline_row(1, HEADER)


def build(folder: Path) -> list[tuple[str, Path]]:
    files = []
    files.append(("cell at XFD1048576 (1.6 KB .xlsx)", far_cell(folder / "far.xlsx")))
    files.append(("zip bomb: 1 GB of sheet XML", zip_bomb(folder / "bomb.xlsx", 1024,
                                                         stream=True)))

    def junk():
        yield header_row()
        batch = []
        for n in range(2, 1_048_577):
            batch.append(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>junk</t></is></c></row>'
                         % (n, n))
            if len(batch) == 10_000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)

    files.append(("1,048,575 junk rows (.xlsx)", xlsx(folder / "junk.xlsx", junk())))
    wide = folder / "wide.csv"
    wide.write_text(",".join(["姓名", "证件号码"] + [f"c{i}" for i in range(1_000_000)]) + "\n",
                    encoding="utf-8")
    files.append(("header of 1,000,000 columns (.csv)", wide))
    png = folder / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200_000))
    files.append(("PNG renamed .xlsx (200 KB)", png))
    long_name = "名" * 3_500_000
    files.append(("3.5-million-character name (.xlsx)", xlsx(folder / "long.xlsx", [
        header_row(), '<row r="2"><c r="A2" t="inlineStr"><is><t>洮阳镇</t></is></c>'
        f'<c r="D2" t="inlineStr"><is><t>{long_name}</t></is></c></row>'.encode()])))
    huge = folder / "huge.csv"
    huge.write_text(",".join(HEADER) + "\n洮阳镇,村,H1," + "x" * 200_000 + ",1,户主\n",
                    encoding="utf-8")
    files.append(("CSV field of 200,000 characters", huge))
    return files


def run(path: Path, env: dict) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak MB) of `xiezuo import_roster path --json`."""
    started = time.perf_counter()
    proc = subprocess.Popen([*XIEZUO, "import_roster", str(path), "--json"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    return code, took, usage.ru_maxrss / 1024


def main() -> None:
    data = tempfile.mkdtemp(prefix="xz-hostile-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(XIEZUO_SECRET_KEY="bench-only", XIEZUO_DATA_DIR=data,
               PYTHONPATH=str(ROOT / "src"))
    subprocess.run([*XIEZUO, "init", "--verbosity", "0"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    folder = Path(tempfile.mkdtemp(prefix="xz-hostile-files-"))
    build_started = time.perf_counter()
    files = build(folder)
    build_s = time.perf_counter() - build_started
    ok = folder / "ok.csv"
    ok.write_text(",".join(HEADER) + "\n洮阳镇,新村,H1,张三,621124198005060012,户主\n",
                  encoding="utf-8")
    base_code, base_s, base_mb = run(ok, env)
    print("## Hostile uploads: peak memory and time to refuse\n")
    print("Each hostile file is given to `xiezuo import_roster FILE --json` in its own process "
          "(every import reads through the same `xiezuo.tabular.read`, so the roster stands for "
          "the five imports and the web tasks); peak memory is the process's `ru_maxrss` "
          "(`os.wait4`), time is its wall time until exit. Baseline: the same command on a "
          f"valid one-row roster (exit {base_code}), in the same run. The files were built in "
          f"{build_s:.0f} s.\n")
    print("| file | size | exit | time to refuse | peak memory | goal | baseline |")
    print("|---|---|---|---|---|---|---|")
    for label, path in files:
        code, took, mb = run(path, env)
        size = path.stat().st_size
        shown = f"{size / 1024:.1f} KB" if size < 1 << 20 else f"{size / (1 << 20):.1f} MB"
        verdict = "≤" if mb <= GOAL_MB else ">"
        print(f"| {label} | {shown} | {code} | {took:.2f} s | {mb:.0f} MB {verdict} goal "
              f"| ≤ {GOAL_MB} MB | {base_s:.2f} s, {base_mb:.0f} MB |")
    print(f"\n_Peak of the bench process's own children: "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB._")


if __name__ == "__main__":
    main()
