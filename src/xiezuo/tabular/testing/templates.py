"""A template filled in as a clerk would (tabular.template), and the same file saved again by
LibreOffice: what the tests of every import's template upload."""

import io
import shutil
import subprocess
from pathlib import Path

from xiezuo.tabular.template import EXAMPLE_ROW, template_columns, template_workbook


def fill_template(spec, rows: list[dict]) -> bytes:
    """The spec's template with `rows` (column key -> value) written below the example row,
    which stays in place (the reader must skip it). Text columns keep their text format."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(template_workbook(spec)))
    ws = wb.worksheets[0]
    cols = template_columns(spec.columns)
    for n, values in enumerate(rows, start=1):
        r = EXAMPLE_ROW + n
        ws.cell(r, 1, n)
        for i, c in enumerate(cols, start=2):
            v = values.get(c.key)
            if v is not None:
                cell = ws.cell(r, i, v)
                if isinstance(v, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def libreoffice_copies(paths: list[Path], outdir: Path) -> list[Path]:
    """Each .xlsx opened and saved again as .xlsx by LibreOffice (one run for all of them): the
    file a clerk gets who fills the template in LibreOffice or WPS. Raises when soffice is
    missing (the caller skips, or fails in CI)."""
    soffice = shutil.which("soffice")
    if not soffice:
        raise FileNotFoundError("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir),
                    *map(str, paths)], check=True, capture_output=True, timeout=240)
    return [outdir / p.name for p in paths]
