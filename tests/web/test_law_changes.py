"""Legal changes on the pages and in the API: the public list with markers and sources, the administrators'
verification (audited, refused for everyone else, nothing written on bad input), the regime on a date, and the
rules, findings and deadlines on both sides of 1 January 2027, before and after the verification."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.lawbook.models import LawChangeVerification
from sundhedsaftale.web.audit_sentences import audit_lines

pytestmark = pytest.mark.django_db

SOURCE = "https://www.retsinformation.dk/eli/lta/2025/719"


def _verify(client: Client, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/lov/aendringer/verificer/",
        {"change_id": "l214-2025", "verified_against": SOURCE, "note": "§ 1 og ikrafttræden læst", **extra},
    )


def test_changes_page_is_public_with_markers_and_sources(client: Client) -> None:
    response = client.get("/lov/aendringer/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S]" in page
    assert 'data-marker="[S]" data-verified="false"' in page
    assert "https://www.ft.dk/samling/20241/lovforslag/l214/20241_l214_som_fremsat.htm" in page
    assert "Ikke verificeret" in page
    assert "L 213 (2024–25), LOV nr. 699 af 20. juni 2025" in page
    assert 'action="/lov/aendringer/verificer/"' not in page  # the public gets no form


def test_administrator_verifies_and_the_change_is_audited(login) -> None:
    admin = login("admin")
    assert 'action="/lov/aendringer/verificer/"' in admin.get("/lov/aendringer/").content.decode()
    response = _verify(admin)
    assert response.status_code == 302
    row = LawChangeVerification.objects.get()
    assert (row.change_id, row.verified_against, row.verified_by.username) == ("l214-2025", SOURCE, "admin")
    entry = AuditEntry.objects.get(action="law_change_verify")
    assert entry.object_id == "l214-2025"
    assert entry.after["verified_against"] == SOURCE
    page = admin.get("/lov/aendringer/").content.decode()
    assert 'data-verified="true"' in page
    assert SOURCE in page


def test_a_second_verification_is_refused_and_changes_nothing(login) -> None:
    admin = login("admin")
    _verify(admin)
    response = _verify(admin, verified_against="https://example.org/other")
    assert response.status_code == 400
    assert "L 214 (2024–25) er allerede registreret som verificeret." in response.content.decode()
    assert LawChangeVerification.objects.get().verified_against == SOURCE
    assert AuditEntry.objects.filter(action="law_change_verify").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verified_against": ""}, "Verificeret mod"),
        ({"change_id": "l999-2030"}, "Lovændringen &#x27;l999-2030&#x27; er ikke registreret"),
        ({"change_id": "overgangsloven-2025"}, "bygger kun på lovtekst [V]"),
    ],
)
def test_bad_verification_says_why_and_writes_nothing(login, data: dict[str, str], message: str) -> None:
    response = _verify(login("admin"), **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LawChangeVerification.objects.exists()
    assert not AuditEntry.objects.filter(action="law_change_verify").exists()


@pytest.mark.parametrize("username", ["sjaelland", "sst", "medlem", "klynge"])
def test_only_administrators_may_verify(login, username: str) -> None:
    assert _verify(login(username)).status_code == 403
    assert not LawChangeVerification.objects.exists()


def test_anonymous_verification_is_sent_to_log_in(client: Client) -> None:
    response = _verify(client)
    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]
    assert not LawChangeVerification.objects.exists()


def test_api_regime_on_both_sides_of_1_january_2027(client: Client, login) -> None:
    before = client.get("/api/v1/law/regime", {"at": "2026-12-31"}).json()
    assert before["changed"] is False
    assert [s["id"] for s in before["sources"]] == ["bek-1248-2022", "vej-9008-2024"]
    assert {c["topic"] for c in before["continuing"]} == {
        "sundhedsklynger",
        "sundhedssamarbejdsudvalg",
        "sundhedsaftaler",
        "patientinddragelsesudvalg",
    }
    assert len(before["upcoming"]) == 3
    after = client.get("/api/v1/law/regime", {"at": "2027-01-01"}).json()
    assert after["ended"] == []
    assert {e["what"] for e in after["expected"]} == {
        "sundhedsklynger",
        "sundhedssamarbejdsudvalg",
        "sundhedsaftaler i deres nuværende form",
    }
    assert all(e["state"] == "expected" and e["date_marker"] == "[S]" for e in after["expected"])
    assert [c["topic"] for c in after["continuing"]] == ["patientinddragelsesudvalg"]
    _verify(login("admin"))
    verified = client.get("/api/v1/law/regime", {"at": "2027-01-01"}).json()
    assert verified["expected"] == []
    assert all(e["label"].startswith("bortfaldet pr. 1. januar 2027 (L 214") for e in verified["ended"])


def test_api_regime_refuses_a_malformed_date(client: Client) -> None:
    assert client.get("/api/v1/law/regime", {"at": "2027-13-01"}).status_code == 422


def test_api_rules_carry_the_expected_end_and_leave_out_ended_rules(client: Client, login) -> None:
    rules = {r["id"]: r for r in client.get("/api/v1/law/rules", {"at": "2027-01-01"}).json()}
    assert rules["aftale.indsendelsesfrist"]["legal_change"]["state"] == "expected"
    assert rules["pi-udvalg.moeder"]["legal_change"] is None
    _verify(login("admin"))
    after = {r["id"] for r in client.get("/api/v1/law/rules", {"at": "2027-01-01"}).json()}
    assert "aftale.indsendelsesfrist" not in after
    assert "pi-udvalg.moeder" in after
    before = {r["id"] for r in client.get("/api/v1/law/rules", {"at": "2026-12-31"}).json()}
    assert "aftale.indsendelsesfrist" in before


def test_rules_page_shows_expected_then_ended(client: Client, login) -> None:
    page = client.get("/regler/", {"dato": "2027-01-01"}).content.decode()
    assert 'id="rule-aftale.indsendelsesfrist" data-legal-change="expected"' in page
    assert "Forventet bortfald pr. 1. januar 2027" in page
    assert 'id="ended-rules"' not in page
    _verify(login("admin"))
    page = client.get("/regler/", {"dato": "2027-01-01"}).content.decode()
    assert 'id="ended-aftale.indsendelsesfrist" data-legal-change="ended"' in page
    assert 'id="rule-aftale.indsendelsesfrist"' not in page
    assert 'id="rule-pi-udvalg.moeder"' in page


def test_region_page_has_the_regime_panel(sjaelland, login) -> None:
    member = login("medlem")
    before = member.get(f"/regioner/{sjaelland}/", {"dato": "2026-12-31"}).content.decode()
    assert 'id="regime"' in before
    assert 'data-changed="false"' in before
    after = member.get(f"/regioner/{sjaelland}/", {"dato": "2027-01-01"}).content.decode()
    assert 'data-changed="true"' in after
    assert 'data-legal-change="expected"' in after
    assert 'data-continuing="patientinddragelsesudvalg"' in after
    assert 'data-continuing="sundhedsklynger"' not in after
    assert 'class="finding-legal-change" data-legal-change="expected"' in after


def test_region_deadlines_show_the_2027_submission_expected_then_ended(sjaelland, login) -> None:
    member = login("medlem")
    page = member.get(f"/regioner/{sjaelland}/frister/", {"dato": "2026-12-31"}).content.decode()
    row = page.split(f'data-obligation="{sjaelland}:sundhedsaftale-2026:indsendelse"', 1)[1].split(
        "</tr>", 1
    )[0]
    assert 'data-legal-change="expected"' in row
    assert "Forventet bortfald pr. 1. januar 2027" in row
    _verify(login("admin"))
    # An ended duty is no longer open: the default table leaves it out, "show all" lists it as ended.
    page = member.get(f"/regioner/{sjaelland}/frister/", {"dato": "2026-12-31"}).content.decode()
    assert f'data-obligation="{sjaelland}:sundhedsaftale-2026:indsendelse"' not in page
    page = member.get(f"/regioner/{sjaelland}/frister/", {"dato": "2026-12-31", "alle": "1"}).content.decode()
    row = page.split(f'data-obligation="{sjaelland}:sundhedsaftale-2026:indsendelse"', 1)[1].split(
        "</tr>", 1
    )[0]
    assert 'data-status="ended"' in page
    assert "Bortfaldet pr. 1. januar 2027 (L 214" in row


def test_regime_panel_in_english_for_an_english_browser(client: Client) -> None:
    page = client.get("/lov/aendringer/", {"dato": "2027-01-01"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Legal changes" in page
    assert "Expected end – not verified" in page
    assert "expected to end as of" in page
    assert "may be superseded" in page
    assert "Continues:" in page


def test_a_provision_page_names_the_change_that_ends_it(client: Client, login) -> None:
    page = client.get("/lov/bek-1248-2022/sec_21__subsec_1/").content.decode()
    assert 'id="legal-changes"' in page
    assert 'data-legal-change="expected"' in page
    assert "Forventet bortfald pr. 1. januar 2027 (kilde: L 214 (2024–25)" in page
    piu = client.get("/lov/bek-1248-2022/sec_25__subsec_1/").content.decode()
    assert 'id="legal-changes"' not in piu  # the patient involvement committee is not ended
    _verify(login("admin"))
    page = client.get("/lov/bek-1248-2022/sec_21__subsec_1/").content.decode()
    assert 'data-legal-change="ended"' in page
    assert "Bortfaldet pr. 1. januar 2027 (L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S])" in page


# --- Withdrawing a verification recorded by mistake (ADR 0052) ----------------------------------------------

WITHDRAW = "/lov/aendringer/l214-2025/tilbagekald/"
REASON = "Kilden var lovforslaget, ikke den vedtagne lov."


def test_withdrawing_the_verification_brings_the_2027_duty_and_findings_back_from_bortfaldet(
    sjaelland, login
) -> None:
    member, admin = login("medlem"), login("admin")
    deadlines = f"/regioner/{sjaelland}/frister/"
    _verify(admin)
    page = member.get(deadlines, {"dato": "2026-12-31", "alle": "1"}).content.decode()
    assert "Bortfaldet pr. 1. januar 2027 (L 214" in page
    region = member.get(f"/regioner/{sjaelland}/", {"dato": "2027-01-01"}).content.decode()
    assert 'class="finding-legal-change" data-legal-change="expected"' not in region

    response = admin.post(WITHDRAW, {"reason": REASON})
    assert response.status_code == 302
    page = member.get(deadlines, {"dato": "2026-12-31", "alle": "1"}).content.decode()
    assert "Bortfaldet pr. 1. januar 2027" not in page
    row = page.split(f'data-obligation="{sjaelland}:sundhedsaftale-2026:indsendelse"', 1)[1].split(
        "</tr>", 1
    )[0]
    assert 'data-legal-change="expected"' in row
    # The region's stored findings are computed again under the changes still verified (ADR 0032).
    region = member.get(f"/regioner/{sjaelland}/", {"dato": "2027-01-01"}).content.decode()
    assert 'class="finding-legal-change" data-legal-change="expected"' in region
    rules = member.get("/regler/", {"dato": "2027-01-01"}).content.decode()
    assert 'id="rule-aftale.indsendelsesfrist" data-legal-change="expected"' in rules


def test_a_withdrawn_verification_stays_as_history_and_the_change_can_be_verified_again(login) -> None:
    admin = login("admin")
    _verify(admin)
    confirm = admin.get(WITHDRAW).content.decode()
    assert 'id="withdraw-consequence"' in confirm
    assert SOURCE in confirm
    assert LawChangeVerification.objects.get().withdrawn_at is None  # the confirmation page writes nothing
    admin.post(WITHDRAW, {"reason": REASON})
    row = LawChangeVerification.objects.get()
    assert (row.withdrawn_by.username, row.withdrawal_reason, row.verified_against) == (
        "admin",
        REASON,
        SOURCE,
    )
    page = admin.get("/lov/aendringer/").content.decode()
    assert 'data-marker="[S]" data-verified="false"' in page
    assert REASON in page
    assert _verify(admin, verified_against="https://example.org/vedtaget").status_code == 302
    assert LawChangeVerification.objects.filter(withdrawn_at__isnull=True).get().verified_against == (
        "https://example.org/vedtaget"
    )
    assert LawChangeVerification.objects.count() == 2


def test_a_withdrawal_without_a_reason_is_refused_and_writes_nothing(login) -> None:
    admin = login("admin")
    _verify(admin)
    response = admin.post(WITHDRAW, {"reason": "  "})
    assert response.status_code == 400
    assert "Begrundelse" in response.content.decode()
    assert LawChangeVerification.objects.get().withdrawn_at is None
    assert not AuditEntry.objects.filter(action="law_change_verification_withdraw").exists()


def test_withdrawing_a_change_that_is_not_verified_is_not_found(login) -> None:
    assert login("admin").post(WITHDRAW, {"reason": REASON}).status_code == 404


@pytest.mark.parametrize("username", ["sjaelland", "sst", "medlem", "klynge"])
def test_only_administrators_may_withdraw_a_verification(login, username: str) -> None:
    _verify(login("admin"))
    client = login(username)
    assert client.get(WITHDRAW).status_code == 403
    assert client.post(WITHDRAW, {"reason": REASON}).status_code == 403
    assert LawChangeVerification.objects.get().withdrawn_at is None
    assert 'id="withdraw-l214-2025"' not in client.get("/lov/aendringer/").content.decode()


def test_anonymous_withdrawal_is_sent_to_log_in(login, client: Client) -> None:
    _verify(login("admin"))
    response = client.post(WITHDRAW, {"reason": REASON})
    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]
    assert LawChangeVerification.objects.get().withdrawn_at is None


def test_the_withdrawal_reads_as_a_sentence_in_the_audit_log(login) -> None:
    admin = login("admin")
    _verify(admin)
    admin.post(WITHDRAW, {"reason": REASON})
    entry = AuditEntry.objects.get(action="law_change_verification_withdraw")
    assert entry.object_id == "l214-2025"
    assert entry.after["verified_against"] == SOURCE
    with translation.override("da"):
        (line,) = audit_lines([entry])
    assert line.sentence == (
        f"{entry.actor_name} tilbagekaldte verifikationen af L 214 (2024–25) (begrundelse: {REASON})."
    )
    assert ("Verificeret mod", SOURCE) in [(c.label, c.after) for c in line.changes]
    assert "tilbagekaldte verifikationen af L 214 (2024–25)" in admin.get("/revisionsspor/").content.decode()
