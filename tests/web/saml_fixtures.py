"""The platform as a SAML service provider against the local test IdP (tests/saml_idp.py), for the test client."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client

from sundhedsaftale.sso.config import SamlSettings, pysaml2_config
from tests.saml_idp import XMLSEC, LocalIdP, Person, make_keypair

SECRETARIAT = "urn:dk:sundhedsaftale:privilegie:sekretariat"
CLUSTER = "urn:dk:sundhedsaftale:privilegie:klyngesekretariat"
REVIEWER = "urn:dk:sundhedsaftale:privilegie:sagsbehandler"
MEMBER = "urn:dk:sundhedsaftale:privilegie:medlem"

# Made-up CVR numbers: the organisations a test installation lets in.
SJAELLAND_CVR, HOVEDSTADEN_CVR, HOLBAEK_CVR, SST_CVR, UNKNOWN_CVR = (
    "11111111",
    "22222222",
    "33333333",
    "44444444",
    "99999999",
)

MAPPING = f"""\
minimum_loa: Substantial
roles:
  "{SECRETARIAT}": region_secretariat
  "{CLUSTER}": cluster_secretariat
  "{REVIEWER}": reviewer
  "{MEMBER}": member
organisations:
  "{SJAELLAND_CVR}":
    name: Region Sjælland
    region: "1085"
    roles: [region_secretariat, member]
  "{HOVEDSTADEN_CVR}":
    name: Region Hovedstaden
    region: "1084"
    roles: [region_secretariat, member]
  "{HOLBAEK_CVR}":
    name: Holbæk Kommune
    region: "1085"
    cluster: sjaelland-holbaek
    roles: [cluster_secretariat, member]
  "{SST_CVR}":
    name: Sundhedsstyrelsen
    roles: [reviewer]
"""

PEOPLE = {
    "signe": Person(
        "urn:uuid:5a8c0b0e-0001-4000-8000-000000000001", SJAELLAND_CVR, (SECRETARIAT,), "Signe", "Sand"
    ),
    "henrik": Person(
        "urn:uuid:5a8c0b0e-0002-4000-8000-000000000002", HOVEDSTADEN_CVR, (SECRETARIAT,), "Henrik", "Holm"
    ),
    "karen": Person(
        "urn:uuid:5a8c0b0e-0003-4000-8000-000000000003", HOLBAEK_CVR, (CLUSTER,), "Karen", "Krog"
    ),
    "soeren": Person("urn:uuid:5a8c0b0e-0004-4000-8000-000000000004", SST_CVR, (REVIEWER,), "Søren", "Storm"),
    "ukendt": Person("urn:uuid:5a8c0b0e-0005-4000-8000-000000000005", UNKNOWN_CVR, (SECRETARIAT,)),
    "uden-rettighed": Person("urn:uuid:5a8c0b0e-0006-4000-8000-000000000006", SJAELLAND_CVR, ()),
    "forkert-rolle": Person("urn:uuid:5a8c0b0e-0007-4000-8000-000000000007", SJAELLAND_CVR, (REVIEWER,)),
    "lavt-niveau": Person(
        "urn:uuid:5a8c0b0e-0008-4000-8000-000000000008", SJAELLAND_CVR, (SECRETARIAT,), loa="Low"
    ),
}


def saml_settings(directory: Path, *, base_url: str, idp_metadata: str) -> SamlSettings:
    key_file, cert_file = make_keypair(directory, "sp")
    mapping_file = directory / "mapping.yaml"
    mapping_file.write_text(MAPPING, encoding="utf-8")
    return SamlSettings(
        base_url=base_url,
        entity_id=base_url + "/saml2/metadata/",
        idp_metadata=idp_metadata,
        key_file=key_file,
        cert_file=cert_file,
        mapping_file=mapping_file,
        xmlsec_binary=XMLSEC,
    )


def switch_on(tmp_path: Path, settings) -> LocalIdP:  # type: ignore[no-untyped-def]
    """SAML switched on in the settings, with the test IdP trusted both ways and the people above."""
    local = LocalIdP(tmp_path, "http://idp.test")
    saml = saml_settings(tmp_path, base_url="http://testserver", idp_metadata=str(local.write_metadata()))
    settings.SAML_ENABLED = True
    settings.SAML_CONFIG = pysaml2_config(saml)
    settings.SAML_MAPPING_FILE = saml.mapping_file
    settings.SAML_SESSION_COOKIE_SAMESITE = "Lax"
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "sundhedsaftale.sso.backends.SamlBackend",
    ]
    metadata = Client().get("/saml2/metadata/")
    assert metadata.status_code == 200
    local.trust(metadata.content.decode())
    # Copies: a test may change what the IdP says about someone without touching the next test's people.
    local.people.update({name: dataclasses.replace(person) for name, person in PEOPLE.items()})
    return local


def start(client: Client, idp: LocalIdP, next_path: str = "/oversigt/") -> str:
    """The platform's redirect to the IdP (the AuthnRequest URL)."""
    response = client.get("/saml2/login/", {"next": next_path})
    assert response.status_code == 302, response.content[:500]
    assert response["Location"].startswith(idp.base_url + "/sso?")
    return str(response["Location"])


def post_answer(client: Client, fields: dict[str, str], acs_url: str = "http://testserver/saml2/acs/"):  # type: ignore[no-untyped-def]
    return client.post(urlsplit(acs_url).path, fields)


def sign_in(client: Client, idp: LocalIdP, username: str, next_path: str = "/oversigt/", **answer):  # type: ignore[no-untyped-def]
    answer_ = idp.answer(start(client, idp, next_path), username, **answer)
    return post_answer(client, answer_.fields, answer_.acs_url)
