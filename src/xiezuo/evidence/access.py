"""The evidence pages' access table (core.access explains the tables).

Each page is for any signed-in user and then asks the owning record: a download needs the
record visible to the user (404 otherwise); attaching and removing need, in addition, the edit
capability the record's part declares in its `EVIDENCE` table (evidence.registry), so a role
that may not edit the record gets 403 from the service's guard.
"""

from xiezuo.core.access import SIGNED_IN

ACCESS = {
    "evidence:attachment_download": SIGNED_IN,
    "evidence:attachment_add": SIGNED_IN,
    "evidence:attachment_remove": SIGNED_IN,
}
