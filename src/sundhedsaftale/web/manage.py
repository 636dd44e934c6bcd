"""``python -m sundhedsaftale.web.manage``: Django's management commands, with clean start-up errors."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.web.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from sundhedsaftale.core.errors import SundhedsaftaleError

    try:
        execute_from_command_line(sys.argv)
    except (SundhedsaftaleError, ImproperlyConfigured) as exc:
        # An unsafe production environment (settings.py) is refused the same way, naming the variable to set.
        # A bad data file stops start-up with one line naming file, line and problem, not a traceback.
        print(f"sundhedsaftale kan ikke starte: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
