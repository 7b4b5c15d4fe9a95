from xiezuo.regions.options import add_county_options, county_from
from xiezuo.registry.services import household_import
from xiezuo.tabular.command import ImportCommand

# The keys of --json, in this order: issue 3's contract (the shared summary adds import_id, file).
JSON_KEYS = ("rows", "households_created", "households_updated", "persons_created",
             "persons_updated", "unchanged", "rejected", "ignored_columns", "errors", "report",
             "villages_created", "new_villages", "header_row", "dry_run", "strict", "stored")


class Command(ImportCommand):
    help = ("Import a poor-household roster (建档立卡花名册) from .xlsx, .xls or .csv. Exit 0 when "
            "the file was processed (even with rejected rows), 2 when it cannot be imported, "
            "3 when --strict refused it.")

    def add_import_arguments(self, parser):
        add_county_options(parser, what="the roster's households live in")
        parser.add_argument("--allow-moves", action="store_true",
                            help="an ID already stored in another household moves to this one")
        parser.add_argument("--new-villages", action="store_true",
                            help="create the villages the file names that are not known yet "
                            "(named in the summary); without it their rows are rejected, with "
                            "the closest known village names in the reason")

    def run(self, o):
        return household_import(actor=None, path=o["file"], county_code=county_from(o),
                                dry_run=o["dry_run"], strict=o["strict"],
                                allow_moves=o["allow_moves"], new_villages=o["new_villages"],
                                report_path=o["report"])

    def summary(self, r):
        return (f"{r.rows} rows: {r.persons_created} people created, {r.persons_updated} "
                f"updated, {r.unchanged} unchanged, {r.rejected} rejected; households "
                f"{r.households_created} created, {r.households_updated} updated; "
                f"{r.villages_created} new villages"
                + (f" ({', '.join(v['township'] + v['village'] for v in r.new_villages if v['created'])})"
                   if r.villages_created else "") + ".")

    def as_json(self, r):
        data = r.as_json()
        return {k: data[k] for k in JSON_KEYS}
