from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.roles import SEES_PARTNER
from xiezuo.regions.scoping import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    # An account is within a manager's scope when its own area lies inside it; accounts with no
    # area are seen by superusers only.
    area_code_field = "scope__code"


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who works with Xiezuo: one role, one area of responsibility."""

    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    scope = models.ForeignKey(
        "regions.Area", verbose_name=_("负责区域"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    organisation = models.CharField(pgettext_lazy("organisation", "单位"), max_length=100, blank=True)
    must_change_password = models.BooleanField(
        _("须修改密码"), default=False,
        help_text=_("密码由他人设置（新建账号或重置密码），本人登录时须先设置自己的密码。"),
    )
    #: optimistic locking: the edit form carries the version it was read at (accounts.versioned)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def area_prefixes(self) -> list[str]:
        """Code prefixes of the areas this user may see (see regions.scoping)."""
        if self.scope_id is None:
            return []
        prefixes = [self.scope.prefix]
        if self.role in SEES_PARTNER:
            from xiezuo.regions.models import Partnership

            for p in Partnership.objects.select_related("east", "west").filter(
                models.Q(east__code__startswith=self.scope.prefix)
                | models.Q(west__code__startswith=self.scope.prefix)
            ):
                prefixes += [p.east.prefix, p.west.prefix]
        # Drop prefixes already covered by a shorter one.
        out: list[str] = []
        for p in sorted(set(prefixes), key=len):
            if not any(p.startswith(q) for q in out):
                out.append(p)
        return out


class AuditEventDeleteRefused(Exception):
    """Audit events are kept (at least six months, MLPS level 3) and never deleted or changed
    by the application."""


_APPEND_ONLY = "审计事件只能追加，不能删除或修改（accounts_auditevent is append-only）"


class AuditEventQuerySet(ScopedQuerySet):
    area_code_field = "area_code"

    def delete(self):
        raise AuditEventDeleteRefused(_APPEND_ONLY)

    delete.queryset_only = True

    def update(self, **kwargs):
        raise AuditEventDeleteRefused(_APPEND_ONLY)

    def _raw_delete(self, using):
        raise AuditEventDeleteRefused(_APPEND_ONLY)

    def scope_q(self, prefixes):
        # Events about no particular area (log-ins, settings) are visible to every auditor.
        from xiezuo.regions.scoping import prefix_q

        return prefix_q("area_code", prefixes) | models.Q(area_code="")


class AuditEvent(models.Model):
    """Who did what to which record, when, from where, with the values before and after.

    Written by the service functions (accounts.services.audit_record), never by signals, so
    that an event names the business action rather than a row write.
    """

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=32, choices=AuditAction.choices,
                              db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    area_code = models.CharField(_("区域代码"), max_length=12, blank=True, db_index=True)
    old = models.JSONField(_("原值"), null=True, blank=True)
    new = models.JSONField(_("新值"), null=True, blank=True)
    client_address = models.GenericIPAddressField(_("客户端地址"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditEventDeleteRefused(_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEventDeleteRefused(_APPEND_ONLY)
