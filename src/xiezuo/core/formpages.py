"""One shape for a page that edits through a service: bind the form, call the service, then
either redirect with a message or show the form again with the refusal written on it.

    @require(EDITS_MECHANISMS)
    def group_edit(request, pk):
        group = get_object_or_404(LeadingGroup.objects.visible_to(request.user), pk=pk)
        back = reverse("mechanisms:group_detail", args=[group.pk])
        return form_page(request, f.GroupEditForm(request.POST or None, instance=group),
                         save=lambda d: services.group_update(actor=request.user, group=group, **d),
                         title=_("编辑：%(n)s") % {"n": group.name}, back=back)

- `save(data)` gets a copy of the valid form's `cleaned_data` for a POST and returns what it
  made (or nothing); a GET or an invalid form never calls it.
- What a service refuses goes back onto the form as a non-field error, nothing saved: a stale
  edit (accounts.versioned.StaleEditError: someone saved in between), a ValidationError (its
  messages; those of a field the form has on that field), a PermissionDenied (its words, or "您没有执行此操作的权限").
- On success: `message` (text, or f(obj) -> text; default 已保存) and a redirect to `done`
  (a URL, or f(obj) -> a URL, anything `redirect` takes, or a tuple of its arguments such as
  `("app:thing_detail", obj.pk)`; default `back`).
- The page is `template` (default core/form.html: the title, the form, 保存 and 返回 to `back`)
  with `context` added.

The shell imports no part; this asks only Django and accounts (the stale-edit refusal).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xiezuo.accounts.versioned import StaleEditError


def form_page(request, form, *, save: Callable[[dict], Any], title: str, back: str,
              done: str | Callable[[Any], Any] | None = None,
              message: str | Callable[[Any], str] | None = None,
              template: str = "core/form.html", context: dict | None = None) -> HttpResponse:
    """Bind → save through the service → redirect, or the form page with the refusal on it."""
    if request.method == "POST" and form.is_valid():
        try:
            made = save(dict(form.cleaned_data))
        except StaleEditError as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            if hasattr(e, "error_dict"):  # each on its field where the form has it
                for name, errors in e.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, e)
        except PermissionDenied as e:
            form.add_error(None, str(e) or _("您没有执行此操作的权限"))
        else:
            text = message(made) if callable(message) else (message or _("已保存"))
            messages.success(request, text)
            target = done(made) if callable(done) else (done or back)
            return redirect(*target) if isinstance(target, tuple) else redirect(target)
    return render(request, template, {"form": form, "title": title, "back": back,
                                      **(context or {})})
