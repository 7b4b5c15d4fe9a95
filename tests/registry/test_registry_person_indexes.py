"""The people's table keeps the indexes its queries read and none that only cost the roster
import (docs/decisions/0009): PostgreSQL only (SQLite makes no pattern copies)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def _indexes() -> dict[str, str]:
    with connection.cursor() as c:
        c.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'registry_person'")
        return dict(c.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_the_people_have_no_index_that_no_query_reads():
    defs = _indexes()
    assert not [n for n, d in defs.items() if "varchar_pattern_ops" in d]
    # the household key is served by the covering index, not a second one of its own
    assert [n for n, d in defs.items() if "(household_id)" in d] == ["registry_person_hh_name"]
    for kept in ("registry_person_id_hash_key", "registry_person_name_trgm",
                 "registry_person_hh_name", "registry_person_pkey"):
        assert kept in defs, kept
