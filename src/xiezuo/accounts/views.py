import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice

from xiezuo.accounts import auditview, reach, services, twofactor
from xiezuo.accounts.access import require
from xiezuo.accounts.forms import (
    AuditFilterForm,
    OwnFirstPasswordForm,
    OwnPasswordChangeForm,
    SecondFactorCodeForm,
    SecondFactorEnrolForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.accounts.roles import MANAGES_USERS, SEES_AUDIT_LOG
from xiezuo.accounts.selectors import accounts_in_scope, audit_events, login_lockouts
from xiezuo.accounts.versioned import StaleEditError
from xiezuo.core.lists import paginate
from xiezuo.core.redirects import next_or
from xiezuo.regions.scoping import scope_label
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response

# Between a correct password that must be replaced and the new one: who, how, where to, since when.
PENDING = "xiezuo_password_pending"
PENDING_SECONDS = 10 * 60
# Between a correct password and the second factor's code: the same, plus the wrong codes so far.
OTP_PENDING = "xiezuo_otp_pending"
OTP_PENDING_TRIES = 5


def _after_password(request, user, *, backend: str, next_url: str):
    """The password is right (and the person's own): log in, or first ask for the code of their
    second factor. Nobody is logged in on the password alone while they have a device."""
    if twofactor.has_second_factor(user):
        request.session[OTP_PENDING] = {"user": user.pk, "backend": backend, "next": next_url,
                                        "at": time.time(), "tries": 0}
        return redirect("accounts:otp_verify")
    auth_login(request, user, backend=backend)
    services.login_record(user=user)
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if user.must_change_password:
            # Not logged in until they have set their own password: a password someone else
            # typed opens nothing but the page that replaces it.
            self.request.session[PENDING] = {"user": user.pk, "backend": user.backend,
                                             "next": self.get_success_url(), "at": time.time()}
            return redirect("accounts:password_first")
        return _after_password(self.request, user, backend=user.backend,
                               next_url=self.get_success_url())


@sensitive_post_parameters()
def otp_verify(request):
    """The second step of logging in: a code from the authenticator, or a recovery code."""
    pending = request.session.get(OTP_PENDING) or {}
    user = None
    if request.user.is_authenticated:
        # A session that is logged in but not verified (one from before the device existed).
        user = request.user
        if user.is_verified():
            return redirect(next_or(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
    elif pending and time.time() - pending["at"] < PENDING_SECONDS:
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None or not twofactor.has_second_factor(user):
        request.session.pop(OTP_PENDING, None)
        return redirect("accounts:login")
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, "".join(form.cleaned_data["code"].split()))
        if device is None:
            services.second_factor_failed_record(user=user)
            if pending:
                pending["tries"] += 1
                if pending["tries"] >= OTP_PENDING_TRIES:
                    # Back to the password, which the lock-out counts.
                    del request.session[OTP_PENDING]
                    messages.error(request, _("验证码错误次数过多，请重新登录。"))
                    return redirect("accounts:login")
                request.session[OTP_PENDING] = pending
            form.add_error("code", _("验证码不正确或已过期。"))
        else:
            if not request.user.is_authenticated:
                del request.session[OTP_PENDING]
                auth_login(request, user, backend=pending["backend"])
                services.login_record(user=user)
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _("已使用一个恢复码，还剩 %(n)d 个。如手机丢失，请在“两步验证”页面重新设置。")
                                 % {"n": device.token_set.count()})
            target = pending.get("next") or next_or(
                request, resolve_url(settings.LOGIN_REDIRECT_URL))
            return HttpResponseRedirect(target)
    return render(request, "accounts/otp_verify.html", {"form": form,
                                                        "next": request.GET.get("next", "")})


@login_required
def otp_setup(request):
    """Enrolment: a new secret as a QR code and as text, confirmed by a first code; then the
    recovery codes, shown once. A user who has a device sees its state."""
    user = request.user
    if twofactor.has_second_factor(user):
        if not user.is_verified():
            # A session opened on the password alone never replaces an existing device.
            return redirect("accounts:otp_verify")
        return render(request, "accounts/otp_status.html", {
            "required": twofactor.second_factor_required(user),
            "codes_left": twofactor.recovery_codes_left(user)})
    key = request.session.get(twofactor.SETUP_KEY)
    if not key:
        key = request.session[twofactor.SETUP_KEY] = twofactor.new_secret()
    form = SecondFactorEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.code_matches(key, form.cleaned_data["code"]):
            device, codes = services.second_factor_enrol(actor=user, key_hex=key)
            del request.session[twofactor.SETUP_KEY]
            otp_login(request, device)
            return render(request, "accounts/otp_codes.html", {
                "codes": codes, "next": next_or(request, resolve_url(settings.LOGIN_REDIRECT_URL))})
        form.add_error("code", _("验证码不正确，请确认手机时间准确后再试。"))
    return render(request, "accounts/otp_setup.html", {
        "form": form, "secret": twofactor.secret_base32(key),
        "required": twofactor.second_factor_required(user),
        "next": request.POST.get("next") or request.GET.get("next", "")})


@login_required
def otp_qr(request):
    """The QR code of the secret being enrolled, made on the server (no image from elsewhere)."""
    key = request.session.get(twofactor.SETUP_KEY)
    if not key:
        raise Http404
    return HttpResponse(twofactor.qr_svg(twofactor.provisioning_uri(request.user, key)),
                        content_type="image/svg+xml")


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.logout_record(user=request.user)
        return super().post(request, *args, **kwargs)


@sensitive_post_parameters()
def password_first(request):
    """Set one's own password after logging in with one a manager set."""
    pending = request.session.get(PENDING) or {}
    user = None
    if pending and time.time() - pending["at"] < PENDING_SECONDS:
        user = User.objects.filter(pk=pending["user"], is_active=True,
                                   must_change_password=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    form = OwnFirstPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(actor=user, user=user,
                                   password=form.cleaned_data["new_password1"])
        del request.session[PENDING]
        messages.success(request, _("密码已设置。"))
        return _after_password(request, user, backend=pending["backend"],
                               next_url=pending["next"])
    return render(request, "accounts/form.html", {
        "form": form, "title": _("设置您自己的密码"),
        "intro": _("您的密码是管理员设置的。请先设置一个只有您自己知道的新密码，然后才能继续使用。")})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user's own password: the old one, then the new one twice, checked by the policy."""

    template_name = "accounts/form.html"
    form_class = OwnPasswordChangeForm
    title = gettext_lazy("修改密码")
    success_url = reverse_lazy("core:home")
    extra_context = {"back": reverse_lazy("core:home")}

    def form_valid(self, form):
        user = services.user_set_password(actor=self.request.user, user=form.user,
                                          password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)  # stay logged in here; other sessions end
        messages.success(self.request, _("密码已修改。"))
        return HttpResponseRedirect(self.get_success_url())


@require(SEES_AUDIT_LOG)
def audit_list(request):
    types = (AuditEvent.objects.visible_to(request.user).order_by()
             .values_list("object_type", flat=True).distinct())
    form = AuditFilterForm(request.GET or None, types=auditview.object_type_choices(types))
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(user=request.user, **{k: v for k, v in filters.items() if v})
    if wants_xlsx(request):
        return xlsx_response(title=_("审计日志"), columns=AUDIT_COLUMNS,
                             rows=map(auditview.describe, events.iterator()),
                             filename=_("审计日志"), scope=scope_label(request.user))
    page = paginate(request, events.select_related("actor"))
    rows = [auditview.describe(e) for e in page]
    return render(request, "accounts/audit_list.html", {"form": form, "page": page, "rows": rows})


def _changes_text(row) -> str:
    return "\n".join(f"{c.label}：{c.old} → {c.new}" if c.old and c.new
                     else f"{c.label}：{c.new or c.old}" for c in row.changes)


AUDIT_COLUMNS = [
    XCol(gettext_lazy("时间"), "event.at", kind="datetime", width=18),
    XCol(gettext_lazy("操作人"), "event.actor_name"), XCol(gettext_lazy("操作"), "event.action"),
    XCol(gettext_lazy("对象类型"), "type_label"), XCol(gettext_lazy("对象编号"), "event.object_id"),
    XCol(gettext_lazy("对象"), "event.object_repr"),
    XCol(gettext_lazy("变更内容"), _changes_text, width=60),
    XCol(gettext_lazy("说明"), "event.note"), XCol(gettext_lazy("客户端地址"), "event.client_address"),
]


# --- managing accounts: MANAGES_USERS (403 otherwise); an account outside one's scope is 404 -----

def _account(request, pk: int) -> User:
    account = get_object_or_404(User.objects.visible_to(request.user).select_related("scope"),
                                pk=pk)
    if not reach.may_manage(request.user, account):
        raise PermissionDenied
    return account


USER_COLUMNS = [
    XCol(gettext_lazy("用户名"), "username"), XCol(gettext_lazy("姓名"), "display_name"),
    XCol(gettext_lazy("单位"), "organisation", width=30), XCol(gettext_lazy("角色"), "role"),
    XCol(gettext_lazy("负责区域代码"), "scope.code", width=15),
    XCol(gettext_lazy("负责区域"), "scope.name"), XCol(gettext_lazy("在用"), "is_active"),
    XCol(gettext_lazy("最近登录"), "last_login", kind="datetime"),
]


@require(MANAGES_USERS)
def user_list(request):
    form = UserFilterForm(request.GET or None, manager=request.user)
    accounts = accounts_in_scope(user=request.user, **form.filters())
    if wants_xlsx(request):
        return xlsx_response(title=_("账号"), columns=USER_COLUMNS, rows=accounts,
                             filename=_("账号"), scope=scope_label(request.user))
    page = paginate(request, accounts)
    rows = [(u, reach.may_manage(request.user, u)) for u in page]
    return render(request, "accounts/user_list.html", {"form": form, "page": page, "rows": rows})


@require(MANAGES_USERS)
@sensitive_post_parameters("password", "password2")
def user_create(request):
    form = UserCreateForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            account = services.user_create(
                actor=request.user, username=d["username"], password=d["password"],
                role=d["role"], scope=d["scope"], display_name=d["display_name"],
                organisation=d["organisation"], must_change_password=True)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已新建账号 %(u)s，本人首次登录时须设置自己的密码。")
                             % {"u": account.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/form.html", {
        "form": form, "title": _("新建账号"), "back": reverse("accounts:user_list")})


@require(MANAGES_USERS)
def user_edit(request, pk: int):
    account = _account(request, pk)
    initial = {"display_name": account.display_name, "organisation": account.organisation,
               "role": account.role, "scope": account.scope_id, "version": account.version}
    form = UserEditForm(request.POST or None, manager=request.user, account=account,
                        initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.user_update(actor=request.user, user=account, version=d["version"],
                                 role=d["role"], scope=d["scope"],
                                 display_name=d["display_name"], organisation=d["organisation"])
        except StaleEditError as e:
            form.add_error(None, _("未保存：%(e)s。您的修改没有覆盖他人的修改。") % {"e": e})
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已保存账号 %(u)s。") % {"u": account.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_edit.html", {
        "form": form, "account": account, "is_self": account.pk == request.user.pk,
        "lockouts": login_lockouts(user=account),
        "second_factor": twofactor.has_second_factor(account),
        "second_factor_required": twofactor.second_factor_required(account)})


@require(MANAGES_USERS)
@require_POST
def user_unlock(request, pk: int):
    account = _account(request, pk)
    services.user_unlock(actor=request.user, user=account)
    messages.success(request, _("已解除 %(u)s 的登录锁定。") % {"u": account.username})
    return redirect("accounts:user_edit", account.pk)


@require(MANAGES_USERS)
@require_POST
def user_second_factor_reset(request, pk: int):
    account = _account(request, pk)
    try:
        services.second_factor_reset(actor=request.user, user=account)
    except ValidationError as e:
        messages.error(request, "; ".join(e.messages))
    else:
        messages.success(request, _("已重置 %(u)s 的两步验证，本人下次登录时须重新设置。")
                         % {"u": account.username})
    return redirect("accounts:user_edit", account.pk)


@require(MANAGES_USERS)
@require_POST
def user_active(request, pk: int):
    account = _account(request, pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=account, active=active)
    except ValidationError as e:
        messages.error(request, "; ".join(e.messages))
    else:
        messages.success(request, (_("已启用账号 %(u)s。") if active else _("已停用账号 %(u)s。"))
                         % {"u": account.username})
    return redirect("accounts:user_edit", account.pk)


@require(MANAGES_USERS)
@sensitive_post_parameters()
def user_password(request, pk: int):
    account = _account(request, pk)
    if account.pk == request.user.pk:
        return redirect("accounts:password_change")  # one's own: with the old password
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(actor=request.user, user=account,
                                   password=form.cleaned_data["new_password1"])
        messages.success(request, _("已重置 %(u)s 的密码，本人下次登录时须设置自己的密码。")
                         % {"u": account.username})
        return redirect("accounts:user_edit", account.pk)
    return render(request, "accounts/form.html", {
        "form": form, "title": _("重置 %(u)s 的密码") % {"u": account},
        "back": reverse("accounts:user_edit", args=[account.pk])})
