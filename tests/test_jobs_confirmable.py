"""When a page's check may be followed by 正式导入 (core.jobs.confirmable), table-driven."""

import pytest

from xiezuo.core.jobs import confirmable

KEPT = {"path": "/x", "strict": False}
UNKNOWN = [{"township_code": "621124100000", "village": "新村", "created": False}]


@pytest.mark.parametrize("result,expected", [
    ({"dry_run": True, "rows": 3, "rejected": 1, "confirm": KEPT}, True),
    ({"dry_run": True, "rows": 3, "unchanged": 3, "confirm": KEPT}, False),  # nothing to write
    ({"dry_run": True, "rows": 2, "rejected": 2, "confirm": KEPT}, False),
    # every row waits on a village the page may confirm: 正式导入 with it ticked writes them
    ({"dry_run": True, "rows": 2, "rejected": 2, "confirm": KEPT, "new_villages": UNKNOWN},
     True),
    ({"dry_run": True, "rows": 3, "rejected": 1, "confirm": KEPT | {"strict": True}}, False),
    ({"dry_run": True, "rows": 3, "confirm": KEPT | {"confirmed": True}}, False),  # once
    ({"dry_run": False, "rows": 3, "confirm": KEPT}, False),  # a real run
    ({"dry_run": True, "rows": 3}, False),  # no file kept
    ({"dry_run": True, "rows": 3, "error": "不能导入", "confirm": KEPT}, False),
])
def test_a_check_may_be_imported_when_it_would_write_and_is_not_yet_imported(result, expected):
    assert confirmable(result) is expected
