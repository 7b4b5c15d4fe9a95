"""The one path that scopes every query returning people, places or money: `visible_to(user)`.

A model's QuerySet subclasses `ScopedQuerySet` and names the path to a 12-digit area code
(`area_code_field`). A user sees the rows whose area code starts with one of the user's
`area_prefixes` (a township clerk: the township's 9 digits; a county officer: 6 digits).
"""

from django.db import models
from django.db.models import Q


def scope_prefixes(user) -> list[str] | None:
    """The code prefixes `user` may see; None means everything, [] means nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return list(getattr(user, "area_prefixes", []) or [])


def prefix_q(field: str, prefixes: list[str]) -> Q:
    q = Q(pk__in=[])  # matches nothing when there are no prefixes
    for p in prefixes:
        q |= Q(**{f"{field}__startswith": p})
    return q


class ScopedQuerySet(models.QuerySet):
    #: path from the model to a 12-digit area code, e.g. "code" or "village__code"
    area_code_field: str = ""

    def visible_to(self, user):
        if not self.area_code_field:
            raise NotImplementedError(f"{type(self).__name__} must set area_code_field")
        prefixes = scope_prefixes(user)
        if prefixes is None:
            return self.all()
        if not prefixes:
            return self.none()
        return self.filter(prefix_q(self.area_code_field, prefixes))
