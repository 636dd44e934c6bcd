"""SAML configuration: the mapping file and the environment are checked before anyone can sign in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sundhedsaftale.accounts.models import Role
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.sso.config import saml_settings_from_env
from sundhedsaftale.sso.mapping import (
    Claims,
    Refusal,
    RefusalReason,
    SignInMapping,
    assign,
    claims_from,
    load_mapping,
)
from sundhedsaftale.web.platform import platform
from tests.saml_idp import make_keypair, privileges

from .saml_fixtures import MAPPING, SECRETARIAT

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path) -> SignInMapping:
    reference = platform().reference
    return load_mapping(
        path,
        roles=Role.values,
        regions=reference.regions.keys(),
        clusters={k: c.region_code for k, c in reference.clusters.items()},
    )


def _mapping_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_example_mapping_loads() -> None:
    mapping = _load(ROOT / "examples" / "saml-mapping.yaml")
    assert mapping.minimum_loa == "Substantial"
    assert {o.region_code for o in mapping.organisations.values()} >= {"1081", "1082", "1083", "1084", "1085"}


@pytest.mark.parametrize(
    ("change", "problem", "line"),
    [
        (
            ('region: "1085"', 'region: "1095"'),
            "organisations['11111111'].region: ukendt regionskode '1095'",
            10,
        ),
        (
            ('region: "1084"\n    roles', 'region: "1084"\n    cluster: sjaelland-holbaek\n    roles'),
            "'sjaelland-holbaek' ligger ikke i region '1084'",
            15,
        ),
        (
            ("roles: [reviewer]", 'roles: [reviewer]\n    region: "1085"'),
            "rollen 'reviewer' gælder hele landet",
            23,
        ),
        (('"22222222":', '"2222222":'), "'2222222' er ikke et CVR-nummer", 13),
        (('": member\n', '": medlem\n'), "rollen 'medlem' findes ikke", 6),
        (
            ("    cluster: sjaelland-holbaek\n", ""),
            "rollen 'cluster_secretariat' kræver en sundhedsklynge",
            19,
        ),
        (("minimum_loa: Substantial", "minimum_loa: Middel"), "minimum_loa 'Middel' er ukendt", 1),
    ],
)
def test_mapping_file_mistakes_name_file_line_and_field(tmp_path: Path, change, problem, line) -> None:
    old, new = change
    assert old in MAPPING
    path = _mapping_with(tmp_path, MAPPING.replace(old, new, 1))
    with pytest.raises(DataFileError) as caught:
        _load(path)
    assert problem in caught.value.problem
    assert caught.value.line == line
    assert "mapping.yaml" in str(caught.value)


def test_privileges_scoped_to_another_organisation_give_no_role(tmp_path: Path) -> None:
    mapping = _load(_mapping_with(tmp_path, MAPPING))
    names = mapping.attributes
    other_org = claims_from(
        mapping,
        issuer="idp",
        name_id="",
        attributes={
            names.subject: ["urn:uuid:1"],
            names.organisation: ["11111111"],
            names.loa: ["Substantial"],
            # Granted by Region Hovedstaden, presented by someone employed at Region Sjælland.
            names.privileges: [privileges("22222222", SECRETARIAT)],
        },
    )
    assert other_org.privileges == frozenset()
    with pytest.raises(Refusal) as caught:
        assign(mapping, other_org)
    assert caught.value.reason is RefusalReason.NO_ROLE


def test_a_malformed_privilege_document_counts_as_none(tmp_path: Path) -> None:
    mapping = _load(_mapping_with(tmp_path, MAPPING))
    names = mapping.attributes
    claims = claims_from(
        mapping,
        issuer="idp",
        name_id="",
        attributes={
            names.subject: ["s"],
            names.organisation: ["11111111"],
            names.privileges: ["not base64 xml"],
        },
    )
    assert claims.privileges == frozenset()


def test_first_listed_role_the_organisation_allows_wins(tmp_path: Path) -> None:
    mapping = _load(_mapping_with(tmp_path, MAPPING))
    claims = Claims(
        issuer="idp",
        subject="s",
        organisation="33333333",  # Holbæk: cluster secretariat and member
        privileges=frozenset({SECRETARIAT, "urn:dk:sundhedsaftale:privilegie:medlem"}),
        loa="https://data.gov.dk/concept/core/nsis/loa/High",
    )
    assignment = assign(mapping, claims)
    # The secretariat privilege is listed first but Holbæk may not hold it; the member role is the next.
    assert (assignment.role, assignment.region_code, assignment.cluster_id) == ("member", "1085", "")


def _env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    key, cert = make_keypair(tmp_path, "sp")
    metadata = tmp_path / "idp.xml"
    metadata.write_text("<EntityDescriptor/>", encoding="utf-8")
    env = {
        "SUNDHEDSAFTALE_SAML": "1",
        "SUNDHEDSAFTALE_SAML_BASE_URL": "https://sundhedsaftale.example",
        "SUNDHEDSAFTALE_SAML_IDP_METADATA": str(metadata),
        "SUNDHEDSAFTALE_SAML_KEY_FILE": str(key),
        "SUNDHEDSAFTALE_SAML_CERT_FILE": str(cert),
        "SUNDHEDSAFTALE_SAML_MAPPING_FILE": str(_mapping_with(tmp_path, MAPPING)),
    }
    env.update(overrides)
    return env


def test_saml_is_off_unless_switched_on(tmp_path: Path) -> None:
    assert saml_settings_from_env({}, debug=False) is None
    env = _env(tmp_path, SUNDHEDSAFTALE_SAML="0")
    assert saml_settings_from_env(env, debug=False) is None


def test_settings_from_the_environment(tmp_path: Path) -> None:
    saml = saml_settings_from_env(_env(tmp_path), debug=False)
    assert saml is not None
    assert saml.entity_id == "https://sundhedsaftale.example/saml2/metadata/"
    assert saml.secure


@pytest.mark.parametrize(
    ("overrides", "debug", "message"),
    [
        ({"SUNDHEDSAFTALE_SAML_MAPPING_FILE": ""}, False, "SUNDHEDSAFTALE_SAML_MAPPING_FILE skal sættes"),
        ({"SUNDHEDSAFTALE_SAML_KEY_FILE": "/nowhere/sp.key"}, False, "filen '/nowhere/sp.key' findes ikke"),
        ({"SUNDHEDSAFTALE_SAML_BASE_URL": "http://sundhedsaftale.example"}, False, "skal bruge https"),
        (
            {"SUNDHEDSAFTALE_SAML_IDP_METADATA": "http://idp.example/metadata"},
            False,
            "skal hentes over https",
        ),
        ({"SUNDHEDSAFTALE_SAML_XMLSEC": "/nowhere/xmlsec1"}, True, "xmlsec1 mangler"),
    ],
)
def test_unsafe_or_incomplete_settings_are_refused_naming_the_variable(
    tmp_path: Path, overrides, debug, message
) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        saml_settings_from_env(_env(tmp_path, **overrides), debug=debug)


def test_plain_http_is_allowed_for_development_and_loopback_metadata(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        SUNDHEDSAFTALE_SAML_BASE_URL="http://127.0.0.1:8001",
        SUNDHEDSAFTALE_SAML_IDP_METADATA="http://127.0.0.1:9000/metadata",
    )
    assert saml_settings_from_env(env, debug=True) is not None


def test_bad_mapping_file_stops_start_up_naming_file_and_line(tmp_path: Path) -> None:
    env = {
        **os.environ,
        **_env(tmp_path),
        "SUNDHEDSAFTALE_SAML_BASE_URL": "http://127.0.0.1:8001",
        "SUNDHEDSAFTALE_DEBUG": "1",
        "SUNDHEDSAFTALE_VAR_DIR": str(tmp_path / "var"),
    }
    Path(env["SUNDHEDSAFTALE_SAML_MAPPING_FILE"]).write_text(
        MAPPING.replace('region: "1085"', 'region: "1095"', 1), encoding="utf-8"
    )
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        "mapping.yaml, linje 10: organisations['11111111'].region: ukendt regionskode '1095'" in result.stderr
    )


def test_the_idp_origins_come_from_the_setting_or_the_metadata(tmp_path) -> None:
    """ "Log ud" redirects to the IdP's single logout: the Content-Security-Policy's form-action must allow it."""
    from django.core.exceptions import ImproperlyConfigured

    from sundhedsaftale.sso.config import _idp_origins

    assert _idp_origins("https://idp.example.dk, https://slo.example.dk/", "metadata.xml") == (
        "https://idp.example.dk",
        "https://slo.example.dk",
    )
    assert _idp_origins("", "https://idp.example.dk/metadata/idp.xml") == ("https://idp.example.dk",)
    metadata = tmp_path / "idp.xml"
    metadata.write_text(
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor>'
        '<md:SingleSignOnService Location="https://sso.example.dk/login" Binding="b"/>'
        '<md:SingleLogoutService Location="https://slo.example.dk/logout" Binding="b"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>",
        encoding="utf-8",
    )
    assert _idp_origins("", str(metadata)) == ("https://sso.example.dk", "https://slo.example.dk")
    with pytest.raises(ImproperlyConfigured, match="IDP_ORIGINS"):
        _idp_origins("idp.example.dk/path", str(metadata))
