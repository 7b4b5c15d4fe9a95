"""Every import offers its template (issue 10): made from the import's own columns, found by the
reader as any file would be, its example row skipped; every import page links to it. Each part's
tests fill its templates and import them (tests/<part>/test_<part>_templates.py)."""

import importlib
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.tabular.pipeline import Importer
from xiezuo.tabular.read import read_table
from xiezuo.tabular.template import HEADER_ROW, template_columns, template_workbook

#: every module that defines an import (a new import's module goes here, and its template too)
IMPORT_MODULES = ["xiezuo.registry.services.roster_import", "xiezuo.registry.population",
                  "xiezuo.registry.area_import", "xiezuo.labour.imports",
                  "xiezuo.labour.outreach.imports", "xiezuo.labour.training.imports",
                  "xiezuo.funds.imports", "xiezuo.industry.imports", "xiezuo.talent.imports",
                  "xiezuo.pairing.imports", "xiezuo.pairing.pairing_imports"]
#: imports without a page (command line only): the operator's, from a statistics-bureau file
WITHOUT_PAGE = {"AreaListImporter"}
#: each import page and the template links it must show
PAGES = {
    "registry:import": [("registry:import_template", [])],
    "registry:population_import": [("registry:population_template", [])],
    "labour:import_upload": [("labour:import_template", [k]) for k in
                             ("survey", "openings", "sms_report", "trainees")],
    "funds:import": [("funds:import_template", [k]) for k in ("projects", "disbursements")],
    "industry:import_upload": [("industry:import_template", [k]) for k in ("linkages", "sales")],
    "talent:import_upload": [("talent:import_template", [])],
    "pairing:import_upload": [("pairing:import_template", [])],
    "pairing:records_import_upload": [("pairing:records_import_template", [k]) for k in
                                      ("towns", "enterprises", "activities")],
}


def _specs() -> list[type]:
    for m in IMPORT_MODULES:
        importlib.import_module(m)
    out, todo = [], list(Importer.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        # a shared base (_LabourImporter, …) has no columns; the tests define toy imports
        if cls.columns and cls.__module__.startswith("xiezuo."):
            out.append(cls)
    return sorted(out, key=lambda c: c.__qualname__)


def test_every_import_with_a_page_has_a_template():
    specs = _specs()
    assert len(specs) >= 11
    missing = [s.__qualname__ for s in specs
               if s.template is None and s.__name__ not in WITHOUT_PAGE]
    assert missing == []


@pytest.mark.parametrize("spec", [s for s in _specs() if s.template is not None],
                         ids=lambda s: f"{s.__module__}.{s.__name__}")
def test_the_template_is_read_as_any_file_and_its_example_is_skipped(spec, tmp_path):
    data = template_workbook(spec)
    path = tmp_path / "模板.xlsx"
    path.write_bytes(data)
    sheet = read_table(path, columns=spec.columns, markers=spec.markers,
                       any_marker=spec.any_marker)
    assert sheet.header_row == HEADER_ROW
    assert sheet.rows == [] and sheet.ignored_columns == [] and sheet.missing_columns == []
    cols = template_columns(spec.columns)
    assert sorted(sheet.columns.values()) == sorted(c.key for c in cols)
    wb = load_workbook(io.BytesIO(data))
    data_sheet, notes = wb.worksheets
    assert [c.value for c in data_sheet[HEADER_ROW]][1:] == [c.header for c in cols]
    assert data_sheet.cell(HEADER_ROW + 1, 1).value == "示例"
    # it prints landscape one page wide, the hint wrapped across the header's width
    assert data_sheet.page_setup.orientation == "landscape"
    assert data_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert data_sheet.page_setup.fitToWidth == 1
    assert any(r.min_row == r.max_row == HEADER_ROW - 1 and r.max_col == len(cols) + 1
               for r in data_sheet.merged_cells.ranges)
    # the notes list every column, required ones marked
    listed = {r[0]: r[1] for r in notes.iter_rows(min_row=3, values_only=True) if r and r[1]}
    assert listed == {c.header: "必填" if c.required else "选填" for c in cols}
    # digits that must stay digits are text cells with the text format
    for c in cols:
        v = spec.template.example.get(c.key)
        if isinstance(v, str) and v.isdigit():
            i = [x.key for x in cols].index(c.key) + 2
            cell = data_sheet.cell(HEADER_ROW + 1, i)
            assert cell.data_type == "s" and cell.number_format == "@", c.header


def test_every_import_page_links_its_templates_and_they_download(client, users):
    client.force_login(users["county_admin"])
    for page, templates in PAGES.items():
        html = client.get(reverse(page)).content.decode()
        for name, args in templates:
            url = reverse(name, args=args)
            assert url in html, (page, url)
            r = client.get(url)
            assert r.status_code == 200 and r["Content-Type"].startswith(
                "application/vnd.openxmlformats"), url
            assert "模板" in r["Content-Disposition"] or "%E6%A8%A1%E6%9D%BF" in r[
                "Content-Disposition"], url
