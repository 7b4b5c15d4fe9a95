from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import render

from xiezuo.accounts import services
from xiezuo.accounts.access import require
from xiezuo.accounts.forms import AuditFilterForm
from xiezuo.accounts.roles import SEES_AUDIT_LOG
from xiezuo.accounts.selectors import audit_events


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_record(user=form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.logout_record(user=request.user)
        return super().post(request, *args, **kwargs)


@require(SEES_AUDIT_LOG)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(user=request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events.select_related("actor"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit_list.html",
                  {"form": form, "page": page, "query": query.urlencode()})
