"""The access table of the shell's own pages, and the two markers every part's table may use.

Each part declares in its `access.py` an `ACCESS` table: every URL name of the part (as
"namespace:name") mapped to who may use it: `PUBLIC` (no log-in), `SIGNED_IN` (any signed-in
user; the view scopes what it shows), a frozenset of roles (the others get 403), or a dict from
HTTP method to one of these when a page reads for some roles and writes for fewer.
tests/test_access_table.py walks every URL pattern and holds each part to its table.
"""

PUBLIC = "public"
SIGNED_IN = "signed_in"

ACCESS = {
    "core:home": SIGNED_IN,
    "core:chapter": SIGNED_IN,
    "core:job_list": SIGNED_IN,  # the user's own jobs only
    "core:job_detail": SIGNED_IN,  # a job is shown to the user who started it only (404)
    "core:list_export_download": SIGNED_IN,  # likewise: the starter's file only (404)
    "core:healthz": PUBLIC,  # the load balancer's probe: says only "ok" or 503
}
