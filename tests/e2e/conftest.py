"""End-to-end: the platform started as a user starts it (migrate, demo data, server) and driven in Chromium.

Chromium comes from Debian (/usr/bin/chromium); Playwright drives it through ``executable_path`` and never
downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SUNDHEDSAFTALE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var = tmp_path_factory.mktemp("var")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {
            "SUNDHEDSAFTALE_VAR_DIR": str(var),
            "SUNDHEDSAFTALE_ENV": "development",
            # The browser tests edit Region Sjælland's records: pinned before it ends on 2026-12-31 (ADR 0029).
            "SUNDHEDSAFTALE_TODAY": "2026-12-01",
            "SUNDHEDSAFTALE_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "sundhedsaftale.web.settings",
        }
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT, timeout=300)
    subprocess.run(
        [*manage, "setup_demo", "--today", "2026-11-23"],
        env=env,
        check=True,
        cwd=ROOT,
        timeout=300,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    # The server's log goes to a file: runserver writes a line per request to stderr, and a pipe nobody reads
    # fills after some hundred requests and then stops the server in the middle of a request.
    log_path = var / "runserver.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(
                    "serveren startede ikke: " + log_path.read_text(encoding="utf-8", errors="replace")
                ) from None
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


# Package scope: from Playwright 1.65 the sync API leaves its event loop marked as running in the calling thread
# between calls, so while a browser is open Django's ORM refuses to run in that process (SynchronousOnlyOperation).
# The browser tests are one xdist group on one worker; the browser is closed when they are done, before that worker
# goes on to tests that use the database.
@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium mangler ({CHROMIUM}); installér Debian-pakken 'chromium' (make test gør det)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="da-DK")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def axe_page(browser):  # type: ignore[no-untyped-def]
    """A page for the accessibility checks. axe-core is injected as an inline script, which the platform's
    Content Security Policy rightly refuses; this context sets the policy aside for that injection only
    (test_content_security_policy.py checks the pages with the policy in force)."""
    context = browser.new_context(locale="da-DK", bypass_csp=True)
    pg = context.new_page()
    yield pg
    context.close()


# tryfirst: pytest-xdist reads the group marks in its own hook of the same name; marks added after it have no effect.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The browser tests share one server (the session's ``server``): kept on one worker, it is started once.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xdist_group("browser"))
