"""Writes to the talent part, by topic. Keyword-only, typed, one transaction each, each writing
its audit event; checked by the one guard (accounts.guard), edits through the one versioned
update (accounts.versioned).

- `classes`: training classes, trainees (edit, audited ID reveal), merging two records;
- `experts`: expert requests and their lifecycle (talent.status), assigned experts;
- `enrolment`: directed enrolment and its school years;
- `hospitals`: hospital pairings and their activities.

Callers import from here (`xiezuo.talent.services`); the modules are the code's layout. The
trainee roster import is `talent.imports.trainees_import`.
"""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.talent.services.classes import (
    class_create,
    class_update,
    merge_keep_apart,
    trainee_merge,
    trainee_reveal_id,
    trainee_update,
)
from xiezuo.talent.services.enrolment import enrolment_record, enrolment_year_record
from xiezuo.talent.services.experts import expert_assign, request_advance, request_file
from xiezuo.talent.services.hospitals import activity_record, pairing_create, pairing_update

__all__ = ["StaleEditError", "activity_record", "class_create", "class_update", "enrolment_record",
           "enrolment_year_record", "expert_assign", "merge_keep_apart", "pairing_create", "pairing_update", "request_advance",
           "request_file", "trainee_merge", "trainee_reveal_id", "trainee_update"]
