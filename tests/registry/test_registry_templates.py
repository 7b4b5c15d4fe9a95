"""The registry's import templates (roster, population figures), filled in as a clerk would and
imported (the example row left in place and skipped), and again after LibreOffice saved them."""

import datetime

import pytest

from xiezuo.registry.models import AreaPopulation, Person
from xiezuo.registry.population import PopulationImporter, population_import
from xiezuo.registry.services.roster_import import RosterImporter, household_import
from xiezuo.tabular.testing.templates import fill_template


@pytest.fixture
def filled(areas, users, new_id):
    clerk = users["county_admin"]
    member = {"county": "临洮县", "township": "洮阳镇", "village": "测试洮阳镇1村",
              "number": "6211241002010001", "size": 2, "health": "健康", "exit_status": "未脱贫",
              "main_cause": "缺技术", "income_per_capita": 2850.5, "water_safe": "是",
              "first_identified": datetime.date(2014, 5, 1), "phone": "13800000000"}
    return [
        ("roster", fill_template(RosterImporter, [
            {**member, "name": "张三", "id_number": new_id(1), "relation": "户主",
             "education": "初中", "employment": "省外务工", "months_worked": 8},
            {**member, "name": "李四", "id_number": new_id(2, male=False), "relation": "配偶"}]),
         lambda p, d: household_import(actor=clerk, path=p, dry_run=d),
         {"persons_created": 2, "households_created": 1, "rejected": 0}),
        ("population", fill_template(PopulationImporter, [
            {"code": "621124100201", "name": "测试洮阳镇1村", "agricultural": 1250, "year": 2016,
             "source": "临洮县统计局"}]),
         lambda p, d: population_import(actor=clerk, path=p, dry_run=d),
         {"populations_created": 1, "rejected": 0}),
    ]



@pytest.mark.parametrize("libreoffice", [False, True], ids=["as-filled", "saved-by-libreoffice"])
def test_each_filled_template_imports(filled, libreoffice, import_filled_templates):
    import_filled_templates(filled, libreoffice=libreoffice)
    if not libreoffice:  # the real run (the LibreOffice copies are checked as a dry run)
        assert Person.objects.count() == 2 and AreaPopulation.objects.get().agricultural == 1250
