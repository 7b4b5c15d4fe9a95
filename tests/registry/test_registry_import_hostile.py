"""Roster and population imports refuse what cannot be stored: a control character (a NUL in a
name broke the county's export) or text longer than the model field (a 3.5-million-character
name made the household page 21 MB; PostgreSQL refused the whole import), on both databases;
and a file of junk rows reports its first errors and the count, not millions of lines."""

import pytest

from xiezuo.registry.models import AreaPopulation, Person
from xiezuo.registry.population import population_import
from xiezuo.registry.services import household_import, roster_export
from xiezuo.tabular.errors import FileRefused

pytestmark = pytest.mark.django_db


def test_a_control_character_or_an_over_long_name_rejects_the_row(areas, tmp_path, household, person, write_xlsx):
    rows = household("H1", 2) + [person("H2", 1, 姓名="长" * 65), person("H3", 1, 民族="汉_x000C_族")]
    # openpyxl writes the text as it is; Excel's escape _x0000_ reads back as a NUL
    rows[1]["姓名"] = "李_x0000_四"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert (r.rows, r.persons_created, r.rejected) == (4, 1, 3)
    by_row = {e.row: e for e in r.errors}
    assert by_row[3].column == "姓名" and "控制字符" in by_row[3].reason
    assert "\x00" not in by_row[3].value and "\ufffd" in by_row[3].value
    assert by_row[4].column == "姓名" and "最多 64 个" in by_row[4].reason
    assert by_row[5].column == "民族" and "控制字符" in by_row[5].reason
    assert [p.name for p in Person.objects.all()] == ["测试H11"]
    assert roster_export(path=tmp_path / "out.xlsx") == 1  # the export works
    assert r.report and (tmp_path / "out.xlsx").exists()


def test_a_csv_holding_a_nul_byte_is_refused_as_not_text(areas, tmp_path, household, write_csv):
    rows = household("H1", 2)
    rows[1]["姓名"] = "李\x00四"
    with pytest.raises(FileRefused) as e:
        household_import(path=write_csv(tmp_path / "r.csv", rows))
    assert "r.csv" in str(e.value) and "不是文本" in str(e.value)
    assert not Person.objects.exists()


def test_junk_rows_list_the_first_errors_and_count_the_rest(areas, tmp_path, settings, person, write_csv):
    settings.IMPORT_MAX_ERRORS = 10
    rows = [person("H1", 1)] + [person(f"J{i}", 1, 证件号码="junk") for i in range(40)]
    r = household_import(path=write_csv(tmp_path / "junk.csv", rows))
    assert (r.rows, r.persons_created, r.rejected) == (41, 1, 40)
    assert len(r.errors) == 10 and r.errors_omitted == 30
    assert r.as_json()["errors_omitted"] == 30
    from openpyxl import load_workbook

    lines = list(load_workbook(r.report).active.values)
    assert len(lines) == 1 + 10 + 1 and "30" in lines[-1][3]


def test_population_refuses_a_control_character_in_its_rows(areas, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("区划代码,农业人口,年份,来源\n621124100000,1000,2018,统计\x07局\n"
                    "621124103000,900,2018,统计局\n", encoding="utf-8")
    r = population_import(path=path)
    assert (r.rows, r.populations_created, r.rejected) == (2, 1, 1)
    assert r.errors[0].column == "来源" and "控制字符" in r.errors[0].reason
    assert AreaPopulation.objects.count() == 1
