"""The registered poor (建档立卡): households, their members, exit history and monitoring.

Every model that names people reads through `visible_to(user)` (regions.scoping), scoped by the
12-digit code of the household's village. ID numbers are never stored in clear: `id_cipher`
holds the AES-GCM ciphertext, `id_hash` a keyed HMAC for exact lookup and uniqueness, and
`id_masked` what most roles see (registry.crypto).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiezuo.regions.scoping import ScopedQuerySet
from xiezuo.registry.choices import (
    Cause,
    ChangeSource,
    Education,
    Employment,
    ExitStatus,
    Health,
    HouseholdEventKind,
    LabourCapacity,
    MonitoringType,
    PovertyAttribute,
    Relation,
    Schooling,
    Sex,
)


class RosterImportQuerySet(ScopedQuerySet):
    area_code_field = "county__code"


class RosterImport(models.Model):
    """One roster file given to the import, kept under DATA_DIR/uploads with its summary."""

    file = models.CharField(_("保存的文件"), max_length=300,
                            help_text=_("相对于数据目录的路径"))
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    county = models.ForeignKey("regions.Area", verbose_name=_("县"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    dry_run = models.BooleanField(_("试运行"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("花名册导入")
        verbose_name_plural = _("花名册导入")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.at:%Y-%m-%d %H:%M})" if self.at else self.original_name


class HouseholdQuerySet(ScopedQuerySet):
    area_code_field = "village__code"


class Household(models.Model):
    """A registered poor household (贫困户), keyed by county and household number (户编号)."""

    county = models.ForeignKey("regions.Area", verbose_name=_("县"), on_delete=models.PROTECT,
                               related_name="+")
    township = models.ForeignKey("regions.Area", verbose_name=_("乡(镇)"),
                                 on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey("regions.Area", verbose_name=_("行政村"),
                                on_delete=models.PROTECT, related_name="households")
    natural_village = models.CharField(_("自然村"), max_length=64, blank=True)
    number = models.CharField(_("户编号"), max_length=40)
    size = models.PositiveSmallIntegerField(_("人数"), null=True, blank=True)
    #: person rows in the registry, kept by database triggers (registry/member_count.py) so
    #: county-wide counts need not join every person; `size` is what the roster declared.
    member_count = models.PositiveIntegerField(_("登记人数"), default=0, editable=False)
    poverty_attribute = models.CharField(_("贫困户属性"), max_length=16,
                                         choices=PovertyAttribute.choices, blank=True)
    exit_status = models.CharField(_("脱贫属性"), max_length=16, choices=ExitStatus.choices,
                                   default=ExitStatus.NOT_EXITED, db_index=True)
    exit_year = models.PositiveSmallIntegerField(_("脱贫年度"), null=True, blank=True)
    main_cause = models.CharField(_("主要致贫原因"), max_length=16, choices=Cause.choices,
                                  blank=True)
    #: up to two further causes, joined with "、" (the roster's optional 其他致贫原因 column)
    other_causes = models.CharField(_("其他致贫原因"), max_length=64, blank=True)
    dangerous_house = models.BooleanField(_("危房户"), null=True, blank=True)
    water_safe = models.BooleanField(_("饮水安全"), null=True, blank=True)
    water_difficulty = models.BooleanField(_("饮水困难"), null=True, blank=True)
    income_per_capita = models.DecimalField(_("人均纯收入（元）"), max_digits=12,
                                            decimal_places=2, null=True, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    first_identified = models.DateField(_("首次识别时间"), null=True, blank=True)
    # The household's current post-2020 monitoring type (防返贫监测); history in MonitoringRecord.
    monitoring_type = models.CharField(_("监测对象类型"), max_length=16,
                                       choices=MonitoringType.choices, blank=True)
    #: optimistic locking: a form carries the version it was read at; a save at another is refused
    version = models.PositiveIntegerField(_("版本"), default=1)
    source_import = models.ForeignKey(RosterImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("贫困户")
        verbose_name_plural = _("贫困户")
        ordering = ["village__code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["county", "number"], name="registry_household_number"),
        ]
        indexes = [models.Index(fields=["village", "exit_status"]),
                   models.Index(fields=["exit_year"]),
                   # PostgreSQL: a township's or a county's households summed by an index-only
                   # scan (SQLite ignores INCLUDE and keeps a plain village index)
                   models.Index(fields=["village"], include=["member_count", "exit_status",
                                                             "exit_year"],
                                name="registry_hh_village_cover")]

    def __str__(self) -> str:
        return self.number

    @property
    def area_code(self) -> str:
        return self.village.code

    @property
    def other_causes_list(self) -> list[str]:
        return [c for c in self.other_causes.split("、") if c]


class VillageRollupQuerySet(ScopedQuerySet):
    area_code_field = "village__code"

    def scope_q(self, prefixes: list[str]) -> Q:
        """The villages' ids found first (`village_id = ANY(ARRAY(ids of the scope's villages))`
        on PostgreSQL), so a county's rollup is read by its unique index, a few rows per
        village. Joined to the areas by a code LIKE, PostgreSQL read the whole rollup (a few
        hundred thousand rows at 10 million people) and hashed it against the scope's
        villages (docs/decisions/0009). The same rows as `village__code` starting with a
        prefix."""
        from xiezuo.regions.models import Area

        q = Q(pk__in=[])
        for p in prefixes:
            q |= Q(village__id__any_of=Area.objects.filter(code__startswith=p)
                                                 .order_by().values("pk"))
        return q


class VillageRollup(models.Model):
    """Households and their registered members per village, exit status and exit year: what a
    county's or a city's figures sum, kept equal to grouping the households by database
    triggers (registry/rollup.py); its size follows villages, not people. Never written by the
    application."""

    village = models.ForeignKey("regions.Area", verbose_name=_("行政村"),
                                on_delete=models.DO_NOTHING, db_constraint=False,
                                db_index=False, related_name="+")
    exit_status = models.CharField(_("脱贫属性"), max_length=16, choices=ExitStatus.choices)
    exit_year = models.PositiveSmallIntegerField(_("脱贫年度"), null=True, blank=True)
    households = models.IntegerField(_("户数"), default=0)
    members = models.IntegerField(_("登记人数"), default=0)

    objects = VillageRollupQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政村汇总")
        verbose_name_plural = _("行政村汇总")
        # the unique index the triggers upsert into is made by the migration: on PostgreSQL
        # NULLS NOT DISTINCT (a household without an exit year is one group per village)

    def __str__(self) -> str:
        return f"{self.village_id} {self.exit_status} {self.exit_year}"


class PersonQuerySet(ScopedQuerySet):
    area_code_field = "household__village__code"


class Person(models.Model):
    """A member of a registered household, keyed by ID number (through its keyed hash)."""

    household = models.ForeignKey(Household, verbose_name=_("户"), on_delete=models.CASCADE,
                                  related_name="members")
    number = models.CharField(_("人编号"), max_length=40, blank=True)
    name = models.CharField(_("姓名"), max_length=64, db_index=True)
    id_cipher = models.BinaryField(_("证件号码（密文）"))
    id_hash = models.CharField(_("证件号码（索引）"), max_length=64, unique=True)
    id_masked = models.CharField(_("证件号码"), max_length=18)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("出生日期"))
    relation = models.CharField(_("与户主关系"), max_length=8, choices=Relation.choices)
    ethnicity = models.CharField(_("民族"), max_length=16, blank=True)
    education = models.CharField(_("文化程度"), max_length=8, choices=Education.choices,
                                 blank=True)
    schooling = models.CharField(_("在校生状况"), max_length=8, choices=Schooling.choices,
                                 blank=True)
    health = models.CharField(_("健康状况"), max_length=8, choices=Health.choices, blank=True)
    labour_capacity = models.CharField(_("劳动技能"), max_length=12,
                                       choices=LabourCapacity.choices, blank=True, db_index=True)
    employment = models.CharField(_("务工状况"), max_length=12, choices=Employment.choices,
                                  blank=True)
    months_worked = models.PositiveSmallIntegerField(_("务工时间（月）"), null=True, blank=True)
    illness_insurance = models.BooleanField(_("参加大病医疗"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    source_import = models.ForeignKey(RosterImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("贫困人口")
        verbose_name_plural = _("贫困人口")
        ordering = ["household_id", "id"]
        indexes = [models.Index(fields=["birth_date"]),
                   # a name searched within a county or a township: the scope's households'
                   # people read by index-only scans, without their rows (PostgreSQL; SQLite
                   # ignores INCLUDE). Names of three characters or more also have a trigram
                   # index on PostgreSQL (migration 0007, docs/decisions/0009).
                   models.Index(fields=["household"], include=["name"],
                                name="registry_person_hh_name")]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_masked}）"


class StatusChangeQuerySet(ScopedQuerySet):
    area_code_field = "household__village__code"


class StatusChange(models.Model):
    """One change of a household's exit status (脱贫属性), with where it came from and who."""

    household = models.ForeignKey(Household, verbose_name=_("户"), on_delete=models.CASCADE,
                                  related_name="status_changes")
    old = models.CharField(_("原脱贫属性"), max_length=16, choices=ExitStatus.choices,
                           blank=True)
    new = models.CharField(_("新脱贫属性"), max_length=16, choices=ExitStatus.choices)
    date = models.DateField(_("变更日期"))
    source = models.CharField(_("来源"), max_length=8, choices=ChangeSource.choices)
    source_import = models.ForeignKey(RosterImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("脱贫属性变更")
        verbose_name_plural = _("脱贫属性变更")
        ordering = ["household_id", "date", "id"]
        # the home page's latest change after the last exit year: the few recent changes read
        # by date (with their household, to scope them), not every change of a city's
        # households (docs/decisions/0009)
        indexes = [models.Index(fields=["date", "household"], name="registry_sc_date_hh")]

    def __str__(self) -> str:
        return f"{self.household}: {self.old or '—'} → {self.new} ({self.date})"


class HouseholdEventQuerySet(ScopedQuerySet):
    area_code_field = "household__village__code"


class HouseholdEvent(models.Model):
    """A change made to a household by hand: created, a member added or removed, an ID number
    corrected. ID numbers appear here only masked (as everywhere on the pages); the audit log
    holds the same event with who, when and from where."""

    household = models.ForeignKey(Household, verbose_name=_("户"), on_delete=models.CASCADE,
                                  related_name="events")
    kind = models.CharField(_("事项"), max_length=16, choices=HouseholdEventKind.choices)
    #: the member concerned, by name (the row itself is gone after a removal)
    person_name = models.CharField(_("成员"), max_length=64, blank=True)
    old_id_masked = models.CharField(_("原证件号码"), max_length=18, blank=True)
    new_id_masked = models.CharField(_("新证件号码"), max_length=18, blank=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    date = models.DateField(_("日期"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = HouseholdEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("户变更记录")
        verbose_name_plural = _("户变更记录")
        ordering = ["household_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.household} {self.get_kind_display()} {self.person_name}"


class MonitoringRecordQuerySet(ScopedQuerySet):
    area_code_field = "household__village__code"


class MonitoringRecord(models.Model):
    """A household under post-2020 monitoring against return to poverty (防返贫监测)."""

    household = models.ForeignKey(Household, verbose_name=_("户"), on_delete=models.CASCADE,
                                  related_name="monitoring")
    type = models.CharField(_("监测对象类型"), max_length=16, choices=MonitoringType.choices)
    risk = models.CharField(_("风险"), max_length=200)
    found = models.DateField(_("识别日期"))
    cleared = models.DateField(_("消除风险日期"), null=True, blank=True)

    objects = MonitoringRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("监测记录")
        verbose_name_plural = _("监测记录")
        ordering = ["household_id", "found"]

    def __str__(self) -> str:
        return f"{self.household} {self.type} {self.found}"


class AreaPopulationQuerySet(ScopedQuerySet):
    area_code_field = "area__code"


class AreaPopulation(models.Model):
    """The agricultural population of a village or township: the denominator of poverty incidence.

    Not part of the roster; real figures come from the statistics bureau, the demo's are synthetic
    (and labelled so). See docs/registry.md, "Poverty incidence".
    """

    area = models.OneToOneField("regions.Area", verbose_name=_("区域"), on_delete=models.CASCADE,
                                related_name="population")
    agricultural = models.PositiveIntegerField(_("农业人口"))
    year = models.PositiveSmallIntegerField(_("年度"))
    source = models.CharField(_("来源"), max_length=200, blank=True)
    synthetic = models.BooleanField(_("合成数据"), default=False)

    objects = AreaPopulationQuerySet.as_manager()

    class Meta:
        verbose_name = _("农业人口")
        verbose_name_plural = _("农业人口")

    def __str__(self) -> str:
        return f"{self.area} {self.agricultural}"


class AreaListImport(models.Model):
    """A statistics-bureau code list loaded with `xiezuo load_areas`, kept with its summary."""

    file = models.CharField(_("保存的文件"), max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("区划代码导入")
        verbose_name_plural = _("区划代码导入")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.original_name
