"""Hearing rounds (ADR 0036): the pages and the actions – the draft, sending (confirmed, frozen after), answers with
consensus and dissent (§ 27, stk. 3), dispositions, the høringsnotat, and the lifecycle's hearing (§ 29, stk. 2)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.actions import agreement_create, content_save
from sundhedsaftale.core.case import (
    AgreementContent,
    AppointingBody,
    Body,
    BodyKind,
    Meeting,
    MeetingKind,
    MemberRole,
    Membership,
    OverarchingGoal,
    TargetGroup,
)
from sundhedsaftale.hearings.actions import (
    AddresseeIn,
    AnswerIn,
    DispositionIn,
    HearingConflict,
    Invalid,
    RoundIn,
    hearing_answer_record,
    hearing_dispositions_set,
    hearing_round_create,
    hearing_round_send,
)
from sundhedsaftale.hearings.models import Answer, HearingRound, RoundState
from sundhedsaftale.web.cases import case_import, case_snapshot

TODAY = dt.date(2026, 12, 1)  # tests/settings.py pins the platform's today
COMMITTEE = "1085-pu"
SSU = "1085-ssu"


@pytest.fixture
def region(sjaelland, users) -> str:
    """Region Sjælland with its patient involvement committee (two members), its health cooperation committee,
    the kickoff meeting (§ 29, stk. 1) and a draft agreement for the election period from 2026."""
    base = case_snapshot("1085")
    members = tuple(
        Membership(
            id=f"pu-m{n}",
            person_id=f"pu-p{n}",
            name=name,
            role=MemberRole.PATIENT_REPRESENTATIVE,
            appointed_by=AppointingBody.DANSKE_PATIENTER,
            start=dt.date(2022, 1, 1),
            chair=n == 1,
        )
        for n, name in ((1, "Poul Storm"), (2, "Erik Holst"))
    )
    committee = Body(
        id=COMMITTEE, kind=BodyKind.PATIENT_COMMITTEE, name="Patientinddragelsesudvalget", memberships=members
    )
    ssu = Body(id=SSU, kind=BodyKind.COMMITTEE, name="Sundhedssamarbejdsudvalget")
    kickoff = Meeting(
        id="1085-kickoff",
        body_id=SSU,
        date=dt.date(2026, 3, 10),
        kind=MeetingKind.AGREEMENT_KICKOFF,
        patient_committee_invited=True,
    )
    case_import(
        case=base.model_copy(update={"bodies": (*base.bodies, committee, ssu), "meetings": (kickoff,)}),
        actor=None,
        system=True,
    )
    row = agreement_create(
        actor=users["sjaelland"],
        region_code="1085",
        title="Sundhedsaftale 2027–2030",
        election_period_start=2026,
    )
    content_save(
        actor=users["sjaelland"],
        agreement_key=row.key,
        expected_version=row.version,
        content=AgreementContent(
            vision="Borgeren oplever ét sammenhængende sundhedsvæsen.",
            target_groups=(
                TargetGroup(id="aeldre", name="Ældre medicinske patienter", data_sources=("LPR",)),
            ),
            overarching_goals=(
                OverarchingGoal(
                    id="M1", title="Sammenhæng", national_goals=(1,), target_group_ids=("aeldre",)
                ),
            ),
        ),
        label="Høringsudkast",
        effective_date=dt.date(2027, 1, 1),
    )
    return row.key


def _round_in(agreement: str, **overrides) -> RoundIn:
    data = {
        "topic": "agreement_draft",
        "subject": "Høring over udkast til sundhedsaftale",
        "response_deadline": TODAY + dt.timedelta(days=28),
        "covering_text": "Udkastet sendes i høring.",
        "agreement": agreement,
        "addressees": (
            AddresseeIn(body=COMMITTEE, respondent="medlem"),
            AddresseeIn(name="Danske Patienter", email="dp@example.org"),
        ),
    }
    data.update(overrides)
    return RoundIn(**data)


def _sent(users, agreement: str) -> HearingRound:
    round_ = hearing_round_create(actor=users["sjaelland"], region_code="1085", data=_round_in(agreement))
    return hearing_round_send(
        actor=users["sjaelland"], round_pk=round_.pk, expected_version=round_.version, confirmed=True
    )


def test_section_29_2_sending_a_round_on_the_agreement_records_the_lifecycle_hearing(region, users) -> None:
    round_ = _sent(users, region)

    assert round_.state == RoundState.SENT
    assert round_.sent_on == TODAY
    hearing = case_snapshot("1085").agreement(region).hearings[-1]
    assert (hearing.sent_on, hearing.response_deadline, hearing.version_label) == (
        TODAY,
        TODAY + dt.timedelta(days=28),
        "Høringsudkast",
    )
    assert AuditEntry.objects.filter(action="hearing_round_send", object_id=str(round_.pk)).count() == 1
    assert AuditEntry.objects.filter(action="agreement_start_hearing").count() == 1


def _committee_addressee(round_: HearingRound):
    return round_.addressees.get(body__key=COMMITTEE)


def _answer_form(**overrides: str) -> dict[str, str]:
    data = {
        "text": "Udvalget støtter udkastet, men ønsker én samlet plan ved udskrivelse.",
        "consensus_sought": "on",
        "consensus_reached": "no",
        "dissent_member_1": "Erik Holst",
        "dissent_view_1": "Pårørende skal have adgang til planen inden for et døgn.",
    }
    data.update(overrides)
    return data


def test_section_27_3_the_committees_answer_without_agreement_keeps_each_members_view(
    region, users, login
) -> None:
    round_ = _sent(users, region)
    addressee = _committee_addressee(round_)

    response = login("medlem").post(f"/hoeringer/{round_.pk}/svar/{addressee.pk}/", _answer_form())

    assert response.status_code == 302, response.content.decode()[:3000]
    answer = Answer.objects.get(addressee=addressee)
    assert answer.consensus_sought
    assert answer.consensus_reached is False
    assert answer.dissents == [
        {"member": "Erik Holst", "view": "Pårørende skal have adgang til planen inden for et døgn."}
    ]
    assert not answer.late
    # § 29, stk. 2: the committee's answer is the lifecycle's hearing answer.
    assert case_snapshot("1085").agreement(region).hearings[-1].answered_on == TODAY
    assert AuditEntry.objects.filter(action="hearing_answer_record", object_id=str(answer.pk)).exists()
    assert AuditEntry.objects.filter(action="agreement_record_hearing_answer").count() == 1


def test_section_27_3_agreement_reached_with_a_dissent_is_refused_naming_the_field(
    region, users, login
) -> None:
    round_ = _sent(users, region)
    addressee = _committee_addressee(round_)

    response = login("medlem").post(
        f"/hoeringer/{round_.pk}/svar/{addressee.pk}/", _answer_form(consensus_reached="yes")
    )

    assert response.status_code == 200
    assert "Synspunkter: udvalget nåede til enighed" in response.content.decode()
    assert not Answer.objects.exists()
    assert case_snapshot("1085").agreement(region).hearings[-1].answered_on is None


def test_section_27_3_a_dissent_must_come_from_a_member_of_the_body(region, users) -> None:
    round_ = _sent(users, region)
    with pytest.raises(Invalid) as refused:
        hearing_answer_record(
            actor=users["medlem"],
            round_pk=round_.pk,
            addressee_pk=_committee_addressee(round_).pk,
            data=AnswerIn(
                text="Svar", consensus_reached=False, dissents=(("Ukendt Person", "Et synspunkt"),)
            ),
        )
    assert refused.value.fields == ["dissents"]
    assert "Ukendt Person var ikke medlem" in str(refused.value)


def test_no_remarks_is_an_answer(region, users) -> None:
    round_ = _sent(users, region)
    organisation = round_.addressees.get(body__isnull=True)

    answer = hearing_answer_record(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=organisation.pk,
        data=AnswerIn(no_remarks=True),
    )

    assert answer.no_remarks
    assert answer.text == ""
    assert answer.received_on == TODAY


def test_a_late_answer_is_accepted_and_marked_late(region, users) -> None:
    round_ = hearing_round_create(
        actor=None,
        region_code="1085",
        data=_round_in("", topic="other", response_deadline=dt.date(2026, 11, 20)),
        system=True,
        as_of=dt.date(2026, 11, 1),
    )
    hearing_round_send(
        actor=None,
        round_pk=round_.pk,
        expected_version=1,
        confirmed=True,
        system=True,
        sent_on=dt.date(2026, 11, 2),
    )
    organisation = round_.addressees.get(body__isnull=True)

    answer = hearing_answer_record(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=organisation.pk,
        data=AnswerIn(text="Vi har ingen indvendinger.", received_on=dt.date(2026, 11, 25)),
    )

    assert answer.late
    assert answer.received_on == dt.date(2026, 11, 25)


def test_section_29_2_a_round_on_the_agreement_must_hear_the_patient_involvement_committee(
    region, users
) -> None:
    with pytest.raises(Invalid) as refused:
        hearing_round_create(
            actor=users["sjaelland"],
            region_code="1085",
            data=_round_in(
                region, addressees=(AddresseeIn(name="Danske Patienter", email="dp@example.org"),)
            ),
        )
    assert refused.value.fields == ["addressees"]
    assert "§ 29, stk. 2" in str(refused.value)
    assert not HearingRound.objects.exists()


def test_sending_is_confirmed_and_freezes_the_addressees_and_the_document(region, users, login) -> None:
    client = login("sjaelland")
    round_ = hearing_round_create(actor=users["sjaelland"], region_code="1085", data=_round_in(region))

    unconfirmed = client.post(f"/hoeringer/{round_.pk}/send/", {"version": round_.version})
    assert unconfirmed.status_code == 200
    assert "Bekræft" in unconfirmed.content.decode()
    round_.refresh_from_db()
    assert round_.state == RoundState.DRAFT

    sent = client.post(f"/hoeringer/{round_.pk}/send/", {"version": round_.version, "confirmed": "on"})
    assert sent.status_code == 302
    round_.refresh_from_db()
    assert round_.state == RoundState.SENT

    edit = client.post(
        f"/hoeringer/{round_.pk}/rediger/",
        {"topic": "other", "subject": "Ændret", "response_deadline": "2027-01-30", "version": round_.version},
    )
    assert edit.status_code == 302
    round_.refresh_from_db()
    assert round_.subject == "Høring over udkast til sundhedsaftale"
    assert round_.addressees.count() == 2


def test_a_stale_edit_is_a_conflict_and_overwrites_nothing(region, users, login) -> None:
    round_ = hearing_round_create(actor=users["sjaelland"], region_code="1085", data=_round_in(region))
    client = login("sjaelland")
    form = {
        "topic": "agreement_draft",
        "agreement": region,
        "subject": "Første ændring",
        "response_deadline": "2027-01-15",
        "bodies": [COMMITTEE],
        "version": round_.version,
    }
    assert client.post(f"/hoeringer/{round_.pk}/rediger/", form).status_code == 302

    stale = client.post(f"/hoeringer/{round_.pk}/rediger/", {**form, "subject": "Anden ændring"})

    assert stale.status_code == 200
    assert "ændret af en anden" in stale.content.decode()
    round_.refresh_from_db()
    assert round_.subject == "Første ændring"


def test_another_regions_secretariat_and_an_unnamed_member_are_refused(region, users, login) -> None:
    round_ = _sent(users, region)
    addressee = _committee_addressee(round_)

    assert login("hovedstaden").get(f"/hoeringer/{round_.pk}/").status_code == 403
    assert login("hovedstaden").get("/regioner/1085/hoeringer/ny/").status_code == 403
    assert (
        login("klynge").post(f"/hoeringer/{round_.pk}/svar/{addressee.pk}/", _answer_form()).status_code
        == 403
    )
    assert login("medlem").get(f"/hoeringer/{round_.pk}/svar/{addressee.pk}/behandling/").status_code == 403
    assert not Answer.objects.exists()


def test_the_old_step_form_leads_to_the_hearing_pages(region, users, login) -> None:
    client = login("sjaelland")
    start = client.get(f"/aftaler/{region}/trin/start_hearing/")
    assert start.status_code == 302
    assert start["Location"] == f"/regioner/1085/hoeringer/ny/?aftale={region}"

    round_ = _sent(users, region)
    answer = client.get(f"/aftaler/{region}/trin/record_hearing_answer/")
    assert answer["Location"] == f"/hoeringer/{round_.pk}/"


def _answered_and_disposed(region, users) -> HearingRound:
    round_ = _sent(users, region)
    committee = _committee_addressee(round_)
    organisation = round_.addressees.get(body__isnull=True)
    hearing_answer_record(
        actor=users["medlem"],
        round_pk=round_.pk,
        addressee_pk=committee.pk,
        data=AnswerIn(
            text="Én samlet plan ved udskrivelse.",
            consensus_reached=False,
            dissents=(("Erik Holst", "Pårørende skal have adgang inden for et døgn."),),
        ),
    )
    hearing_answer_record(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=organisation.pk,
        data=AnswerIn(no_remarks=True),
    )
    hearing_dispositions_set(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=committee.pk,
        expected_version=1,
        items=(
            DispositionIn(point="Samlet plan", kind="taken_in", reason="Indarbejdet som succeskriterium."),
            DispositionIn(point="Frist for pårørende", kind="not_taken_in", reason="Fastsættes lokalt."),
        ),
    )
    hearing_dispositions_set(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=organisation.pk,
        expected_version=1,
        items=(DispositionIn(kind="noted", reason="Ingen bemærkninger at behandle."),),
    )
    return round_


def test_dispositions_against_a_stale_answer_version_are_a_conflict(region, users) -> None:
    round_ = _answered_and_disposed(region, users)
    with pytest.raises(HearingConflict):
        hearing_dispositions_set(
            actor=users["sjaelland"],
            round_pk=round_.pk,
            addressee_pk=_committee_addressee(round_).pk,
            expected_version=1,
            items=(DispositionIn(kind="noted", reason="Ændret"),),
        )


def test_the_hoeringsnotat_pdf_and_docx_give_each_disposition_its_reason_and_the_dissent(
    region, users, login
) -> None:
    round_ = _answered_and_disposed(region, users)
    client = login("sjaelland")
    closed = client.post(
        f"/hoeringer/{round_.pk}/afslut/",
        {
            "version": HearingRound.objects.get(pk=round_.pk).version,
            "changes_made": "Målsætningen har fået et nyt succeskriterium.",
        },
    )
    assert closed.status_code == 302

    pdf = client.get(f"/hoeringer/{round_.pk}/hoeringsnotat.pdf")
    docx = client.get(f"/hoeringer/{round_.pk}/hoeringsnotat.docx")

    assert pdf.status_code == 200
    assert docx.status_code == 200
    pdf_text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf.content)).pages)
    word = WordDocument(io.BytesIO(docx.content))
    docx_text = "\n".join(
        [p.text for p in word.paragraphs]
        + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    )
    for text in (" ".join(pdf_text.split()), docx_text):
        assert "Høringsnotat" in text
        assert "Imødekommet" in text
        assert "Indarbejdet som succeskriterium." in text
        assert "Ikke imødekommet" in text
        assert "Taget til efterretning" in text
        assert "Erik Holst" in text
        assert "Målsætningen har fået et nyt succeskriterium." in text


# --- API --------------------------------------------------------------------------------------------------------


def test_api_a_round_is_created_sent_answered_disposed_and_its_notat_read(region, users, login) -> None:
    secretariat = login("sjaelland")
    created = secretariat.post(
        "/api/v1/regions/1085/hearings",
        {
            "topic": "agreement_draft",
            "subject": "Høring over udkast",
            "response_deadline": "2026-12-29",
            "agreement": region,
            "addressees": [{"body": COMMITTEE, "respondent": "medlem"}, {"name": "Danske Patienter"}],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    round_ = created.json()
    assert round_["state"] == "draft"
    assert round_["citation"] == "§ 29, stk. 2"

    sent = secretariat.post(
        f"/api/v1/hearings/{round_['id']}/send",
        {"version": round_["version"], "confirmed": True},
        content_type="application/json",
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["sent_on"] == "2026-12-01"

    committee = next(a for a in sent.json()["addressees"] if a["body"] == COMMITTEE)
    answered = login("medlem").post(
        f"/api/v1/hearings/{round_['id']}/addressees/{committee['id']}/answer",
        {
            "text": "Én samlet plan.",
            "consensus_reached": False,
            "dissents": [{"member": "Poul Storm", "view": "Planen skal også være let læst."}],
        },
        content_type="application/json",
    )
    assert answered.status_code == 201, answered.content
    answer = next(a for a in answered.json()["addressees"] if a["body"] == COMMITTEE)["answer"]
    assert answer["dissents"] == [{"member": "Poul Storm", "view": "Planen skal også være let læst."}]

    disposed = secretariat.put(
        f"/api/v1/hearings/{round_['id']}/addressees/{committee['id']}/dispositions",
        {
            "version": answer["version"],
            "dispositions": [{"kind": "partly", "reason": "Delvist indarbejdet."}],
        },
        content_type="application/json",
    )
    assert disposed.status_code == 200, disposed.content
    stale = secretariat.put(
        f"/api/v1/hearings/{round_['id']}/addressees/{committee['id']}/dispositions",
        {"version": answer["version"], "dispositions": [{"kind": "noted", "reason": "Igen."}]},
        content_type="application/json",
    )
    assert stale.status_code == 409

    read = login("sst").get(f"/api/v1/hearings/{round_['id']}")
    assert read.status_code == 403  # the agreement is not submitted to the authority
    notat = secretariat.get(f"/api/v1/hearings/{round_['id']}/notat.docx")
    assert notat.status_code == 200
    text = "\n".join(
        cell.text
        for table in WordDocument(io.BytesIO(notat.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Delvist imødekommet" in text
    assert "Delvist indarbejdet." in text


def test_api_bad_input_is_refused_naming_the_field_and_changes_nothing(region, login) -> None:
    response = login("sjaelland").post(
        "/api/v1/regions/1085/hearings",
        {
            "topic": "health_plan",
            "subject": "Sundhedsplan",
            "response_deadline": "2026-11-01",
            "addressees": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "Høringsfrist" in response.json()["detail"]
    assert "Høringsparter" in response.json()["detail"]
    assert not HearingRound.objects.exists()


def test_api_another_regions_secretariat_cannot_create(region, login) -> None:
    response = login("hovedstaden").post(
        "/api/v1/regions/1085/hearings",
        {"topic": "other", "subject": "X", "response_deadline": "2027-01-10", "addressees": [{"name": "Y"}]},
        content_type="application/json",
    )
    assert response.status_code == 403


# --- Reminders and "Mit arbejde" --------------------------------------------------------------------------------


def test_the_named_member_is_reminded_and_sees_the_round_in_my_work(region, users, login) -> None:
    from sundhedsaftale.hearings.reminders import hearing_candidates
    from sundhedsaftale.reminders.my_work import my_work

    round_ = _sent(users, region)
    candidates = list(hearing_candidates(TODAY))
    to_answer = [c for c in candidates if c.key.endswith(":answer")]
    assert len(to_answer) == 1
    assert to_answer[0].may_receive(users["medlem"])
    assert not to_answer[0].may_receive(users["sjaelland"])
    assert to_answer[0].path == f"/hoeringer/{round_.pk}/svar/{_committee_addressee(round_).pk}/"

    work = my_work(users["medlem"], TODAY)
    assert [i.title for i in work.items if i.kind == "hearing"] == ["Høring over udkast til sundhedsaftale"]


def test_the_secretariat_is_reminded_of_answers_to_dispose_of(region, users) -> None:
    from sundhedsaftale.hearings.reminders import hearing_candidates

    round_ = _sent(users, region)
    hearing_answer_record(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=round_.addressees.get(body__isnull=True).pk,
        data=AnswerIn(no_remarks=True),
    )
    dispose = [c for c in hearing_candidates(TODAY) if c.key.endswith(":dispose")]
    assert len(dispose) == 1
    assert dispose[0].may_receive(users["sjaelland"])
    assert not dispose[0].may_receive(users["medlem"])


def test_a_member_named_to_answer_is_sent_the_hearing_by_email_by_default(region, users, mailoutbox) -> None:
    from sundhedsaftale.reminders.actions import reminders_send

    users["medlem"].email = "medlem@example.org"
    users["medlem"].save()
    round_ = _sent(users, region)

    reminders_send(today=TODAY)

    to_member = [m for m in mailoutbox if m.to == ["medlem@example.org"]]
    assert len(to_member) == 1
    assert f"/hoeringer/{round_.pk}/svar/" in to_member[0].body
