"""Cascaded area pickers for filters and forms: county, then township, then village, each list
holding only what the user sees (visible_to) under the area chosen above it.

`AreaPickerField(levels=(Level.TOWNSHIP, Level.VILLAGE))` replaces a select of hundreds of
villages or a typed code: the form binds the user (`field.bind(user)` in the form's __init__),
the widget renders one <select> per level, and a change reloads the picker from
`regions:area_picker` (htmx), which answers with the lists under the new choice. Without
JavaScript the form still works: each submit narrows the next list. A level with a single
choice for this user (a township clerk's township) is chosen already.

The field's value is the deepest area chosen (an `Area`, or its code with `to_code=True`); a
chosen area that is not below the one chosen above it is dropped, so a stale township never
survives a change of county. `VillagesField` picks several villages, grouped by township.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xiezuo.regions.choices import PREFIX_LENGTH, Level
from xiezuo.regions.models import Area

DEFAULT_LEVELS = (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)


def _below(code: str, parent: str, parent_level: str) -> bool:
    n = PREFIX_LENGTH[parent_level]
    return code[:n] == parent[:n]


def chain_from(data, name: str, levels) -> list[str]:
    """The codes chosen at each level from submitted `data` (`<name>_<level>`), top first,
    stopping at the first empty one or the first not below the choice above it. A level above
    the user's own (a township clerk sees no county to choose) is not submitted: skipped."""
    chosen: list[str] = []
    above = ""
    for level in levels:
        key = f"{name}_{level}"
        if key not in data:
            if chosen:
                break
            continue
        code = (data.get(key) or "").strip()
        if not code or not code.isdigit() or len(code) != 12:
            break
        if chosen and not _below(code, chosen[-1], above):
            break
        chosen.append(code)
        above = level
    return chosen


def options(user, level: str, *, parent: str = "", parent_level: str = "",
            side: str = "west") -> QuerySet[Area]:
    """The areas of `level` the user sees (under `parent`, when given), by code."""
    qs = Area.objects.visible_to(user).filter(level=level)
    if side:
        qs = qs.filter(side=side)
    if parent:
        qs = qs.filter(code__startswith=parent[:PREFIX_LENGTH[parent_level]])
    return qs.order_by("code")


class AreaPicker(forms.Widget):
    template_name = "regions/_area_picker.html"

    def __init__(self, *, levels=DEFAULT_LEVELS, side: str = "west", attrs=None):
        super().__init__(attrs)
        self.levels = tuple(levels)
        self.side = side
        self.user = None
        self.required_pick = False

    def value_from_datadict(self, data, files, name):
        chain = chain_from(data, name, self.levels)
        if chain:
            return chain[-1]
        if any(f"{name}_{lv}" in data for lv in self.levels):
            return ""  # the picker was submitted with nothing chosen
        return data.get(name, "")  # a link's plain `?township=<code>`

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{lv}" in data for lv in self.levels)

    def chosen_chain(self, value) -> list[str]:
        """The codes chosen at each level for `value` (the deepest chosen area's code)."""
        code = str(value.code if isinstance(value, Area) else (value or ""))
        if not code.isdigit() or len(code) != 12:
            return []
        wanted = {lv: code[:PREFIX_LENGTH[lv]].ljust(12, "0") for lv in self.levels}
        found = set(Area.objects.filter(code__in=set(wanted.values())).values_list("code",
                                                                                  "level"))
        return [c for lv, c in wanted.items() if (c, lv) in found]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(picker_context(
            user=self.user, name=name, levels=self.levels, side=self.side,
            chain=self.chosen_chain(value) if self.user is not None else [],
            label_id=context["widget"]["attrs"].get("id", f"id_{name}")))
        return context


def picker_context(*, user, name: str, levels, side: str, chain: list[str],
                   label_id: str) -> dict:
    """What the picker's template needs: one select per level with its options and choice.
    A level is offered once the one above it is chosen; a level with one option for this user
    is chosen at once (a township clerk's township)."""
    # Levels above the user's own are not offered (a township clerk sees no county). Only the
    # levels down to the first one not yet chosen are read: one query a level shown, and a
    # city's thousands of villages never, until the user has chosen a township.
    levels = list(levels)
    first = list(options(user, levels[0], side=side).values_list("code", "name"))
    while len(levels) > 1 and not first:
        levels.pop(0)
        first = list(options(user, levels[0], side=side).values_list("code", "name"))
    chosen_codes = set(chain)
    selects = []
    parent, parent_level = "", ""
    for i, level in enumerate(levels):
        if i and not parent:
            selects.append({"name": f"{name}_{level}", "id": f"{label_id}_{level}",
                            "level": level, "label": Level(level).label, "options": [],
                            "chosen": "", "waiting": True})
            continue
        opts = first if not i else list(options(
            user, level, parent=parent, parent_level=parent_level,
            side=side).values_list("code", "name"))
        chosen = next((c for c, _n in opts if c in chosen_codes), "")
        if not chosen and len(opts) == 1 and i < len(levels) - 1:
            chosen = opts[0][0]
        selects.append({"name": f"{name}_{level}", "id": f"{label_id}_{level}" if i else label_id,
                        "level": level, "label": Level(level).label, "options": opts,
                        "chosen": chosen, "waiting": False})
        parent, parent_level = chosen, level
    return {"selects": selects, "levels": ",".join(levels), "side": side, "picker_name": name}


class AreaPickerField(forms.Field):
    """An area chosen with the cascaded picker; the value is the deepest level chosen (an Area,
    or its code with `to_code=True`), which must be one of `levels` the form accepts
    (`accept`, all of `levels` by default) and visible to the user."""

    def __init__(self, *, levels=DEFAULT_LEVELS, accept=None, side: str = "west",
                 to_code: bool = False, **kwargs):
        self.levels = tuple(levels)
        self.accept = tuple(accept or levels)
        self.side = side
        self.to_code = to_code
        self.user = None
        kwargs.setdefault("widget", AreaPicker(levels=self.levels, side=side))
        super().__init__(**kwargs)

    def bind(self, user) -> "AreaPickerField":
        self.user = user
        self.widget.user = user
        return self

    def prepare_value(self, value):
        return value.code if isinstance(value, Area) else value

    def to_python(self, value):
        code = str(value or "").strip()
        if not code:
            return None
        area = (Area.objects.visible_to(self.user).filter(code=code, level__in=self.accept)
                .first() if self.user is not None else None)
        if area is None or (self.side and area.side != self.side):
            raise ValidationError(_("请从列表中选择%(levels)s")
                                  % {"levels": "、".join(str(Level(lv).label)
                                                        for lv in self.accept)},
                                  code="invalid_choice")
        return area.code if self.to_code else area


class VillagesWidget(forms.CheckboxSelectMultiple):
    """Villages as checkboxes folded under their township (open where some are ticked), instead
    of one select of hundreds."""

    template_name = "regions/_villages_by_township.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in (value or [])}
        groups: dict[str, dict] = {}
        for area in self.choices.queryset.select_related("parent"):
            g = groups.setdefault(area.parent.code, {"name": area.parent.name, "items": [],
                                                     "checked": 0})
            on = str(area.pk) in chosen
            g["items"].append({"value": area.pk, "label": area.name, "checked": on,
                               "id": f"{attrs.get('id', 'id_' + name)}_{area.pk}"})
            g["checked"] += on
        context["widget"]["townships"] = list(groups.values())
        return context


__all__ = ["AreaPicker", "AreaPickerField", "VillagesWidget", "chain_from", "picker_context"]
