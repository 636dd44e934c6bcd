"""The agreement's lifecycle: stages through a full happy path, each illegal step refused with its provision,
and the legal dates (§§ 21–22, § 29; vejledningens afsnit 3.6, 5.1–5.5 og kapitel 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.core.case import (
    AgreementSubmission,
    AuthorityDecision,
    AuthorityDecisionKind,
    BodyKind,
    ClusterInput,
    CouncilApproval,
    DecisionMaker,
    HealthAgreement,
    Hearing,
    InformationRequest,
    Meeting,
    MeetingKind,
    Publication,
    StatusReport,
    StatusReportKind,
    YearlyReview,
)
from sundhedsaftale.core.lifecycle import (
    IllegalStep,
    Stage,
    Step,
    agreement_dates,
    allowed_steps,
    apply_step,
    in_force,
    replaced_by,
    stage_of,
)
from sundhedsaftale.core.rules import Status

from .builders import body, committee_members, decision, region_case

D = dt.date
PARTIES = ("1085", "316", "326")
KICKOFF = Meeting(id="kick", body_id="committee", date=D(2022, 11, 1), kind=MeetingKind.AGREEMENT_KICKOFF)


def new_agreement(**extra: object) -> HealthAgreement:
    fields: dict[str, object] = {
        "id": "a1",
        "title": "Sundhedsaftale 2024–2027",
        "election_period_start": 2022,
        "version_number": "1.0",
        "effective_date": D(2024, 1, 1),
        "parties": PARTIES,
    }
    fields.update(extra)
    return HealthAgreement.model_validate(fields)


def case_with(agreement: HealthAgreement | None = None, *, decisions=(), meetings=(KICKOFF,), more=()):  # type: ignore[no-untyped-def]
    agreements = [agreement] if agreement is not None else []
    return region_case(
        bodies=[body(BodyKind.COMMITTEE, committee_members())],
        meetings=list(meetings),
        agreements=[*agreements, *more],
        decisions=list(decisions),
    )


def step(platform, agreement, s: Step, record, on=None, case=None):  # type: ignore[no-untyped-def]
    day = on or _date_of(record)
    return apply_step(platform, case or case_with(agreement), agreement, s, record, day)


def _date_of(record) -> dt.date:  # type: ignore[no-untyped-def]
    for name in (
        "answered_on",
        "received_on",
        "approved_on",
        "given_on",
        "decided_on",
        "published_on",
        "held_on",
        "sent_on",
        "submitted_on",
        "asked_on",
    ):
        value = getattr(record, name, None)
        if value is not None:
            return value
    raise AssertionError(record)


def approval(code: str, day: dt.date) -> CouncilApproval:
    return CouncilApproval(party_code=code, approved_on=day, reference=f"Referat {day}")


def submitted_agreement(platform) -> HealthAgreement:  # type: ignore[no-untyped-def]
    """Through hearing and all three councils' approval, submitted 4 December 2023, received 21 December."""
    a = step(platform, new_agreement(), Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)))
    for code, day in zip(PARTIES, (D(2023, 9, 1), D(2023, 9, 15), D(2023, 10, 1)), strict=True):
        a = step(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval(code, day))
    a = step(platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2023, 12, 4)))
    return step(
        platform,
        a,
        Step.REGISTER_RECEIPT,
        AgreementSubmission(submitted_on=D(2023, 12, 4), received_on=D(2023, 12, 21)),
    )


def refused(platform, agreement, s: Step, record, on=None, case=None) -> IllegalStep:  # type: ignore[no-untyped-def]
    with pytest.raises(IllegalStep) as info:
        step(platform, agreement, s, record, on, case)
    exc = info.value
    platform.corpus.resolve(exc.citation)  # every refusal names a provision that exists
    assert exc.citation in str(exc)
    assert exc.reason
    return exc


# --- Happy path -------------------------------------------------------------------------------------------------


def test_full_happy_path_through_the_stages(platform) -> None:
    a = new_agreement()
    case = case_with(a)
    assert stage_of(a, case, D(2023, 1, 1)) is Stage.DRAFTING
    assert Step.START_HEARING in allowed_steps(platform, case, a, D(2023, 1, 1))
    assert Step.SUBMIT not in allowed_steps(platform, case, a, D(2023, 1, 1))

    a = step(platform, a, Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1), response_deadline=D(2023, 4, 1)))
    assert stage_of(a, case, D(2023, 3, 2)) is Stage.HEARING
    a = step(
        platform, a, Step.RECORD_HEARING_ANSWER, Hearing(sent_on=D(2023, 3, 1), answered_on=D(2023, 3, 30))
    )
    assert a.hearings[0].answered_on == D(2023, 3, 30)
    a = step(platform, a, Step.RECORD_CLUSTER_INPUT, ClusterInput(cluster_id="c1", given_on=D(2023, 4, 15)))

    a = step(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval("1085", D(2023, 9, 1)))
    assert stage_of(a, case, D(2023, 9, 2)) is Stage.COUNCIL_APPROVAL
    for code in ("316", "326"):
        a = step(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval(code, D(2023, 10, 1)))
    assert stage_of(a, case, D(2023, 10, 2)) is Stage.READY_TO_SUBMIT
    assert Step.SUBMIT in allowed_steps(platform, case, a, D(2023, 10, 2))

    a = step(platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2023, 12, 4)))
    assert stage_of(a, case, D(2023, 12, 5)) is Stage.SUBMITTED
    a = step(
        platform,
        a,
        Step.REGISTER_RECEIPT,
        AgreementSubmission(submitted_on=D(2023, 12, 4), received_on=D(2023, 12, 21)),
    )
    assert stage_of(a, case, D(2023, 12, 22)) is Stage.UNDER_REVIEW
    a = step(
        platform, a, Step.REQUEST_INFORMATION, InformationRequest(asked_on=D(2024, 1, 5), question="Data?")
    )
    a = step(
        platform,
        a,
        Step.ANSWER_INFORMATION,
        InformationRequest(
            asked_on=D(2024, 1, 5), question="Data?", answered_on=D(2024, 1, 9), answer="Vedlagt"
        ),
    )
    assert a.information_requests[0].answer == "Vedlagt"
    a = step(
        platform,
        a,
        Step.APPROVE,
        AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2024, 2, 1)),
    )
    assert stage_of(a, case, D(2024, 2, 2)) is Stage.APPROVED
    a = step(platform, a, Step.PUBLISH, Publication(party_code="316", published_on=D(2024, 2, 10)))
    a = step(platform, a, Step.PUBLISH, Publication(party_code="sst", published_on=D(2024, 2, 12)))
    a = step(platform, a, Step.RECORD_YEARLY_REVIEW, YearlyReview(held_on=D(2024, 11, 1)))
    a = step(
        platform,
        a,
        Step.SEND_STATUS_REPORT,
        StatusReport(kind=StatusReportKind.MIDTERM, sent_on=D(2025, 11, 1)),
    )
    assert stage_of(a, case, D(2025, 11, 2)) is Stage.APPROVED
    assert in_force(a, case, D(2025, 11, 2))


def test_objection_opens_a_new_cycle_that_needs_new_approvals(platform) -> None:
    a = submitted_agreement(platform)
    objection = AuthorityDecision(
        kind=AuthorityDecisionKind.OBJECTION,
        decided_on=D(2024, 2, 1),
        deficiencies=("Ingen sammenhæng med de nationale mål",),
        remedy_deadline=D(2024, 5, 1),
    )
    a = step(platform, a, Step.OBJECT, objection)
    case = case_with(a)
    assert stage_of(a, case, D(2024, 2, 2)) is Stage.OBJECTION
    assert Step.REVISE in allowed_steps(platform, case, a, D(2024, 2, 2))
    assert step(platform, a, Step.REVISE, None, on=D(2024, 2, 2)) == a  # REVISE records nothing
    exc = refused(platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2024, 3, 1)))
    assert exc.citation == "afsnit 5.1"
    # No renewed hearing is required after an objection (§ 29, stk. 2 names revision under § 22 only).
    for code in PARTIES:
        a = step(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval(code, D(2024, 3, 15)))
    a = step(platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2024, 4, 1)))
    assert stage_of(a, case_with(a), D(2024, 4, 2)) is Stage.SUBMITTED


def test_yearly_review_with_revision_needed_opens_a_revision(platform) -> None:
    a = submitted_agreement(platform)
    a = step(
        platform,
        a,
        Step.APPROVE,
        AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2024, 2, 1)),
    )
    a = step(
        platform, a, Step.RECORD_YEARLY_REVIEW, YearlyReview(held_on=D(2024, 11, 1), revision_needed=True)
    )
    case = case_with(a)
    assert stage_of(a, case, D(2024, 11, 2)) is Stage.REVISION
    exc = refused(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval("1085", D(2024, 12, 1)))
    assert exc.citation == "§ 29, stk. 2"  # the renewed hearing comes first
    a = step(platform, a, Step.START_HEARING, Hearing(sent_on=D(2024, 11, 15), renewed=True))
    assert stage_of(a, case_with(a), D(2024, 11, 16)) is Stage.HEARING


# --- Illegal steps ----------------------------------------------------------------------------------------------


def test_submission_before_all_councils_approved_names_the_missing_councils(platform) -> None:
    a = step(platform, new_agreement(), Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)))
    a = step(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval("1085", D(2023, 9, 1)))
    exc = refused(platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2023, 10, 1)))
    assert exc.citation == "afsnit 5.1"
    assert "Kommunalbestyrelsen i Holbæk Kommune, Kommunalbestyrelsen i Kalundborg Kommune" in exc.reason
    assert "Regionsrådet" not in exc.reason.split("mangler godkendelse fra")[1]


def test_approval_by_someone_not_a_party_is_refused(platform) -> None:
    a = step(platform, new_agreement(), Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)))
    exc = refused(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval("101", D(2023, 9, 1)))
    assert exc.citation == "§ 19, stk. 1"
    assert "'101' er ikke part" in exc.reason


def test_approval_before_the_hearing_is_refused(platform) -> None:
    exc = refused(platform, new_agreement(), Step.RECORD_COUNCIL_APPROVAL, approval("1085", D(2023, 9, 1)))
    assert exc.citation == "§ 29, stk. 2"


def test_hearing_before_the_kickoff_meeting_is_refused(platform) -> None:
    a = new_agreement()
    exc = refused(
        platform, a, Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)), case=case_with(a, meetings=())
    )
    assert exc.citation == "§ 29, stk. 1"


def test_receipt_before_submission_is_refused(platform) -> None:
    exc = refused(
        platform,
        new_agreement(),
        Step.REGISTER_RECEIPT,
        AgreementSubmission(submitted_on=D(2023, 12, 4), received_on=D(2023, 12, 21)),
    )
    assert exc.citation == "§ 21, stk. 2"


def test_decision_before_receipt_and_second_decision_are_refused(platform) -> None:
    a = step(platform, new_agreement(), Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)))
    for code in PARTIES:
        a = step(platform, a, Step.RECORD_COUNCIL_APPROVAL, approval(code, D(2023, 9, 1)))
    a = step(platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2023, 12, 4)))
    approve = AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2024, 1, 10))
    assert refused(platform, a, Step.APPROVE, approve).citation == "§ 21, stk. 2"
    a = step(
        platform,
        a,
        Step.REGISTER_RECEIPT,
        AgreementSubmission(submitted_on=D(2023, 12, 4), received_on=D(2023, 12, 21)),
    )
    early = AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2023, 12, 20))
    assert (
        "før Sundhedsstyrelsen modtog" in refused(platform, a, Step.APPROVE, early, on=D(2024, 1, 1)).reason
    )
    a = step(platform, a, Step.APPROVE, approve)
    again = refused(
        platform,
        a,
        Step.APPROVE,
        AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2024, 1, 20)),
    )
    assert "allerede truffet afgørelse" in again.reason


@pytest.mark.parametrize(
    ("deficiencies", "deadline", "words"),
    [((), D(2024, 5, 1), "hvori manglerne består"), (("Mangler mål",), None, "frist for udbedring")],
)
def test_objection_needs_deficiencies_and_a_remedy_deadline(platform, deficiencies, deadline, words) -> None:
    a = submitted_agreement(platform)
    objection = AuthorityDecision(
        kind=AuthorityDecisionKind.OBJECTION,
        decided_on=D(2024, 2, 1),
        deficiencies=deficiencies,
        remedy_deadline=deadline,
    )
    exc = refused(platform, a, Step.OBJECT, objection)
    assert exc.citation == "§ 21, stk. 4"
    assert words in exc.reason


def test_dates_that_contradict_each_other_are_refused(platform) -> None:
    a = submitted_agreement(platform)
    a = step(
        platform, a, Step.REQUEST_INFORMATION, InformationRequest(asked_on=D(2024, 1, 5), question="Data?")
    )
    answer = InformationRequest(asked_on=D(2024, 1, 5), question="Data?", answered_on=D(2024, 1, 2))
    assert (
        "før Sundhedsstyrelsen spurgte"
        in refused(platform, a, Step.ANSWER_INFORMATION, answer, on=D(2024, 1, 9)).reason
    )
    # A resubmission dated before the objection it answers.
    a = step(
        platform,
        a,
        Step.OBJECT,
        AuthorityDecision(
            kind=AuthorityDecisionKind.OBJECTION,
            decided_on=D(2024, 2, 1),
            deficiencies=("x",),
            remedy_deadline=D(2024, 5, 1),
        ),
    )
    exc = refused(
        platform, a, Step.SUBMIT, AgreementSubmission(submitted_on=D(2024, 1, 25)), on=D(2024, 3, 1)
    )
    assert exc.citation == "§ 21, stk. 4"
    assert "før" in exc.reason or "modsiger" in exc.reason
    # A hearing answer for a hearing that was never sent.
    no_hearing = refused(
        platform, a, Step.RECORD_HEARING_ANSWER, Hearing(sent_on=D(2023, 2, 1), answered_on=D(2023, 2, 5))
    )
    assert "ingen høring sendt" in no_hearing.reason


def test_a_step_dated_after_the_day_it_is_registered_is_refused(platform) -> None:
    exc = refused(
        platform, new_agreement(), Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)), on=D(2023, 2, 1)
    )
    assert "efter registreringsdagen" in exc.reason


def test_publication_before_the_agreement_is_entered_is_refused(platform) -> None:
    a = step(platform, new_agreement(), Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)))
    exc = refused(platform, a, Step.PUBLISH, Publication(party_code="1085", published_on=D(2023, 4, 1)))
    assert exc.citation == "afsnit 5.5"
    b = submitted_agreement(platform)
    step(platform, b, Step.PUBLISH, Publication(party_code="1085", published_on=D(2023, 12, 10)))
    sst = refused(platform, b, Step.PUBLISH, Publication(party_code="sst", published_on=D(2023, 12, 22)))
    assert "godkendte" in sst.reason


def test_revise_without_objection_or_review_is_refused(platform) -> None:
    exc = refused(platform, new_agreement(), Step.REVISE, None, on=D(2023, 3, 1))
    assert exc.citation == "§ 22, stk. 1"


def test_legacy_agreement_follows_the_2022_order_for_follow_up_only(platform) -> None:
    legacy = new_agreement(
        id="old",
        election_period_start=2018,
        legal_basis="bek-679-2018",
        effective_date=D(2019, 9, 1),
        submissions=(AgreementSubmission(submitted_on=D(2019, 6, 28), received_on=D(2019, 7, 1)),),
        decisions=(AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2019, 8, 15)),),
    )
    case = case_with(legacy)
    assert stage_of(legacy, case, D(2023, 1, 1)) is Stage.APPROVED
    # § 31, stk. 3: a final status of the old agreement is accepted without a recorded midterm status.
    done = step(
        platform,
        legacy,
        Step.SEND_STATUS_REPORT,
        StatusReport(kind=StatusReportKind.FINAL, sent_on=D(2023, 2, 1)),
    )
    assert done.status_reports[0].kind is StatusReportKind.FINAL
    exc = refused(platform, legacy, Step.START_HEARING, Hearing(sent_on=D(2023, 3, 1)))
    assert exc.citation == "§ 31, stk. 3"
    before = refused(platform, legacy, Step.RECORD_YEARLY_REVIEW, YearlyReview(held_on=D(2021, 11, 1)))
    assert before.citation == "§ 31, stk. 1"


def test_kapitel_6_final_status_is_accepted_without_a_midterm_status(platform) -> None:
    """Kapitel 6: the final status covers the goals "herunder midtvejsstatus" – content, not a precondition. A
    missing midterm status is the midterm rule's finding, not a reason to refuse the final status."""
    a = submitted_agreement(platform)
    done = step(
        platform, a, Step.SEND_STATUS_REPORT, StatusReport(kind=StatusReportKind.FINAL, sent_on=D(2024, 3, 1))
    )
    assert [s.kind for s in done.status_reports] == [StatusReportKind.FINAL]
    (midterm,) = findings(platform, case_with(done), "aftale.midtvejsstatus", D(2026, 1, 1))
    assert midterm.status is Status.NOT_MET


def test_sec_22_midterm_shows_both_dates_and_applies_the_binding_one(platform) -> None:
    """§ 22, stk. 1 (binding): two years after the submission. Kapitel 6: sent for orientation two years into the
    agreement period. Both are shown; the order's date decides."""
    a = submitted_agreement(platform)
    case = case_with(a)
    dates = agreement_dates(platform, case, a, D(2024, 3, 1))
    assert dates.midterm_status_due is not None
    assert dates.midterm_status_guidance_due is not None
    assert dates.midterm_status_due != dates.midterm_status_guidance_due
    (midterm,) = findings(platform, case, "aftale.midtvejsstatus", D(2024, 3, 1))
    explanation = midterm.explanation
    assert "§ 22, stk. 1" in explanation
    assert "to år inde i aftaleperioden" in explanation
    assert "Bekendtgørelsens frist er bindende og anvendes." in explanation
    from sundhedsaftale.core.periods import danish_date

    assert danish_date(dates.midterm_status_due) in explanation
    assert danish_date(dates.midterm_status_guidance_due) in explanation


# --- Dates --------------------------------------------------------------------------------------------------------


def test_dates_follow_the_documented_conventions(platform) -> None:
    a = submitted_agreement(platform)
    dates = agreement_dates(platform, case_with(a), a, D(2024, 1, 5))
    assert dates.submission_deadline == D(2023, 7, 1)
    assert dates.received_on == D(2023, 12, 21)
    assert dates.review_deadline == D(2024, 2, 15)
    assert dates.decided_on is None
    assert dates.midterm_status_due == D(2025, 12, 4)
    assert dates.effective_date == D(2024, 1, 1)
    assert dates.expires_on == D(2027, 12, 31)
    assert dates.final_status_due == D(2027, 6, 30)
    assert dates.next_yearly_review_due == D(2024, 12, 31)


def test_agreement_term_overrides_the_default(platform) -> None:
    a = new_agreement(term_years=3)
    dates = agreement_dates(platform, case_with(a), a, D(2024, 1, 5))
    assert dates.expires_on == D(2026, 12, 31)
    assert dates.final_status_due == D(2026, 6, 30)


def test_authority_decision_moves_the_submission_deadline(platform) -> None:
    moved = decision(
        "agreement.submission_deadline",
        "2024-01-01",
        subject_id="a1",
        maker=DecisionMaker.AUTHORITY,
        reference="Sundhedsstyrelsens brev af 1. marts 2023",
    )
    a = new_agreement()
    assert agreement_dates(platform, case_with(a), a, D(2023, 5, 1)).submission_deadline == D(2023, 7, 1)
    case = case_with(a, decisions=[moved])
    assert agreement_dates(platform, case, a, D(2023, 5, 1)).submission_deadline == D(2024, 1, 1)
    assert agreement_dates(platform, case, a, D(2023, 2, 1)).submission_deadline == D(
        2023, 7, 1
    )  # not yet decided


def test_valid_until_a_new_agreement_takes_effect(platform) -> None:
    old = submitted_agreement(platform)
    new = new_agreement(
        id="a2",
        election_period_start=2026,
        effective_date=D(2028, 3, 1),
        submissions=(AgreementSubmission(submitted_on=D(2027, 6, 1)),),
    )
    case = case_with(old, more=[new])
    assert replaced_by(old, case) == new
    assert in_force(old, case, D(2028, 1, 15))  # past its four years, still in force
    assert not in_force(old, case, D(2028, 3, 1))
    assert in_force(new, case, D(2028, 3, 1))
    assert not in_force(new, case, D(2028, 2, 28))


# --- Rules ----------------------------------------------------------------------------------------------------------


def findings(platform, case, rule_id: str, at: dt.date):  # type: ignore[no-untyped-def]
    return [f for f in platform.rulebook.evaluate(case, at) if f.rule_id == rule_id]


def test_rules_follow_the_records(platform) -> None:
    a = submitted_agreement(platform)
    case = case_with(a)
    at = D(2024, 3, 1)
    (kick,) = findings(platform, case, "aftale.opstartsmoede", at)
    assert kick.status is Status.MET
    (hear,) = findings(platform, case, "aftale.hoering-piu", at)
    assert hear.status is Status.MET
    (approved,) = findings(platform, case, "aftale.godkendt-foer-indsendelse", at)
    assert approved.status is Status.MET
    (cluster,) = findings(platform, case, "aftale.klyngeinput", at)
    assert cluster.status is Status.NEEDS_JUDGEMENT
    (midterm,) = findings(platform, case, "aftale.midtvejsstatus", at)
    assert midterm.status is Status.NOT_YET_DUE
    assert "4. december 2025" in midterm.explanation
    (final,) = findings(platform, case, "aftale.slutstatus", D(2027, 7, 1))
    assert final.status is Status.NOT_MET
    assert "30. juni 2027" in final.explanation
    reviews = findings(platform, case, "aftale.aarlig-gennemgang", D(2025, 3, 1))
    assert [(f.facts[0].value, f.status) for f in reviews] == [
        (2024, Status.NOT_MET),
        (2025, Status.NOT_YET_DUE),
    ]


def test_submission_without_approvals_breaks_the_rule(platform) -> None:
    a = new_agreement(submissions=(AgreementSubmission(submitted_on=D(2024, 2, 1)),))
    (f,) = findings(platform, case_with(a), "aftale.godkendt-foer-indsendelse", D(2024, 3, 1))
    assert f.status is Status.NOT_MET
    assert "Kommunalbestyrelsen i Kalundborg Kommune" in f.explanation


def test_resubmission_after_objection_is_judged_against_the_remedy_deadline(platform) -> None:
    a = new_agreement(
        submissions=(
            AgreementSubmission(submitted_on=D(2023, 6, 1), received_on=D(2023, 6, 2)),
            AgreementSubmission(submitted_on=D(2023, 10, 2)),
        ),
        decisions=(
            AuthorityDecision(
                kind=AuthorityDecisionKind.OBJECTION,
                decided_on=D(2023, 7, 20),
                deficiencies=("x",),
                remedy_deadline=D(2023, 10, 1),
            ),
        ),
    )
    (f,) = findings(platform, case_with(a), "aftale.genindsendelse", D(2024, 3, 1))
    assert f.status is Status.NOT_MET
    assert "efter fristen 1. oktober 2023" in f.explanation


def test_legacy_agreement_is_not_judged_on_making_but_on_follow_up(platform) -> None:
    legacy = new_agreement(
        id="old",
        election_period_start=2018,
        legal_basis="bek-679-2018",
        effective_date=D(2019, 9, 1),
        submissions=(AgreementSubmission(submitted_on=D(2019, 6, 28), received_on=D(2019, 7, 1)),),
    )
    case = case_with(legacy)
    (hear,) = findings(platform, case, "aftale.hoering-piu", D(2024, 3, 1))
    assert hear.status is Status.NOT_APPLICABLE
    assert "§ 31, stk. 3" in hear.explanation
    (midterm,) = findings(platform, case, "aftale.midtvejsstatus", D(2024, 3, 1))
    assert midterm.status is Status.NOT_APPLICABLE  # its deadline fell before the 2022 order
    (final,) = findings(platform, case, "aftale.slutstatus", D(2024, 3, 1))
    assert final.status is Status.NOT_MET  # § 22, stk. 1 applies (§ 31, stk. 3): before expiry 31 August 2023
    assert "31. august 2023" in final.explanation
