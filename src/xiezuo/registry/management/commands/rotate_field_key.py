from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from xiezuo.registry.crypto import FieldKeys
from xiezuo.registry.key_rotation import KeyRotationError, field_key_rotate


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as e:
        raise CommandError(f"cannot read {path}: {e.strerror}") from None


class Command(BaseCommand):
    help = ("Re-encrypt every ID number from the old field key to the one now in the settings "
            "(XIEZUO_FIELD_KEY). Stop the server and back up first; see docs/operations.md.")

    def add_arguments(self, parser):
        old = parser.add_mutually_exclusive_group(required=True)
        old.add_argument("--old-key-file", help="file holding the previous XIEZUO_FIELD_KEY")
        old.add_argument("--old-secret-key-file",
                         help="file holding the previous SECRET_KEY, for a database that ran "
                              "without XIEZUO_FIELD_KEY (the key was derived from SECRET_KEY)")
        parser.add_argument("--dry-run", action="store_true",
                            help="check that the old key opens every row; change nothing")

    def handle(self, *args, **o):
        try:
            if o["old_key_file"]:
                old = FieldKeys(field_key=_read(o["old_key_file"]))
            else:
                old = FieldKeys(secret_key=_read(o["old_secret_key_file"]))
            result = field_key_rotate(old=old, dry_run=o["dry_run"])
        except (KeyRotationError, ImproperlyConfigured) as e:
            raise CommandError(str(e)) from None
        verb = "checked (dry run, nothing changed)" if result.dry_run else "re-encrypted"
        self.stdout.write(f"{result.persons} ID numbers {verb}.")
