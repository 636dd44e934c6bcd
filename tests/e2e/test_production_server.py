"""The platform as production runs it: gunicorn with the production settings (docs/deploy.md), behind the
documented TLS proxy, static files collected and served by WhiteNoise. Checked over real HTTP."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from sundhedsaftale.accounts.actions import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
HOST = "sundhedsaftale.example.dk"


def production_env(var: Path) -> dict[str, str]:
    """The documented production environment, with SQLite in a folder of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUNDHEDSAFTALE_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sundhedsaftale.web.settings",
            "SUNDHEDSAFTALE_ENV": "production",
            "SUNDHEDSAFTALE_SECRET_KEY": secrets.token_urlsafe(50),
            "SUNDHEDSAFTALE_ALLOWED_HOSTS": HOST,
            "SUNDHEDSAFTALE_BEHIND_PROXY": "1",
            "SUNDHEDSAFTALE_VAR_DIR": str(var),
        }
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = production_env(tmp_path_factory.mktemp("var"))
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["setup_demo"]):
        subprocess.run(
            [*manage, *command, "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=300,
            stdout=subprocess.DEVNULL,
        )
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "sundhedsaftale.web.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while fetch(url + "/healthz", https=False) is None:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(
                "gunicorn startede ikke: " + (proc.stderr.read().decode() if proc.stderr else "")
            )
        time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, https: bool = True, data: bytes | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """One request as the TLS proxy passes it on: the public host name, and the scheme the client used."""
    head = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
    try:
        return _opener.open(urllib.request.Request(url, data=data, headers=head), timeout=30)
    except urllib.error.HTTPError as error:
        return error
    except OSError:
        return None  # not listening (yet)


def test_health_probe_answers_over_plain_http(production) -> None:
    response = fetch(production + "/healthz", https=False)
    assert response.status == 200
    assert (
        response.read() == b'{"status": "ok", "checks": {"database": "ok", "migrations": "ok", "law": "ok"}}'
    )


def test_plain_http_is_redirected_to_https(production) -> None:
    response = fetch(production + "/landet/", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/landet/"


def test_pages_carry_hsts_and_the_security_headers(production) -> None:
    response = fetch(production + "/")
    assert response.status == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_static_files_are_served_hashed_compressed_and_cached(production) -> None:
    html = fetch(production + "/").read().decode()
    css = re.search(r'href="(/static/app\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page links the hashed stylesheet from the manifest"
    response = fetch(production + css.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    script = re.search(r'src="(/static/vendor/htmx/htmx\.min\.[0-9a-f]{12}\.js)"', html)
    assert script
    assert fetch(production + script.group(1)).status == 200


def test_unknown_page_is_a_danish_404_without_url_patterns(production) -> None:
    response = fetch(production + "/findes/ikke/")
    assert response.status == 404
    html = response.read().decode()
    assert "Siden findes ikke" in html
    assert "urlpatterns" not in html
    assert "URLconf" not in html
    api = fetch(production + "/api/v1/findes-ikke")
    assert api.status == 404
    assert "Traceback" not in api.read().decode()


def _cookies(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {header.split("=", 1)[0]: header for header in response.headers.get_all("Set-Cookie") or []}


def test_sign_in_sets_secure_httponly_cookies(production) -> None:
    form = fetch(production + "/log-ind/")
    csrf_header = _cookies(form)["csrftoken"]
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in csrf_header
    token = SimpleCookie(csrf_header)["csrftoken"].value
    middleware_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.read().decode())
    assert middleware_token
    body = f"csrfmiddlewaretoken={middleware_token.group(1)}&username=sjaelland&password={DEMO_PASSWORD}".encode()
    signed_in = fetch(
        production + "/log-ind/",
        data=body,
        headers={
            "Cookie": f"csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{HOST}/log-ind/",
            "Origin": f"https://{HOST}",
        },
    )
    assert signed_in.status == 302
    session = _cookies(signed_in)["sessionid"]
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in session
