"""Find the optional modules each part of the plan provides (nav, home, demo, init_data, api).

The shell discovers them instead of importing the parts, so imports keep pointing one way.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


@cache
def app_modules(submodule: str) -> tuple[ModuleType, ...]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("xiezuo."):
            continue
        name = f"{config.name}.{submodule}"
        if find_spec(name) is not None:
            found.append(import_module(name))
    return tuple(found)
