from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm, SetPasswordMixin
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.accounts import reach
from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.regions.choices import LEVEL_ORDER, Level
from xiezuo.regions.models import Area


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("操作人"), required=False)
    action = forms.ChoiceField(label=_("操作"), required=False,
                               choices=[("", _("全部"))] + list(AuditAction.choices))
    object_type = forms.ChoiceField(label=_("对象类型"), required=False, choices=[("", _("全部"))])
    date_from = forms.DateField(label=_("起始日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("对象包含"), required=False)

    def __init__(self, *args, types: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # the record types present in the trail, by their Chinese names (accounts.auditview)
        self.fields["object_type"].choices = [("", _("全部")), *types]


class AreaChoiceField(forms.ModelChoiceField):
    """Areas by name, indented by level below the highest level offered (see `offer`)."""

    top = 0

    def offer(self, queryset) -> None:
        self.queryset = queryset
        levels = set(queryset.values_list("level", flat=True).distinct())
        self.top = min((LEVEL_ORDER.index(Level(v)) for v in levels), default=0)

    def label_from_instance(self, obj):
        return "\u3000" * (LEVEL_ORDER.index(Level(obj.level)) - self.top) + obj.name


ACTIVE_CHOICES = [("", _("全部")), ("yes", _("在用")), ("no", _("已停用"))]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("用户名、姓名或单位"), required=False)
    role = forms.ChoiceField(label=_("角色"), required=False,
                             choices=[("", _("全部"))] + list(Role.choices))
    area = AreaChoiceField(label=_("区域"), required=False, queryset=Area.objects.none(),
                           empty_label=_("全部"))
    active = forms.ChoiceField(label=_("状态"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].offer(reach.assignable_areas(manager))

    def filters(self) -> dict:
        """The selector's keyword arguments for what was chosen."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"q": d["q"].strip(), "role": d["role"], "area": d["area"],
                "active": {"yes": True, "no": False}.get(d["active"])}


class _AccountFields(forms.Form):
    """Role and scope limited to what the manager may grant (see accounts.reach)."""

    display_name = forms.CharField(label=_("姓名"), max_length=64)
    organisation = forms.CharField(label=pgettext_lazy("organisation", "单位"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("角色"))
    scope = AreaChoiceField(label=_("负责区域"), queryset=Area.objects.none(),
                            help_text=_("只能选择您负责区域之内的县或乡镇。"))

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = manager
        self.fields["role"].choices = [("", "---------")] + reach.assignable_roles(manager)
        self.fields["scope"].offer(reach.assignable_areas(manager))

    def clean(self):
        d = super().clean()
        if d.get("role") and d.get("scope") and not reach.within_reach(
                self.manager, role=d["role"], scope=d["scope"]):
            self.add_error("role", _("这个角色能看到的范围超出了您的管理范围。"))
        return d


class UserCreateForm(SetPasswordMixin, _AccountFields):
    username = forms.CharField(label=_("用户名"), max_length=150,
                               validators=[UnicodeUsernameValidator()],
                               help_text=_("登录时使用，建好后不能修改。"))
    password, password2 = SetPasswordMixin.create_password_fields(
        label1=_("初始密码"), label2=_("再次输入初始密码"))

    field_order = ["username", "display_name", "organisation", "role", "scope", "password",
                   "password2"]

    def clean(self):
        d = super().clean()
        # The policy itself is checked by the service, against the account being made.
        self.validate_passwords("password", "password2")
        return d


class UserEditForm(_AccountFields):
    #: the version the form was read at; a save after someone else's is refused
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = False  # older accounts may have none
        role = self.fields["role"]
        if account.role and account.role not in dict(role.choices):
            # A role the manager could not grant with their own scope but the account's smaller
            # scope keeps within reach: offer it so the form does not silently change it.
            role.choices = [*role.choices, (account.role, account.get_role_display())]


class _NotTheCurrentPassword:
    """The new password must differ from the account's current one. On the first log-in the
    current one is the password an administrator typed: keeping it would leave a password that
    someone else knows, which is what the forced change is for."""

    def clean_new_password2(self):
        password = self.cleaned_data.get("new_password2")
        if password and self.user.check_password(password):
            raise forms.ValidationError(_("新密码不能与当前密码（管理员设置的密码）相同。"),
                                        code="password_unchanged")
        return password


class OwnFirstPasswordForm(_NotTheCurrentPassword, SetPasswordForm):
    pass


class OwnPasswordChangeForm(_NotTheCurrentPassword, PasswordChangeForm):
    pass


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"), max_length=32, strip=True,
        help_text=_("身份验证器上的 6 位数字；手机丢失时可输入一个恢复码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "inputmode": "text", "size": 12}))


class SecondFactorEnrolForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"), max_length=16, strip=True,
        help_text=_("扫描二维码（或输入密钥）后，身份验证器上显示的 6 位数字。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "size": 8}))
