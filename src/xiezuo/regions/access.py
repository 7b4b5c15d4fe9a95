"""The area pages' access table (core.access explains the tables): every signed-in user reads
the areas of their scope."""

from xiezuo.core.access import SIGNED_IN

ACCESS = {
    "regions:area_list": SIGNED_IN,
    # the cascaded area picker's lists: only the areas the user sees (regions/picker.py)
    "regions:area_picker": SIGNED_IN,
    "regions:area_detail": SIGNED_IN,  # outside the user's scope: 404
}
