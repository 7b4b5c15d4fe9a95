"""Reads of areas, always scoped to what the user may see."""

from django.db.models import Count, Q, QuerySet

from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area, Partnership


def areas_visible(*, user) -> QuerySet[Area]:
    return Area.objects.visible_to(user)


def townships_with_counts(*, user) -> QuerySet[Area]:
    return (areas_visible(user=user).filter(level=Level.TOWNSHIP)
            .annotate(villages=Count("children", filter=Q(children__level=Level.VILLAGE)),
                      deep_villages=Count("children", filter=Q(children__deep_poverty=True)))
            .select_related("parent").order_by("side", "code"))


def area_summary(*, user) -> dict[str, int]:
    qs = areas_visible(user=user)
    return {
        "townships": qs.filter(level=Level.TOWNSHIP, side="west").count(),
        "villages": qs.filter(level=Level.VILLAGE, side="west").count(),
        "deep_townships": qs.filter(level=Level.TOWNSHIP, deep_poverty=True).count(),
        "deep_villages": qs.filter(level=Level.VILLAGE, deep_poverty=True).count(),
    }


def partnerships_visible(*, user) -> QuerySet[Partnership]:
    visible = areas_visible(user=user)
    return (Partnership.objects.filter(Q(east__in=visible) | Q(west__in=visible))
            .select_related("east", "west").distinct())


def partnerships() -> list[Partnership]:
    """Every partnership with both sides and the eastern side's city, for the parts' scopes
    (both sides of the user's partnership). Read once per plan evaluation: the dashboard counts
    a dozen indicators and each part's scope asks (core.indicators.evaluation_memo)."""
    from xiezuo.core.indicators import evaluation_memo

    return evaluation_memo("regions.partnerships", lambda: list(
        Partnership.objects.select_related("east__parent", "west").order_by("pk")))
