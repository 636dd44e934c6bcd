"""Load: the platform as production serves it, under 50 concurrent clients.

Run: ``python benchmarks/load.py`` (``make bench`` does). Options: ``--clients 50``, ``--seconds 15`` per page,
``--pg-url`` (a PostgreSQL server where a scratch database may be created; default ``$PG_URL`` or
``postgres://postgres@127.0.0.1:5432/postgres``), ``--national`` (only the sign-in form and /landet/, at
``--clients`` and at one client, with the verdict on the targets of ADR 0032: /landet/ at least 25 % of the
trivial page's requests per second at 50 clients, and its one-client p95 within 3× of the trivial page's).

Creates a scratch database, migrates it, loads the national demo, collects static files and starts gunicorn
with the production settings and the container's gunicorn config on loopback (behind the documented proxy:
requests carry ``X-Forwarded-Proto: https``). Then wrk (Debian's package) drives each page in turn with
``--clients`` connections for ``--seconds``, anonymous and signed in as Region Sjælland's secretariat. Prints
p50/p95 and requests per second for each page beside the sign-in form — a trivial page of the same process
(a template, no data) measured in the same run — and the ratio. Asserts nothing; everything runs on this machine
and stops by itself. The figures depend on the machine and on what else runs on it: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
LUA = Path(__file__).with_name("wrk_report.lua")
HOST = "127.0.0.1"
DATABASE = f"sundhedsaftale_load_{os.getpid()}"  # one per run: runs side by side do not clash
PASSWORD = "demo-sundhed"

# (label, path, signed in). The first is the baseline.
PAGES = [
    ("sign-in form (trivial)", "/log-ind/", False),
    ("front page /", "/", False),
    ("law page", "/lov/bek-1248-2022/sec_10__subsec_1__point_4/", False),
    ("API /api/v1/law/sources", "/api/v1/law/sources", False),
    ("whole country /landet/", "/landet/", True),
    ("region page /regioner/1085/", "/regioner/1085/", True),
    ("dashboard /oversigt/", "/oversigt/", True),
    ("API /api/v1/regions/1085/findings", "/api/v1/regions/1085/findings", True),
]


NATIONAL = [PAGES[0], ("whole country /landet/", "/landet/", True)]
TARGET_SHARE = 0.25  # /landet/ req/s ÷ trivial req/s at 50 clients (ADR 0032)
TARGET_P95 = 3.0  # /landet/ one-client p95 ÷ trivial one-client p95 (ADR 0032)


@dataclass
class Result:
    label: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _scratch_database(admin_url: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def _drop_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _environment(database_url: str, var: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUNDHEDSAFTALE_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sundhedsaftale.web.settings",
            "SUNDHEDSAFTALE_ENV": "production",
            "SUNDHEDSAFTALE_SECRET_KEY": secrets.token_urlsafe(50),
            "SUNDHEDSAFTALE_ALLOWED_HOSTS": HOST,
            "SUNDHEDSAFTALE_BEHIND_PROXY": "1",
            "SUNDHEDSAFTALE_VAR_DIR": str(var),
            "SUNDHEDSAFTALE_BIND": f"{HOST}:{port}",
            "SUNDHEDSAFTALE_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
        }
    )
    return env


def _prepare(env: dict[str, str]) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["setup_demo", "--today", "2026-11-23"],
    ):
        print(f"  manage.py {' '.join(command)}", flush=True)
        subprocess.run(
            [*manage, *command, "-v", "0"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )


def _request(
    base: str, path: str, *, data: bytes | None = None, cookie: str = ""
) -> tuple[int, str, list[str]]:
    headers = {"X-Forwarded-Proto": "https", "Cookie": cookie}
    if data is not None:
        # The origin the browser would send through the TLS proxy: the same host and port, https.
        origin = "https://" + urllib.parse.urlsplit(base).netloc
        headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": origin})
    request = urllib.request.Request(base + path, data=data, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=120)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read().decode("utf-8", "replace")
    return response.status, body, response.headers.get_all("Set-Cookie") or []


def _session_cookie(base: str) -> str:
    """Sign in as the demo's Region Sjælland secretariat through the sign-in form; the cookies wrk sends."""
    _, form, cookies = _request(base, "/log-ind/")
    csrf = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, "the sign-in form has a CSRF token"
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": "sjaelland", "password": PASSWORD}
    ).encode()
    status, _, cookies = _request(base, "/log-ind/", data=body, cookie=csrf)
    assert status == 302, f"sign-in answered {status}"
    session = next(c.split(";")[0] for c in cookies if c.startswith("sessionid="))
    return f"{csrf}; {session}"


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if _request(base, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("gunicorn startede ikke")
        time.sleep(0.3)


def _wrk(wrk: str, base: str, path: str, cookie: str, clients: int, seconds: int) -> dict[str, int]:
    command = [
        wrk,
        f"-t{min(2, clients)}",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        "-H",
        "X-Forwarded-Proto: https",
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        base + path,
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=15, help="per page")
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument(
        "--national", action="store_true", help="only the trivial page and /landet/, at --clients and at one"
    )
    args = parser.parse_args()
    pages = NATIONAL if args.national else PAGES
    rounds = [args.clients, 1] if args.national else [args.clients]
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk mangler: installér Debian-pakken 'wrk' (make bench gør det)")

    port = _free_port()
    base = f"http://{HOST}:{port}"
    print(
        f"Load: gunicorn (production settings) on PostgreSQL, {args.clients} clients, {args.seconds} s per page"
    )
    database_url = _scratch_database(args.pg_url)
    with tempfile.TemporaryDirectory(prefix="sundhedsaftale-load-") as tmp:
        env = _environment(database_url, Path(tmp), port)
        proc: subprocess.Popen[bytes] | None = None
        try:
            _prepare(env)
            gunicorn = Path(sys.executable).with_name("gunicorn")
            proc = subprocess.Popen(
                [
                    str(gunicorn),
                    "sundhedsaftale.web.wsgi",
                    "--config",
                    "python:sundhedsaftale.web.gunicorn_conf",
                    "--access-logfile",
                    "/dev/null",
                ],
                env=env,
                cwd=ROOT,
            )
            _wait(base, proc)
            cookie = _session_cookie(base)
            workers = env.get("WEB_CONCURRENCY") or str(2 * (os.cpu_count() or 1))
            print(f"  gunicorn on {base}, {workers} sync workers; {os.cpu_count()} cores shared with wrk\n")
            by_round: dict[int, list[Result]] = {}
            for clients in rounds:
                results = by_round.setdefault(clients, [])
                for label, path, signed_in in pages:
                    print(f"  {label}{' (signed in)' if signed_in else ''}, {clients} clients …", flush=True)
                    status = _request(base, path, cookie=cookie if signed_in else "")[0]
                    assert status == 200, f"{path} answered {status}"
                    raw = _wrk(wrk, base, path, cookie if signed_in else "", clients, args.seconds)
                    results.append(
                        Result(
                            label + (" (signed in)" if signed_in else ""),
                            raw["requests"],
                            raw["duration_us"] / 1e6,
                            raw["p50_us"] / 1000,
                            raw["p95_us"] / 1000,
                            raw["status_errors"] + raw["socket_errors"],
                        )
                    )
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
            _drop_database(args.pg_url)
    for clients, results in by_round.items():
        print(f"\n{clients} client{'s' if clients != 1 else ''}:")
        _print(results)
    if args.national:
        _verdict(by_round[args.clients], by_round[1], args.clients)


def _verdict(many: list[Result], one: list[Result], clients: int) -> None:
    """/landet/ against the trivial page: the targets of ADR 0032."""
    share = many[1].rps / many[0].rps if many[0].rps else float("nan")
    p95 = one[1].p95_ms / one[0].p95_ms if one[0].p95_ms else float("nan")
    print(
        f"\n/landet/ at {clients} clients: {many[1].rps:.1f} req/s = {share:.0%} of the trivial page's "
        f"{many[0].rps:.1f} (target ≥ {TARGET_SHARE:.0%}): {'met' if share >= TARGET_SHARE else 'NOT met'}"
    )
    print(
        f"/landet/ at one client: p95 {one[1].p95_ms:.1f} ms = {p95:.1f}× the trivial page's "
        f"{one[0].p95_ms:.1f} ms (target ≤ {TARGET_P95:.0f}×): {'met' if p95 <= TARGET_P95 else 'NOT met'}"
    )


def _print(results: list[Result]) -> None:
    baseline = results[0]
    print(
        f"{'page':<52} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'p50 × trivial':>14}"
        f" {'req/s ÷ trivial':>16}"
    )
    for r in results:
        slower = r.p50_ms / baseline.p50_ms if baseline.p50_ms else float("nan")
        share = r.rps / baseline.rps if baseline.rps else float("nan")
        print(
            f"{r.label:<52} {r.rps:>8.1f} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {r.errors:>7} {slower:>14.1f}"
            f" {share:>16.2f}"
        )
    print(
        "\nRatios are against the sign-in form (a template, no data) on the same server in the same run. A page"
        "\nslower than --clients/--seconds requests per second completes few requests in the window; wrk counts"
        "\nonly completed ones, so its p50/p95 then understate the queueing: lengthen --seconds to see it."
    )


if __name__ == "__main__":
    main()
