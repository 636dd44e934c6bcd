"""Write docs/authorization.md: the decided authorization matrix, every route by role and region.

Run `python tools/gen_authz_docs.py`; tests/web/test_authz_matrix.py fails when the committed page is out of
date, when a route has no rule, and when a cell's real outcome differs from the rule.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.web.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from tests.web import authz_matrix

    setup_test_environment()  # the test client's host, as in the test that checks this page
    openapi = Client().get("/api/v1/openapi.json").json()
    target = ROOT / "docs" / "authorization.md"
    target.write_text(authz_matrix.markdown(openapi), encoding="utf-8")
    print(f"skrev {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
