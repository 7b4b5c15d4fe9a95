"""The organisations register (企业与组织): one record for every enterprise, cooperative,
hospital, school, public body, social organisation or individual that the cooperation works
with, whatever part it appears in (labour's employers, industry's investors and buyers, talent's
hospitals and schools, social participation's donors, funds' payees).

The parts point at an `Organisation` and give it roles (`OrganisationRole`); what a part records
about it beyond the register's fields stays in the part. Scoped through both sides of the
user's partnerships (orgs.access).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiezuo.orgs.access import PartnershipScopedQuerySet
from xiezuo.orgs.choices import OrgKind, OrgRole, Sector, Side


class OrganisationQuerySet(PartnershipScopedQuerySet):
    area_code_field = "area__code"

    def with_role(self, role: str) -> "OrganisationQuerySet":
        """The organisations holding `role` (an OrgRole value)."""
        return self.filter(roles__role=OrgRole(role))


class Organisation(models.Model):
    name = models.CharField(_("名称"), max_length=200, db_index=True)
    #: GB 32100-2015, normalised and checked (orgs.creditcode); empty for an individual or a body
    #: that has none, unique otherwise
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=OrgKind.choices,
                            default=OrgKind.ENTERPRISE)
    #: the side of its area (east: the helping city; west: the county helped), kept with the area
    side = models.CharField(_("协作方"), max_length=8, choices=Side.choices, db_index=True)
    area = models.ForeignKey("regions.Area", verbose_name=_("所在地区"),
                             on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(_("行业"), max_length=16, choices=Sector.choices,
                              default=Sector.OTHER)
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("企业与组织")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["credit_code"], condition=~Q(credit_code=""),
                                    name="orgs_credit_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def role_list(self) -> list[str]:
        """Its roles' values in OrgRole order (from a prefetch when there is one)."""
        held = {r.role for r in self.roles.all()}
        return [r for r in OrgRole.values if r in held]

    @property
    def role_labels(self) -> list[str]:
        labels = dict(OrgRole.choices)
        return [str(labels[r]) for r in self.role_list]

    def has_role(self, role: str) -> bool:
        return OrgRole(role) in self.role_list


class OrganisationRole(models.Model):
    """One role an organisation holds, since when (the register's role table)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("组织"),
                                     on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("角色"), max_length=16, choices=OrgRole.choices, db_index=True)
    added_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("组织角色")
        verbose_name_plural = _("组织角色")
        ordering = ["organisation_id", "role"]
        constraints = [models.UniqueConstraint(fields=["organisation", "role"],
                                               name="orgs_role_once")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"
