"""In a real headless Chromium: "Log ind med MitID Erhverv" through a local IdP and back, and out again.

The platform runs as an operator would run it with SAML switched on (environment variables only); the IdP is
the test IdP of tests/saml_idp.py served over HTTP on another loopback port, its metadata fetched by URL.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.saml_idp import LocalIdP, serve
from tests.web.saml_fixtures import PEOPLE, saml_settings

from .conftest import ROOT, _free_port

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def saml_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, LocalIdP]]:
    directory = tmp_path_factory.mktemp("saml")
    with serve(directory) as idp:
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        saml = saml_settings(directory, base_url=url, idp_metadata=idp.base_url + "/metadata")
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            {
                "SUNDHEDSAFTALE_VAR_DIR": str(directory / "var"),
                "SUNDHEDSAFTALE_DEBUG": "1",
                "DJANGO_SETTINGS_MODULE": "sundhedsaftale.web.settings",
                "SUNDHEDSAFTALE_SAML": "1",
                "SUNDHEDSAFTALE_SAML_BASE_URL": url,
                "SUNDHEDSAFTALE_SAML_IDP_METADATA": saml.idp_metadata,
                "SUNDHEDSAFTALE_SAML_KEY_FILE": str(saml.key_file),
                "SUNDHEDSAFTALE_SAML_CERT_FILE": str(saml.cert_file),
                "SUNDHEDSAFTALE_SAML_MAPPING_FILE": str(saml.mapping_file),
            }
        )
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput", "-v", "0"], ["sync_reference"]):
            subprocess.run(
                [*manage, *command], env=env, check=True, cwd=ROOT, timeout=300, stdout=subprocess.DEVNULL
            )
        proc = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    metadata = urllib.request.urlopen(url + "/saml2/metadata/", timeout=2).read().decode()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        proc.kill()
                        raise RuntimeError(
                            "serveren startede ikke: " + (proc.stderr.read().decode() if proc.stderr else "")
                        ) from None
                    time.sleep(0.3)
            idp.trust(metadata)
            idp.people.update({k: dataclasses.replace(v) for k, v in PEOPLE.items()})
            yield url, idp
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_secretariat_signs_in_with_mitid_erhverv_and_out_again(page, saml_server) -> None:
    url, idp = saml_server
    page.goto(url + "/log-ind/?next=/regioner/1085/")
    page.get_by_role("link", name="Log ind med MitID Erhverv").click()
    page.wait_for_url(re.compile(re.escape(idp.base_url) + r"/sso\?"))
    page.get_by_label("Bruger").select_option("signe")
    page.get_by_role("button", name="Godkend").click()
    page.wait_for_url(url + "/regioner/1085/")
    header = page.locator(".portal-user .user")
    assert "Signe Sand" in header.inner_text()
    assert "Sekretariat for sundhedssamarbejdsudvalget" in header.inner_text()

    page.locator(".portal-user").get_by_role("button", name="Log ud").click()
    page.wait_for_url(url + "/")
    assert page.locator(".portal-user").get_by_role("link", name="Log ind").is_visible()
    page.goto(url + "/oversigt/")
    assert "/log-ind/" in page.url  # the session is gone


def test_unknown_organisation_sees_why_in_danish(page, saml_server) -> None:
    url, _ = saml_server
    page.goto(url + "/log-ind/")
    page.get_by_role("link", name="Log ind med MitID Erhverv").click()
    page.get_by_label("Bruger").select_option("ukendt")
    page.get_by_role("button", name="Godkend").click()
    page.wait_for_url(url + "/saml2/acs/")
    assert page.get_by_role("heading", level=1).inner_text() == "Du kan ikke logge ind"
    assert (
        "Din organisation (CVR-nummer 99999999) har ikke adgang"
        in page.locator("#sign-in-refused").inner_text()
    )
