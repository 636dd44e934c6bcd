"""Sign-in with SAML end to end against a local IdP: login page → IdP → signed assertion → role and region.

The IdP (tests/saml_idp.py) is pysaml2's own server with keys made for the test; the platform side is the real
djangosaml2 flow through Django's test client.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from sundhedsaftale.accounts.models import AuditEntry, Role, User
from sundhedsaftale.sso.models import SamlIdentity

from .conftest import PASSWORD
from .saml_fixtures import (
    MEMBER,
    PEOPLE,
    SJAELLAND_CVR,
    UNKNOWN_CVR,
    post_answer,
    sign_in,
    start,
    switch_on,
)


@pytest.fixture
def idp(tmp_path, settings, registry):  # type: ignore[no-untyped-def]
    return switch_on(tmp_path, settings)


def _signed_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_login_page_offers_mitid_erhverv_and_the_button_leads_to_the_idp(idp) -> None:
    client = Client()
    page = client.get("/log-ind/?next=/regioner/1085/")
    html = page.content.decode()
    assert "Log ind med MitID Erhverv" in html
    href = re.search(r'id="sign-in-mitid-erhverv" href="([^"]+)"', html).group(1)
    assert href == "/saml2/login/?next=/regioner/1085/"
    redirect = client.get(href.replace("&amp;", "&"))
    assert redirect.status_code == 302
    assert redirect["Location"].startswith(idp.base_url + "/sso?SAMLRequest=")
    # The request is signed (redirect binding: signature in the query), as OIOSAML 3 requires.
    assert "&Signature=" in redirect["Location"]
    english = client.get("/log-ind/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in with MitID Erhverv" in english


def test_without_saml_the_login_page_has_local_accounts_only_and_the_endpoints_are_404(db) -> None:
    client = Client()
    assert "MitID Erhverv" not in client.get("/log-ind/").content.decode()
    for path in ("/saml2/login/", "/saml2/metadata/", "/saml2/ls/"):
        assert client.get(path).status_code == 404
    assert client.post("/saml2/acs/", {"SAMLResponse": "x"}).status_code == 404


def test_region_secretariat_is_created_with_the_mapped_role_and_region(idp) -> None:
    client = Client()
    response = sign_in(client, idp, "signe", next_path="/regioner/1085/")
    assert response.status_code == 302
    assert response["Location"] == "/regioner/1085/"
    user = User.objects.get(saml_identity__subject=PEOPLE["signe"].subject)
    assert (user.role, user.region_code, user.cluster_id) == (Role.REGION_SECRETARIAT, "1085", "")
    assert user.get_full_name() == "Signe Sand"
    assert not user.has_usable_password()
    # What the role allows: decisions in the own region, not in another.
    assert client.get("/regioner/1085/beslutninger/ny/").status_code == 200
    assert client.get("/regioner/1084/beslutninger/ny/").status_code == 403
    created = AuditEntry.objects.get(action="user_create", object_id=user.username)
    assert created.region_code == "1085"
    assert created.after["role"] == "region_secretariat"
    assert created.after["organisation"] == SJAELLAND_CVR


@pytest.mark.parametrize(
    ("username", "role", "region", "cluster"),
    [
        ("henrik", Role.REGION_SECRETARIAT, "1084", ""),
        ("karen", Role.CLUSTER_SECRETARIAT, "1085", "sjaelland-holbaek"),
        ("soeren", Role.REVIEWER, "", ""),
    ],
)
def test_each_organisation_and_privilege_gives_its_role_and_place(
    idp, username, role, region, cluster
) -> None:
    client = Client()
    assert sign_in(client, idp, username).status_code == 302
    user = _signed_in_user(client)
    assert user is not None
    assert (user.role, user.region_code, user.cluster_id) == (role, region, cluster)


def test_role_change_at_the_idp_follows_at_the_next_sign_in_and_is_audited(idp) -> None:
    sign_in(Client(), idp, "signe")
    idp.people["signe"].privileges = (MEMBER,)
    client = Client()
    assert sign_in(client, idp, "signe").status_code == 302
    user = User.objects.get(saml_identity__subject=PEOPLE["signe"].subject)
    assert user.role == Role.MEMBER
    assert client.get("/regioner/1085/beslutninger/ny/").status_code == 403
    change = AuditEntry.objects.get(action="user_update", object_id=user.username)
    assert change.before["role"] == "region_secretariat"
    assert change.after["role"] == "member"
    # Signing in again unchanged writes no further row.
    sign_in(Client(), idp, "signe")
    assert AuditEntry.objects.filter(action="user_update", object_id=user.username).count() == 1


@pytest.mark.parametrize(
    ("username", "reason", "explained"),
    [
        ("ukendt", "unknown_organisation", f"Din organisation (CVR-nummer {UNKNOWN_CVR}) har ikke adgang"),
        ("uden-rettighed", "no_role", "Du har ingen rettighed til platformen i Region Sjælland"),
        ("forkert-rolle", "role_not_allowed", "kan ikke bruges af Region Sjælland"),
        ("lavt-niveau", "loa_too_low", "sikringsniveau Low; platformen kræver mindst Substantial"),
    ],
)
def test_identity_without_a_mapping_is_refused_with_a_reason_and_an_audit_row(
    idp, username, reason, explained
) -> None:
    client = Client()
    response = sign_in(client, idp, username)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du kan ikke logge ind" in page
    assert explained in page
    assert _signed_in_user(client) is None
    assert not SamlIdentity.objects.filter(subject=PEOPLE[username].subject).exists()
    row = AuditEntry.objects.get(action="sign_in_refused")
    assert row.after["reason"] == reason
    assert row.after["subject"] == PEOPLE[username].subject
    assert row.region_code == ""  # for administrators and reviewers, never a region's trail


def test_refusal_page_in_english(idp) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = sign_in(client, idp, "ukendt").content.decode()
    assert "You cannot log in" in page
    assert f"Your organisation (CVR number {UNKNOWN_CVR}) has no access" in page


def test_unsigned_assertion_is_refused(idp) -> None:
    client = Client()
    response = sign_in(client, idp, "signe", sign=False, encrypt=False)
    assert response.status_code == 403
    assert "kunne ikke godkendes" in response.content.decode()
    assert _signed_in_user(client) is None
    assert not User.objects.filter(saml_identity__subject=PEOPLE["signe"].subject).exists()


def test_tampered_assertion_is_refused(idp) -> None:
    # Signed for Region Sjælland's secretariat, then the organisation changed to Region Hovedstaden's.
    client = Client()
    response = sign_in(client, idp, "signe", tamper={f">{SJAELLAND_CVR}<": ">22222222<"})
    assert response.status_code == 403
    assert _signed_in_user(client) is None
    assert not User.objects.filter(saml_identity__subject=PEOPLE["signe"].subject).exists()


def test_untampered_unencrypted_signed_assertion_is_accepted(idp) -> None:
    # The control for the two tests above: the same answer, signed and left alone, signs in.
    client = Client()
    assert sign_in(client, idp, "signe", encrypt=False).status_code == 302
    assert _signed_in_user(client) is not None


def test_replayed_assertion_is_refused_in_the_same_and_in_another_session(idp) -> None:
    client = Client()
    answer = idp.answer(start(client, idp), "signe")
    assert post_answer(client, answer.fields).status_code == 302
    client.post("/log-ud/")
    assert post_answer(client, answer.fields).status_code == 403
    assert _signed_in_user(client) is None
    attacker = Client()
    start(attacker, idp)  # even with a sign-in of its own under way
    assert post_answer(attacker, answer.fields).status_code == 403
    assert _signed_in_user(attacker) is None


def test_response_to_a_request_of_another_session_is_refused(idp) -> None:
    victim, attacker = Client(), Client()
    answer = idp.answer(start(victim, idp), "signe")
    assert post_answer(attacker, answer.fields).status_code == 403
    assert _signed_in_user(attacker) is None


def test_existing_local_user_is_linked_and_then_signs_in_only_through_the_idp(idp, users) -> None:
    call_command(
        "saml_link", "sjaelland", "--issuer", idp.entity_id, "--subject", PEOPLE["signe"].subject, verbosity=0
    )
    client = Client()
    assert sign_in(client, idp, "signe").status_code == 302
    user = _signed_in_user(client)
    assert user is not None
    assert user.username == "sjaelland"
    assert User.objects.count() == len(users)  # no new account
    assert not Client().login(username="sjaelland", password=PASSWORD)
    link = AuditEntry.objects.get(action="sso_link")
    assert link.object_id == "sjaelland"


def test_link_refuses_an_identity_already_in_use(idp, users) -> None:
    from django.core.management.base import CommandError

    sign_in(Client(), idp, "signe")
    with pytest.raises(CommandError, match="allerede knyttet til brugeren 'saml-"):
        call_command(
            "saml_link", "sjaelland", "--issuer", idp.entity_id, "--subject", PEOPLE["signe"].subject
        )


def test_user_deactivated_here_is_refused_even_with_a_valid_identity(idp) -> None:
    sign_in(Client(), idp, "signe")
    User.objects.filter(saml_identity__subject=PEOPLE["signe"].subject).update(is_active=False)
    client = Client()
    response = sign_in(client, idp, "signe")
    assert response.status_code == 403
    assert "spærret" in response.content.decode()
    assert AuditEntry.objects.get(action="sign_in_refused").after["reason"] == "inactive"


def test_sign_out_ends_the_session_here_and_at_the_idp(idp) -> None:
    client = Client()
    sign_in(client, idp, "signe")
    response = client.post("/log-ud/")
    assert response.status_code == 302
    assert response["Location"].startswith(idp.base_url + "/slo?SAMLRequest=")
    assert _signed_in_user(client) is None  # already signed out here, whatever the IdP answers
    back = idp.logout_answer(response["Location"])
    assert back.startswith("http://testserver/saml2/ls/?SAMLResponse=")
    finished = client.get(back.removeprefix("http://testserver"))
    assert finished.status_code == 302
    assert finished["Location"] == "/"


def test_local_account_signs_out_as_before(idp, login) -> None:
    client = login("sjaelland")
    response = client.post("/log-ud/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in_user(client) is None
