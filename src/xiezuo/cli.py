"""The `xiezuo` console command: Django's manage command with Xiezuo's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiezuo.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else [os.path.basename(sys.argv[0]), *sys.argv[1:]])


if __name__ == "__main__":
    main()
