import json

from django.core.management.base import BaseCommand, CommandError

from xiezuo.plan.models import Plan


class Command(BaseCommand):
    help = "List every target of a plan: key, chapter, text (zh/en), unit, kind, values, years."

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="plan key (default: every plan)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, **options):
        plans = Plan.objects.order_by("start_year", "key")
        if options["plan"]:
            plans = plans.filter(key=options["plan"])
        if not plans.exists():
            raise CommandError("no plan loaded (run `xiezuo init` or `xiezuo load_plan FILE`)")
        out = []
        for plan in plans:
            targets = []
            for t in plan.targets.order_by("order"):
                targets.append({
                    "key": t.key, "chapter": t.chapter, "section": t.section, "side": t.side,
                    "text": {"zh": t.text_zh, "en": t.text_en},
                    "unit": {"zh": t.unit_zh, "en": t.unit_en}, "kind": t.kind,
                    "value": format(t.value.normalize(), "f") if t.value is not None else None,
                    "value_max": format(t.value_max.normalize(), "f") if t.value_max is not None else None,
                    "years": t.years, "due": t.due,
                    # records: counted from the part's records (a year without records reads
                    # the aggregate entries typed before the part existed, evaluation.py)
                    "source": "records" if t.indicator else "aggregate",
                    "indicator": t.indicator or None,
                    "value_source": ({"indicator": t.value_indicator} if t.value_indicator
                                     else None),
                    "params": t.params,
                })
            out.append({"key": plan.key, "name": {"zh": plan.name_zh, "en": plan.name_en},
                        "east": plan.east_code, "west": plan.west_code,
                        "years": [plan.start_year, plan.end_year], "config": plan.config,
                        "targets": targets})
        if options["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        for p in out:
            self.stdout.write(f"{p['key']}  {p['name']['zh']}  {p['years'][0]}–{p['years'][1]}")
            for t in p["targets"]:
                if t["kind"] == "range":
                    value = f"{t['value']}–{t['value_max']}"
                else:
                    value = t["value"] or ""
                due = f" by {t['due']}" if t["due"] else ""
                source = (f"records {t['indicator']}" if t["indicator"] else t["source"])
                self.stdout.write(
                    f"  ch{t['chapter']} {t['key']:<26} {t['kind']:<10} {value:>9} "
                    f"{t['unit']['zh']:<6} {','.join(map(str, t['years']))}{due}  "
                    f"[{source}]\n      {t['text']['zh']}\n      {t['text']['en']}")
