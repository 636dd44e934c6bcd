"""Sundhedsstyrelsen's reviewer workspace: queue, receipt, verdicts on findings, decision, letters, publication.

Rendering a letter (PDF and DOCX) takes about a second, so most tests start from an agreement whose receipt is
already recorded by the case import, and only the tests about a letter issue one.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html import unescape

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.models import AuthorityDecision as DecisionRow
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import (
    AgreementContent,
    AgreementSubmission,
    CouncilApproval,
    HealthAgreement,
    OverarchingGoal,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)
from sundhedsaftale.review import actions
from sundhedsaftale.review.models import FindingReview, ImmutableLetter, IssuedLetter
from sundhedsaftale.web.cases import case_import, case_snapshot

KEY = "1085-sundhedsaftale-2024-2027"
SUBMITTED = dt.date(2023, 12, 20)
RECEIVED = dt.date(2023, 12, 21)
DEADLINE_DA = "15. februar 2024"
REVIEWED_AT = "2024-02-05"
BLOCKING_RULE = "vurdering.nationale-maal"


def _content() -> AgreementContent:
    """Content whose goals name no national goal: the one requirement that blocks approval (afsnit 5.2)."""
    criterion = SuccessCriterion(
        text="Færre genindlæggelser",
        indicator="Andel akutte genindlæggelser inden for 30 dage",
        target="under 8 % i 2027",
        data_source="Landspatientregisteret",
    )
    goal = OverarchingGoal(
        id="g1",
        title="Tryghed og mestring i eget hjem",
        target_group_ids=("tg-aeldre",),
        sub_goals=(SubGoal(id="g1-d1", title="Sammenhængende udskrivelser", success_criteria=(criterion,)),),
    )
    group = TargetGroup(
        id="tg-aeldre",
        name="Ældre medicinske patienter",
        knowledge_basis=("Sundhedsstyrelsens anbefalinger",),
        data_sources=("Risikostratificering",),
    )
    return AgreementContent(
        vision="Sammen om borgerens sundhed",
        general_practice="Almen praksis er borgerens faste indgang.",
        overarching_goals=(goal,),
        target_groups=(group,),
    )


def _import(received: bool) -> str:
    case = case_snapshot("1085")
    parties = (case.region.code, *(m.code for m in case.municipalities))
    agreement = HealthAgreement(
        id=KEY,
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
        version_number="1.0",
        effective_date=dt.date(2024, 1, 1),
        parties=parties,
        content=_content(),
        council_approvals=tuple(
            CouncilApproval(party_code=code, approved_on=dt.date(2023, 12, 5), reference="Mødereferat")
            for code in parties
        ),
        submissions=(
            AgreementSubmission(
                submitted_on=SUBMITTED, received_on=RECEIVED if received else None, version_number="1.0"
            ),
        ),
    )
    case_import(case=case.model_copy(update={"agreements": (agreement,)}), actor=None, system=True)
    return KEY


@pytest.fixture
def submitted(sjaelland, users) -> str:
    """Submitted on 20 December 2023, its receipt not yet registered."""
    return _import(received=False)


@pytest.fixture
def received(sjaelland, users) -> str:
    """Submitted and received (21 December 2023) through the case import, without a receipt letter."""
    return _import(received=True)


def _version(key: str = KEY) -> int:
    return AgreementRow.objects.get(key=key).version


def _pdf_text(body: bytes) -> str:
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())


def _docx_text(body: bytes) -> str:
    document = docx.Document(io.BytesIO(body))
    return " ".join(" ".join(p.text for p in document.paragraphs).split())


def _case_url(key: str = KEY) -> str:
    return f"/sst/aftaler/{key}/?dato={REVIEWED_AT}"


def _review(client, rule_id: str, **fields) -> object:
    data = {
        f"f-{rule_id}-verdict": fields.get("verdict", "overruled"),
        f"f-{rule_id}-text": fields.get("text", ""),
        f"f-{rule_id}-reason": fields.get("reason", ""),
        f"f-{rule_id}-version": fields.get("version", 0),
        f"f-{rule_id}-on": REVIEWED_AT,
    }
    return client.post(f"/sst/aftaler/{KEY}/fund/{rule_id}/", data)


def _decide(client, **fields) -> object:
    data = {
        "kind": "approve",
        "decided_on": "2024-02-08",
        "reference": "23/12345",
        "general_assessment": "",
        "remarks": "",
        "deficiencies": "",
        "remedy_deadline": "",
        "version": _version(),
    }
    data.update(fields)
    return client.post(f"/sst/aftaler/{KEY}/afgoerelse/", data)


def _confirm_page_fields(html: str) -> dict[str, str]:
    """The hidden fields the confirmation page posts back, read from its form."""
    form = re.search(r'<form[^>]*id="confirm-form"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None, html[:3000]
    return {
        name: unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1), re.S
        )
    }


def _decide_and_confirm(client, **fields) -> object:
    """The decision as a reviewer takes it: the form, then the confirmation page's button."""
    first = _decide(client, **fields)
    assert first.status_code == 200, first.content.decode()[:3000]
    return client.post(f"/sst/aftaler/{KEY}/afgoerelse/", _confirm_page_fields(first.content.decode()))


def _written() -> tuple[int, int, int, int]:
    """What a decision writes: decisions, letters, audit rows and the agreement's version."""
    return (DecisionRow.objects.count(), IssuedLetter.objects.count(), AuditEntry.objects.count(), _version())


# ---------------------------------------------------------------------------------------------------------------
# Receipt and the queue


def test_receipt_issues_letter_to_every_council_and_queue_shows_deadline(
    submitted, login, users, settings
) -> None:
    # The reviewer who registers the receipt is the letter's named contact; the unit is the platform's.
    settings.LETTER_UNIT = "Enhed for sundhedsaftaler"
    reviewer = users["sst"]
    reviewer.first_name, reviewer.last_name, reviewer.email = "Test", "Testesen", "tt@example.org"
    reviewer.save()
    sst = login("sst")
    queue = sst.get("/sst/?dato=2023-12-20")
    assert queue.status_code == 200
    assert 'data-agreement="1085-sundhedsaftale-2024-2027"' in queue.content.decode()

    assert 'id="receipt-form"' in sst.get(_case_url()).content.decode()
    response = sst.post(
        f"/sst/aftaler/{KEY}/modtagelse/",
        {"received_on": RECEIVED.isoformat(), "reference": "23/12345", "version": _version()},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    letter = IssuedLetter.objects.get(agreement__key=KEY)
    assert (letter.kind, letter.letter_date, letter.reference) == ("receipt", RECEIVED, "23/12345")
    assert AuditEntry.objects.filter(action="letter_issue", object_id=str(letter.pk)).exists()
    assert AuditEntry.objects.filter(action="agreement_register_receipt", object_id=KEY).exists()

    text = _pdf_text(sst.get(f"/aftaler/{KEY}/breve/{letter.pk}.pdf").content)
    assert "Region Sjælland" in text
    assert "Sundhedssamarbejdsudvalget og Regionsrådet i Region Sjælland" in text
    assert "Sagsbehandler: Test Testesen E-mail: tt@example.org" in text
    assert "kontakte sagsbehandler Test Testesen i Enhed for sundhedsaftaler, Sundhedsstyrelsen" in text
    for municipality in case_snapshot("1085").municipalities:
        assert municipality.name in text, municipality.name
    assert DEADLINE_DA in text
    assert "21. december 2023" in text

    page = sst.get(f"/sst/?dato={REVIEWED_AT}").content.decode()
    row = re.search(r'<tr data-agreement="1085-sundhedsaftale-2024-2027"[^>]*>.*?</tr>', page, re.S)
    assert row is not None
    assert 'data-warning="near"' in row.group(0)
    assert DEADLINE_DA in row.group(0)
    assert "10 dage tilbage" in row.group(0)
    overdue = sst.get("/sst/?dato=2024-02-20").content.decode()
    assert 'data-warning="overdue"' in overdue
    assert "Overskredet med 5 dage" in overdue

    # The region sees its own letters; another region's secretariat does not.
    own = login("sjaelland")
    page = own.get(f"/aftaler/{KEY}/afgoerelser/")
    assert page.status_code == 200
    assert f"/aftaler/{KEY}/breve/{letter.pk}.pdf" in page.content.decode()
    assert own.get(f"/aftaler/{KEY}/breve/{letter.pk}.docx").status_code == 200
    other = login("hovedstaden")
    assert other.get(f"/aftaler/{KEY}/afgoerelser/").status_code == 403
    assert other.get(f"/aftaler/{KEY}/breve/{letter.pk}.pdf").status_code == 403
    assert other.get(f"/api/v1/review/agreements/{KEY}/letters/{letter.pk}.pdf").status_code == 403
    api_url = reverse("api:review_letter_file", args=[KEY, letter.pk, "docx"])
    api_file = sst.get(api_url)
    assert api_file.status_code == 200
    assert api_file["Content-Type"].endswith("wordprocessingml.document")
    # The region's own members read the letters addressed to their region (ADR 0042).
    assert login("medlem").get(f"/aftaler/{KEY}/afgoerelser/").status_code == 200

    # A second receipt for the same submission is refused by the lifecycle, and no letter is added.
    again = sst.post(
        f"/sst/aftaler/{KEY}/modtagelse/",
        {"received_on": "2023-12-22", "reference": "", "version": _version()},
    )
    assert again.status_code == 400
    assert IssuedLetter.objects.count() == 1


def test_no_letter_without_a_received_submission(submitted, users) -> None:
    with pytest.raises(actions.ReviewInvalid):
        actions.decision_approve(
            actor=users["sst"], agreement_key=KEY, expected_version=_version(), decided_on=dt.date(2024, 2, 8)
        )
    assert not IssuedLetter.objects.exists()
    assert not DecisionRow.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# The case page and verdicts on findings


def test_case_page_groups_findings_and_prefills_deficiencies(received, login) -> None:
    page = login("sst").get(_case_url())
    assert page.status_code == 200
    html = page.content.decode()
    blocking = html[html.index('id="gruppe-blocking"') :]
    blocking = blocking[: blocking.index("</section>")]
    assert f'data-rule="{BLOCKING_RULE}"' in blocking
    assert "Blokerer godkendelse" in html
    assert 'id="gruppe-met"' in html
    assert DEADLINE_DA in html
    assert f"/aftaler/{KEY}/" in html
    # The objection's deficiencies are prefilled with the blocking finding's text and its citation.
    deficiencies = re.search(r'<textarea name="deficiencies"[^>]*>(.*?)</textarea>', html, re.S)
    assert deficiencies is not None
    assert "sammenhængen med de nationale mål er ikke vist" in deficiencies.group(1)
    assert "(jf. vejledningens afsnit 5.2" in deficiencies.group(1)


def test_overruling_needs_a_reason_and_makes_approval_possible(received, login, users) -> None:
    sst = login("sst")
    refused = _decide(sst)
    assert refused.status_code == 400
    assert "godkendelseskriterium ikke er opfyldt" in refused.content.decode()
    assert not DecisionRow.objects.exists()

    without_reason = _review(sst, BLOCKING_RULE, verdict="overruled")
    assert without_reason.status_code == 400
    assert "begrundelse" in without_reason.content.decode()
    assert not FindingReview.objects.exists()

    done = _review(sst, BLOCKING_RULE, verdict="overruled", reason="Målsætningen svarer til nationalt mål 2.")
    assert done.status_code == 302
    review = FindingReview.objects.get()
    assert (review.verdict, review.version, review.reviewer) == ("overruled", 1, users["sst"])
    assert AuditEntry.objects.filter(action="finding_review", reason__startswith="Målsætningen").exists()
    assert 'data-verdict="overruled"' in sst.get(_case_url()).content.decode()

    approved = _decide_and_confirm(sst, general_assessment="Aftalen er et godt grundlag for samarbejdet.")
    assert approved.status_code == 302, approved.content.decode()[:3000]
    decision = DecisionRow.objects.get()
    assert (decision.kind, decision.decided_on) == ("approved", dt.date(2024, 2, 8))
    letter = IssuedLetter.objects.get(kind="approval")
    text = _docx_text(bytes(letter.docx))
    assert "Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland" in text
    assert "Aftalen er et godt grundlag for samarbejdet." in text

    # Issued letters never change; only the publication day is set, once.
    letter.reference = "ændret"
    with pytest.raises(ImmutableLetter):
        letter.save()

    case_page = sst.get(_case_url()).content.decode()
    assert f'action="/sst/aftaler/{KEY}/breve/{letter.pk}/offentliggoer/"' in case_page
    published = sst.post(
        f"/sst/aftaler/{KEY}/breve/{letter.pk}/offentliggoer/",
        {"published_on": "2024-02-12", "url": "https://www.sst.dk/sundhedsaftaler", "version": _version()},
    )
    assert published.status_code == 302, published.content.decode()[:3000]
    letter = IssuedLetter.objects.get(pk=letter.pk)
    assert letter.published_on == dt.date(2024, 2, 12)
    publications = AgreementRow.objects.get(key=KEY).records["publications"]
    assert [(p["party_code"], p["published_on"]) for p in publications] == [("sst", "2024-02-12")]
    assert AuditEntry.objects.filter(action="letter_publish", object_id=str(letter.pk)).exists()
    letter.published_on = dt.date(2024, 3, 1)
    with pytest.raises(ImmutableLetter):
        letter.save()


def test_the_reviewed_case_file_reproduces_the_decision_on_the_command_line(
    received, login, tmp_path
) -> None:
    """Verdicts live in the case file: what the reviewer decided in the workspace, `assess` and `letter` repeat."""
    from typer.testing import CliRunner

    from sundhedsaftale.cli.main import app

    sst = login("sst")
    url = reverse("review:case_file", args=[KEY]) + f"?dato={REVIEWED_AT}"
    assert 'id="case-file-link"' in sst.get(_case_url()).content.decode()
    before = tmp_path / "foer.json"
    before.write_bytes(sst.get(url).content)
    runner = CliRunner()
    blocked = runner.invoke(app, ["assess", str(before), "--at", REVIEWED_AT])
    assert blocked.exit_code == 1, blocked.output
    assert "Aftalen kan ikke godkendes" in blocked.output

    reason = "Målsætningen svarer til nationalt mål 2."
    assert _review(sst, BLOCKING_RULE, verdict="overruled", reason=reason).status_code == 302
    response = sst.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    (agreement,) = [a for a in data["agreements"] if a["id"] == KEY]
    (verdict,) = agreement["submissions"][-1]["reviews"]
    assert (verdict["rule_id"], verdict["verdict"], verdict["reason"]) == (BLOCKING_RULE, "overruled", reason)
    after = tmp_path / "efter.json"
    after.write_bytes(response.content)
    approvable = runner.invoke(app, ["assess", str(after), "--at", REVIEWED_AT])
    assert approvable.exit_code == 0, approvable.output
    assert "Tilsidesat af" in approvable.output
    assert reason in approvable.output
    letter = tmp_path / "godkendelse.docx"
    written = runner.invoke(
        app, ["letter", str(after), "--kind", "approval", "--out", str(letter), "--at", "2024-02-08"]
    )
    assert written.exit_code == 0, written.output
    assert "besluttet at godkende" in _docx_text(letter.read_bytes())

    # The internal reason is Sundhedsstyrelsen's: the region never gets the reviewed case file.
    assert login("sjaelland").get(url).status_code == 403


def test_a_region_cannot_import_reviewer_verdicts(received, login, tmp_path) -> None:
    from sundhedsaftale.core.case import FindingReview as CaseReview
    from sundhedsaftale.core.case import Verdict as CaseVerdict
    from sundhedsaftale.core.errors import CaseError

    case = case_snapshot("1085")
    agreement = case.agreement(KEY)
    assert agreement is not None
    reviewed = agreement.submissions[-1].model_copy(
        update={"reviews": (CaseReview(BLOCKING_RULE, CaseVerdict.OVERRULED, reason="Selv godkendt"),)}
    )
    forged = agreement.model_copy(update={"submissions": (*agreement.submissions[:-1], reviewed)})
    with pytest.raises(CaseError, match=r"reviews: Sundhedsstyrelsens vurderinger"):
        case_import(case=case.model_copy(update={"agreements": (forged,)}), actor=None, system=True)
    assert not FindingReview.objects.exists()


def test_objection_needs_deficiencies_and_deadline_and_lists_them(received, login) -> None:
    sst = login("sst")
    missing = _decide(sst, kind="object", deficiencies="", remedy_deadline="2024-05-01")
    assert missing.status_code == 400
    no_deadline = _decide(sst, kind="object", deficiencies="Målsætningerne mangler sammenhæng.")
    assert no_deadline.status_code == 400
    assert "frist for udbedring" in no_deadline.content.decode()
    assert not DecisionRow.objects.exists()

    response = _decide_and_confirm(
        sst,
        kind="object",
        deficiencies="Målsætningerne er ikke knyttet til de nationale mål (jf. vejledningens afsnit 5.2)\n"
        "Datagrundlaget for målgruppen er ikke beskrevet",
        remedy_deadline="2024-05-01",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = DecisionRow.objects.get()
    assert decision.kind == "objection"
    assert decision.remedy_deadline == dt.date(2024, 5, 1)
    assert len(decision.deficiencies) == 2
    letter = IssuedLetter.objects.get(kind="objection")
    text = _pdf_text(bytes(letter.pdf))
    assert "Målsætningerne er ikke knyttet til de nationale mål" in text
    assert "Datagrundlaget for målgruppen er ikke beskrevet" in text
    assert "1. maj 2024" in text
    page = login("sjaelland").get(f"/aftaler/{KEY}/afgoerelser/").content.decode()
    assert "Datagrundlaget for målgruppen er ikke beskrevet" in page


# ---------------------------------------------------------------------------------------------------------------
# The decision is an explicit choice, confirmed before anything is written


def test_decision_choice_is_dkfds_radios_with_nothing_checked(received, login) -> None:
    html = login("sst").get(_case_url()).content.decode()
    form = re.search(r'<form[^>]*id="decision-form".*?</form>', html, re.S)
    assert form is not None
    fieldset = re.search(r"<fieldset id=\"id_kind\".*?</fieldset>", form.group(0), re.S)
    assert fieldset is not None
    assert '<legend class="form-label">Afgørelse</legend>' in fieldset.group(0)
    radios = re.findall(r"<input[^>]*>\s*<label[^>]*>[^<]*</label>", fieldset.group(0))
    assert len(radios) == 2
    for radio, value in zip(radios, ("approve", "object"), strict=True):
        # DKFDS draws the button on the label that follows the input; a label around the input shows nothing.
        assert 'type="radio"' in radio
        assert 'class="form-radio"' in radio
        assert f'value="{value}"' in radio
        assert "checked" not in radio
        input_id = re.search(r'id="([^"]+)"', radio)
        assert input_id is not None
        assert f'<label class="form-label" for="{input_id.group(1)}">' in radio
    assert 'name="confirmed"' not in form.group(0)


def test_decision_without_a_choice_names_the_field_and_writes_nothing(received, login) -> None:
    sst = login("sst")
    before = _written()
    response = _decide(sst, kind="")
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        'href="#id_kind">Afgørelse: Vælg en afgørelse: godkend aftalen, eller gør indsigelse mod den.' in html
    )
    assert 'id="id_kind-error"' in html
    assert 'id="confirm-form"' not in html
    assert _written() == before


def test_approval_is_confirmed_on_its_own_page_before_anything_is_written(received, login) -> None:
    sst = login("sst")
    _review(sst, BLOCKING_RULE, verdict="overruled", reason="Målsætningen svarer til nationalt mål 2.")
    before = _written()

    page = _decide(sst, reference="23/999")
    assert page.status_code == 200
    html = page.content.decode()
    consequence = re.search(r'<p class="alert-text" id="consequence-text">(.*?)</p>', html, re.S)
    assert consequence is not None
    assert " ".join(consequence.group(1).split()) == (
        "Du godkender Sundhedsaftale 2024–2027, version 1.0, for Region Sjælland. Godkendelsesbrevet udstedes "
        "til sundhedssamarbejdsudvalget, regionsrådet og kommunalbestyrelserne i regionens 17 kommuner og kan "
        "ikke ændres bagefter."
    )
    assert "Kommunalbestyrelserne i Faxe Kommune" in html
    fields = _confirm_page_fields(html)
    assert fields["kind"] == "approve"
    assert fields["reference"] == "23/999"
    assert fields["confirmed"] == "1"
    assert _written() == before  # the confirmation page wrote nothing

    # "Tilbage og ret": the case page with the choice kept, still nothing written and no confirmation carried.
    back = sst.post(f"/sst/aftaler/{KEY}/afgoerelse/", {**fields, "edit": "1"})
    assert back.status_code == 200
    form = re.search(r'<form[^>]*id="decision-form".*?</form>', back.content.decode(), re.S)
    assert form is not None
    assert re.search(r'<input type="radio"[^>]*value="approve"[^>]*checked', form.group(0))
    assert 'name="confirmed"' not in form.group(0)
    assert _written() == before

    done = sst.post(f"/sst/aftaler/{KEY}/afgoerelse/", fields)
    assert done.status_code == 302, done.content.decode()[:3000]
    assert DecisionRow.objects.get().kind == "approved"
    assert IssuedLetter.objects.get().reference == "23/999"


def test_objection_confirmation_names_deficiencies_and_deadline(received, login) -> None:
    sst = login("sst")
    before = _written()
    page = _decide(
        sst,
        kind="object",
        deficiencies="Målsætningerne er ikke knyttet til de nationale mål\nDatagrundlaget mangler",
        remedy_deadline="2024-05-01",
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Du gør indsigelse mod Sundhedsaftale 2024–2027, version 1.0, for Region Sjælland." in html
    assert "Indsigelsesbrevet udstedes til" in html
    listed = re.search(r'<ul class="alert-text" id="confirm-deficiencies">(.*?)</ul>', html, re.S)
    assert listed is not None
    assert re.findall(r"<li>(.*?)</li>", listed.group(1)) == [
        "Målsætningerne er ikke knyttet til de nationale mål",
        "Datagrundlaget mangler",
    ]
    assert "senest 1. maj 2024" in html
    assert _confirm_page_fields(html)["deficiencies"].splitlines() == [
        "Målsætningerne er ikke knyttet til de nationale mål",
        "Datagrundlaget mangler",
    ]
    assert _written() == before


def test_blocked_approval_is_refused_before_the_confirmation(received, login) -> None:
    response = _decide(login("sst"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="confirm-form"' not in html
    assert 'href="#id_kind">Afgørelse: Aftalen kan ikke godkendes' in html


def test_concurrent_finding_reviews_conflict(received, login, users) -> None:
    actions.finding_review(
        actor=users["admin"],
        agreement_key=KEY,
        rule_id=BLOCKING_RULE,
        verdict="overruled",
        reason="Vurderet af en anden.",
        expected_version=0,
        on=dt.date(2024, 2, 5),
    )
    # The reviewer opened the finding before it was reviewed (version 0).
    page = _review(login("sst"), BLOCKING_RULE, verdict="accepted", version=0)
    assert page.status_code == 400
    assert "vurderet af en anden" in page.content.decode()
    api = login("sst").post(
        f"/api/v1/review/agreements/{KEY}/findings/{BLOCKING_RULE}",
        json.dumps({"verdict": "accepted", "expected_version": 0, "on": REVIEWED_AT}),
        content_type="application/json",
    )
    assert api.status_code == 409
    review = FindingReview.objects.get()
    assert (review.verdict, review.version, review.reviewer) == ("overruled", 1, users["admin"])


# ---------------------------------------------------------------------------------------------------------------
# Information from the committee


def test_question_to_the_committee_and_the_regions_answer(received, login) -> None:
    sst = login("sst")
    early = sst.post(
        f"/sst/aftaler/{KEY}/spoergsmaal/",
        {"asked_on": "2023-12-01", "question": "For tidligt?", "version": _version()},
    )
    assert early.status_code == 400
    assert "før Sundhedsstyrelsen modtog aftalen" in early.content.decode()
    asked = sst.post(
        f"/sst/aftaler/{KEY}/spoergsmaal/",
        {"asked_on": "2024-01-10", "question": "Hvilke data ligger bag målgruppen?", "version": _version()},
    )
    assert asked.status_code == 302, asked.content.decode()[:3000]
    region = login("sjaelland")
    page = region.get(f"/aftaler/{KEY}/afgoerelser/").content.decode()
    assert "Hvilke data ligger bag målgruppen?" in page
    assert 'id="answer-form"' in page
    answered = region.post(
        f"/aftaler/{KEY}/spoergsmaal/svar/",
        {"answered_on": "2024-01-15", "answer": "Risikostratificering fra 2023.", "version": _version()},
    )
    assert answered.status_code == 302, answered.content.decode()[:3000]
    requests = AgreementRow.objects.get(key=KEY).records["information_requests"]
    assert requests[0]["answered_on"] == "2024-01-15"
    assert "Risikostratificering fra 2023." in sst.get(_case_url()).content.decode()
    assert login("hovedstaden").post(f"/aftaler/{KEY}/spoergsmaal/svar/", {}).status_code == 403


def test_reviewer_records_the_committees_answer(received, users) -> None:
    actions.information_request(
        actor=users["sst"], agreement_key=KEY, expected_version=_version(), asked_on=dt.date(2024, 1, 10),
        question="Hvordan følges delmålene op?",
    )  # fmt: skip
    actions.information_answer(
        actor=users["sst"], agreement_key=KEY, expected_version=_version(), answered_on=dt.date(2024, 1, 12),
        answer="Årligt i udvalget.",
    )  # fmt: skip
    request = AgreementRow.objects.get(key=KEY).records["information_requests"][0]
    assert (request["answered_on"], request["answer"]) == ("2024-01-12", "Årligt i udvalget.")
    assert AuditEntry.objects.filter(action="agreement_answer_information", actor=users["sst"]).exists()


# ---------------------------------------------------------------------------------------------------------------
# API and access


def test_api_assessment_verdict_and_refused_decision(received, login) -> None:
    sst = login("sst")
    base = f"/api/v1/review/agreements/{KEY}"
    assessment = sst.get(f"{base}/assessment?at={REVIEWED_AT}")
    assert assessment.status_code == 200
    data = assessment.json()
    assert data["approvable"] is False
    assert BLOCKING_RULE in [i["rule_id"] for i in data["items"] if i["blocks_approval"]]

    incomplete = sst.post(
        f"{base}/findings/{BLOCKING_RULE}",
        json.dumps({"verdict": "edited", "reason": "Omformuleret."}),
        content_type="application/json",
    )
    assert incomplete.status_code == 422
    reviewed = sst.post(
        f"{base}/findings/{BLOCKING_RULE}",
        json.dumps({"verdict": "overruled", "reason": "Sammenhængen er vist i bilag.", "on": REVIEWED_AT}),
        content_type="application/json",
    )
    assert reviewed.status_code == 200, reviewed.content
    assert reviewed.json()["approvable"] is True
    after = sst.get(f"{base}/assessment?at={REVIEWED_AT}").json()
    assert after["approvable"] is True
    item = next(i for i in after["items"] if i["rule_id"] == BLOCKING_RULE)
    assert item["review"]["verdict"] == "overruled"

    objection = sst.post(
        f"{base}/decision",
        json.dumps({"kind": "object", "expected_version": _version(), "decided_on": "2024-02-08"}),
        content_type="application/json",
    )
    assert objection.status_code == 422
    stale = sst.post(
        f"{base}/decision",
        json.dumps({"kind": "approve", "expected_version": _version() - 1, "decided_on": "2024-02-08"}),
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert sst.get("/api/v1/review/agreements/ukendt/assessment").status_code == 404


@pytest.mark.parametrize("username", ["sjaelland", "klynge", "medlem"])
def test_non_reviewers_are_refused(received, login, username) -> None:
    client = login(username)
    assert client.get("/sst/").status_code == 403
    assert client.get(_case_url()).status_code == 403
    assert client.post(f"/sst/aftaler/{KEY}/afgoerelse/", {}).status_code == 403
    assert client.get(f"/api/v1/review/agreements/{KEY}/assessment").status_code == 403
    api = client.post(
        f"/api/v1/review/agreements/{KEY}/findings/{BLOCKING_RULE}",
        json.dumps({"verdict": "accepted"}),
        content_type="application/json",
    )
    assert api.status_code == 403
    assert not FindingReview.objects.exists()


def test_anonymous_is_sent_to_login(received, client) -> None:
    response = client.get("/sst/")
    assert response.status_code == 302
    assert "/log-ind" in response["Location"] or "login" in response["Location"]
    assert client.get(f"/api/v1/review/agreements/{KEY}/assessment").status_code in (401, 403)


def test_agreement_page_links_to_the_regions_letters(received, login) -> None:
    page = login("sjaelland").get(f"/aftaler/{KEY}/")
    assert page.status_code == 200
    assert f'href="/aftaler/{KEY}/afgoerelser/"' in page.content.decode()


def test_section_21_2_a_decided_case_shows_its_decision_not_the_forms_that_would_fail(
    received, login
) -> None:
    """§ 21, stk. 2: "godkende aftalen eller gøre indsigelse" – once, for the submission received; the decided case
    no longer offers a question or a second decision."""
    sst = login("sst")
    before = sst.get(_case_url()).content.decode()
    assert 'id="decision-form"' in before
    assert 'id="request-form"' in before
    assert 'id="case-decided"' not in before

    _review(sst, BLOCKING_RULE, verdict="overruled", reason="Målsætningen svarer til nationalt mål 2.")
    assert _decide_and_confirm(sst, reference="23/999").status_code == 302

    after = sst.get(_case_url()).content.decode()
    assert 'id="decision-form"' not in after
    assert 'id="request-form"' not in after
    assert 'id="case-decided"' in after
    assert "Sagen er afgjort: aftalen er godkendt." in after
