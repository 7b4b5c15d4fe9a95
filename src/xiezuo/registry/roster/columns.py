"""The roster's columns: header spelling, field, kind, and whether the file must have it."""

from dataclasses import dataclass, field

from xiezuo.registry import choices as c
from xiezuo.tabular.columns import header_key


@dataclass(frozen=True)
class Column:
    header: str  # as in registry-fields.md (and as the export writes it)
    key: str  # the model field (or a key the import resolves itself)
    kind: str  # text, code, id, int, year, decimal, date, yesno, choice, causes, area
    household: bool = False  # a household column, repeated on each member's row
    required: bool = False
    choices: tuple[str, ...] = field(default=())
    low: int | None = None
    high: int | None = None


def _ch(cls) -> tuple[str, ...]:
    return tuple(cls.values)


# In the order county offices exported them (registry-fields.md); 其他致贫原因 is an optional
# extra column the export adds so that a round trip keeps the other causes.
COLUMNS: tuple[Column, ...] = (
    Column("县", "county", "area", household=True),
    Column("乡(镇)", "township", "area", household=True, required=True),
    Column("行政村", "village", "area", household=True, required=True),
    Column("自然村", "natural_village", "text", household=True),
    Column("户编号", "number", "code", household=True, required=True),
    Column("人编号", "person_number", "code"),
    Column("姓名", "name", "text", required=True),
    Column("证件号码", "id_number", "id", required=True),
    Column("人数", "size", "int", household=True, low=1, high=99),
    Column("与户主关系", "relation", "choice", required=True, choices=_ch(c.Relation)),
    Column("民族", "ethnicity", "text"),
    Column("文化程度", "education", "choice", choices=_ch(c.Education)),
    Column("在校生状况", "schooling", "choice", choices=_ch(c.Schooling)),
    Column("健康状况", "health", "choice", choices=_ch(c.Health)),
    Column("劳动技能", "labour_capacity", "choice", choices=_ch(c.LabourCapacity)),
    Column("务工状况", "employment", "choice", choices=_ch(c.Employment)),
    Column("务工时间（月）", "months_worked", "int", low=0, high=12),
    Column("参加大病医疗", "illness_insurance", "yesno"),
    Column("脱贫属性", "exit_status", "choice", household=True, choices=_ch(c.ExitStatus)),
    Column("脱贫年度", "exit_year", "year", household=True),
    Column("贫困户属性", "poverty_attribute", "choice", household=True,
           choices=_ch(c.PovertyAttribute)),
    Column("主要致贫原因", "main_cause", "choice", household=True, choices=_ch(c.Cause)),
    Column("危房户", "dangerous_house", "yesno", household=True),
    Column("饮水安全", "water_safe", "yesno", household=True),
    Column("饮水困难", "water_difficulty", "yesno", household=True),
    Column("人均纯收入", "income_per_capita", "decimal", household=True),
    Column("联系电话", "phone", "text", household=True),
    Column("首次识别时间", "first_identified", "date", household=True),
    Column("其他致贫原因", "other_causes", "causes", household=True, choices=_ch(c.Cause)),
)

BY_HEADER_KEY = {header_key(col.header): col for col in COLUMNS}
BY_KEY = {col.key: col for col in COLUMNS}
REQUIRED = tuple(col for col in COLUMNS if col.required)
#: the header is the first row (of the first HEADER_SEARCH_ROWS) holding both of these
HEADER_MARKERS = (header_key("姓名"), header_key("证件号码"))
HEADER_SEARCH_ROWS = 10
PERSON_FIELDS = ("person_number", "name", "relation", "ethnicity", "education", "schooling",
                 "health", "labour_capacity", "employment", "months_worked", "illness_insurance")
HOUSEHOLD_FIELDS = ("natural_village", "size", "exit_status", "exit_year", "poverty_attribute",
                    "main_cause", "other_causes", "dangerous_house", "water_safe",
                    "water_difficulty", "income_per_capita", "phone", "first_identified")
ALIASES = {"relation": {header_key(k): v.value for k, v in c.RELATION_ALIASES.items()}}
