from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    """One figure on a home page: what it counts, the number, where its records are."""

    title: str
    value: object
    url: str = ""
    note: str = ""
    #: what the value counts or measures (户, 人, 万元, 项 …), written after it; a value that
    #: carries its unit itself (a share with %) leaves it empty
    unit: str = ""


@dataclass(frozen=True)
class Todo:
    """One item of a role's to-do list on the home page: what is waiting, how many, and the list
    that holds exactly them (the count is that list's selector with the same filter, so the
    number and the list cannot disagree). A part offers them with `todos(user)` in its home.py;
    items with nothing waiting are not shown."""

    label: str
    count: int
    url: str
    unit: str = ""  # 户, 人, 笔, 项, 个: what the count counts
    note: str = ""
