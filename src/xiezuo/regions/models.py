from django.db import models
from django.utils.translation import gettext_lazy as _

from xiezuo.regions.choices import Level, Side
from xiezuo.regions.codes import code_prefix
from xiezuo.regions.scoping import ScopedQuerySet


class AreaQuerySet(ScopedQuerySet):
    area_code_field = "code"

    def townships_of(self, county: "Area") -> "AreaQuerySet":
        return self.filter(parent=county, level=Level.TOWNSHIP)


class Area(models.Model):
    """One administrative area: province, city, county, township or village."""

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    side = models.CharField(_("协作方"), max_length=8, choices=Side.choices)
    synthetic = models.BooleanField(
        _("合成数据"), default=False,
        help_text=_("由演示数据生成器造出，不是真实区划。"),
    )
    deep_poverty = models.BooleanField(_("深度贫困"), default=False)
    deep_poverty_source = models.CharField(
        _("深度贫困认定来源"), max_length=200, blank=True,
        help_text=_("认定文件或数据来源；演示数据标为“合成”。"),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("区域")
        verbose_name_plural = _("区域")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        return code_prefix(self.code, self.level)

    def ancestors(self) -> list["Area"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def full_name(self) -> str:
        return "".join(a.name for a in [*self.ancestors(), self])


class Partnership(models.Model):
    """An eastern county-level division helping a western county for a period (东西部扶贫协作
    结对), with the plan file that states its targets. Several live side by side (the pairs of
    the Fuzhou–Dingxi framework); a pairing no plan states is demo data, `synthetic`."""

    east = models.ForeignKey(Area, verbose_name=_("东部"), on_delete=models.PROTECT,
                             related_name="partnerships_as_east")
    west = models.ForeignKey(Area, verbose_name=_("西部"), on_delete=models.PROTECT,
                             related_name="partnerships_as_west")
    start_year = models.PositiveSmallIntegerField(_("起始年度"))
    end_year = models.PositiveSmallIntegerField(_("结束年度"))
    name = models.CharField(_("名称"), max_length=100)
    #: the plan file stating the pair's targets (plan.Plan links back; "" until one is loaded)
    plan_file = models.CharField(_("规划文件"), max_length=200, blank=True)
    synthetic = models.BooleanField(
        _("合成数据"), default=False,
        help_text=_("规划未载明的结对，仅为演示数据。"),
    )

    class Meta:
        verbose_name = _("协作关系")
        verbose_name_plural = _("协作关系")
        constraints = [
            models.UniqueConstraint(fields=["east", "west", "start_year"], name="uniq_partnership"),
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="partnership_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def prefixes(self) -> tuple[str, str]:
        """The code prefixes of its two sides (east, west)."""
        return (self.east.prefix, self.west.prefix)
