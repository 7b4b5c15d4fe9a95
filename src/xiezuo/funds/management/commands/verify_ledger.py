import json
import time

from django.core.management.base import BaseCommand

from xiezuo.funds.services import verify_ledger


class Command(BaseCommand):
    help = ("Re-compute the funds ledger's hash chain; exit 1 naming the first entry that was "
            "changed, removed or inserted.")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--expect-head", default="",
                            help="the head hash recorded earlier (detects a cut-off tail)")

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = verify_ledger()
        out = result.as_dict()
        expected = options["expect_head"].strip()
        if result.ok and expected and expected != result.head_hash:
            out.update(ok=False, first_bad={
                "seq": result.head_seq, "problem": "removed",
                "detail": "the chain's head differs from the head hash recorded earlier"})
        out["seconds"] = round(time.perf_counter() - started, 3)
        if options["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        elif out["ok"]:
            self.stdout.write(self.style.SUCCESS(
                f"Ledger intact: {out['entries']} entries, head #{out['head_seq']} "
                f"{out['head_hash']} ({out['seconds']} s)"))
        else:
            bad = out["first_bad"]
            self.stderr.write(f"Ledger broken at entry #{bad['seq']}: {bad['problem']} — "
                              f"{bad['detail']}")
        if not out["ok"]:
            raise SystemExit(1)
