"""Writing hearing rounds (ADR 0036): create and edit a draft, send it (confirmed), record answers, dispose of
them, close the round.

Each action checks permission, validates (every problem named by its field, nothing written), writes in one
transaction with one audit row, and checks the ``version`` the caller saw. A round on the health agreement IS the
lifecycle's hearing (§ 29, stk. 2): sending it records the core's ``Hearing`` through
``agreements.actions.step_record`` (and so ``core.lifecycle.apply_step``), and the patient involvement
committee's answer records ``answered_on`` the same way; a lifecycle refusal refuses the whole action.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import AnyUser, can_answer_hearing, can_edit_region
from sundhedsaftale.agreements.actions import AgreementConflict, step_record
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import BodyKind, Hearing
from sundhedsaftale.core.hearings import (
    HearingTopic,
    answer_problems,
    is_late,
    lifecycle_answer,
    lifecycle_hearing,
)
from sundhedsaftale.core.lifecycle import IllegalStep, Step
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.governance.actions.bodies import Invalid
from sundhedsaftale.governance.actions.meetings import DOCUMENT_KINDS
from sundhedsaftale.governance.models import Body
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.models import Region
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.uploads import UploadRefused, upload_check

from .models import Addressee, Answer, Disposition, DispositionChoice, HearingRound, RoundState

__all__ = [
    "AddresseeIn",
    "AnswerIn",
    "DispositionIn",
    "HearingConflict",
    "Invalid",
    "RoundIn",
    "hearing_answer_record",
    "hearing_dispositions_set",
    "hearing_round_close",
    "hearing_round_create",
    "hearing_round_send",
    "hearing_round_update",
]

SUBJECT_LIMIT = 200
TEXT_LIMIT = 20000
POINT_LIMIT = 500
MAX_ADDRESSEES = 60


class HearingConflict(RecordConflict):
    def __init__(self, current: HearingRound | Answer) -> None:
        super().__init__(
            current,
            _(
                "Høringen er ændret af en anden (version %(version)s) efter, at du åbnede den. Intet er "
                "overskrevet; åbn den igen og gentag din ændring."
            )
            % {"version": current.version},
        )


@dataclass(frozen=True)
class AddresseeIn:
    """A body of the region (``body``: its key) or a named organisation (``name`` and ``email``), with the account
    that answers for it (``respondent``: a username of the region; optional)."""

    body: str = ""
    name: str = ""
    email: str = ""
    respondent: str = ""


@dataclass(frozen=True)
class RoundIn:
    topic: str
    subject: str
    response_deadline: dt.date
    covering_text: str = ""
    agreement: str = ""  # the agreement's key, for a round on the agreement (§ 29, stk. 2)
    addressees: tuple[AddresseeIn, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AnswerIn:
    text: str = ""
    no_remarks: bool = False
    received_on: dt.date | None = None  # the secretariat's date of receipt; an online answer is dated today
    consensus_sought: bool = True
    consensus_reached: bool | None = None
    dissents: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (member's name, view in own words)


@dataclass(frozen=True)
class DispositionIn:
    kind: str
    reason: str
    point: str = ""


def _require_secretariat(actor: AnyUser | None, region_code: str, system: bool) -> None:
    if system:
        return
    if actor is None or not can_edit_region(actor, region_code):
        raise PermissionDenied(_("Kun regionens sekretariat kan forberede og sende høringer."))


def _check_version(row: HearingRound | Answer, expected: int | None) -> None:
    if expected is None:
        raise Invalid([("version", _("Version mangler; åbn siden igen."))])
    if row.version != expected:
        raise HearingConflict(row)


def _upload_errors(upload: UploadedFile | None, field_name: str) -> list[tuple[str, str]]:
    if upload is None:
        return []
    try:
        upload_check(upload, allowed=DOCUMENT_KINDS, field=field_name)
    except UploadRefused as exc:
        return [(exc.field, exc.message)]
    return []


def _round_errors(
    region: Region, data: RoundIn, today: dt.date
) -> tuple[list[tuple[str, str]], AgreementRow | None, list[tuple[AddresseeIn, Body | None, User | None]]]:
    errors: list[tuple[str, str]] = []
    try:
        topic = HearingTopic(data.topic)
    except ValueError:
        topic = None
        errors.append(
            ("topic", _("Emne: vælg udkast til sundhedsaftale, revision, sundhedsplan eller andet."))
        )
    if not data.subject.strip():
        errors.append(("subject", _("Overskrift mangler.")))
    elif len(data.subject.strip()) > SUBJECT_LIMIT:
        errors.append(("subject", _("Overskrift: højst %(limit)s tegn.") % {"limit": SUBJECT_LIMIT}))
    if len(data.covering_text) > TEXT_LIMIT:
        errors.append(("covering_text", _("Følgebrev: højst %(limit)s tegn.") % {"limit": TEXT_LIMIT}))
    if data.response_deadline <= today:
        errors.append(
            (
                "response_deadline",
                _("Høringsfrist: %(date)s skal ligge efter i dag (%(today)s).")
                % {"date": danish_date(data.response_deadline), "today": danish_date(today)},
            )
        )
    agreement = None
    if data.agreement:
        agreement = AgreementRow.objects.filter(key=data.agreement, region=region).first()
        if agreement is None:
            errors.append(
                (
                    "agreement",
                    _("Sundhedsaftale: '%(key)s' er ikke en af regionens aftaler.") % {"key": data.agreement},
                )
            )
    if topic is not None and topic.on_agreement and not data.agreement:
        errors.append(
            ("agreement", _("Sundhedsaftale: en høring om aftalen skal angive aftalen (§ 29, stk. 2)."))
        )
    if not data.addressees:
        errors.append(("addressees", _("Høringsparter: angiv mindst ét organ eller én organisation.")))
    if len(data.addressees) > MAX_ADDRESSEES:
        errors.append(("addressees", _("Høringsparter: højst %(limit)s.") % {"limit": MAX_ADDRESSEES}))
    resolved: list[tuple[AddresseeIn, Body | None, User | None]] = []
    seen: set[str] = set()
    for number, item in enumerate(data.addressees, start=1):
        body = None
        if item.body:
            body = Body.objects.filter(key=item.body, region=region).first()
            if body is None:
                errors.append(
                    (
                        "addressees",
                        _("Høringspart %(n)s: '%(key)s' er ikke et af regionens organer.")
                        % {"n": number, "key": item.body},
                    )
                )
        elif not item.name.strip():
            errors.append(
                (
                    "addressees",
                    _("Høringspart %(n)s: vælg et organ eller skriv organisationens navn.") % {"n": number},
                )
            )
        elif len(item.name.strip()) > 200 or len(item.email) > 254 or ("@" not in item.email and item.email):
            errors.append(
                (
                    "addressees",
                    _("Høringspart %(n)s: navn højst 200 tegn og en gyldig e-mailadresse.") % {"n": number},
                )
            )
        identity = f"body:{item.body}" if item.body else f"name:{item.name.strip().lower()}"
        if identity in seen:
            errors.append(("addressees", _("Høringspart %(n)s står der allerede.") % {"n": number}))
        seen.add(identity)
        respondent = None
        if item.respondent:
            respondent = User.objects.filter(
                username=item.respondent, region_code=region.code, is_active=True
            ).first()
            if respondent is None:
                errors.append(
                    (
                        "addressees",
                        _("Høringspart %(n)s: '%(user)s' er ikke en bruger i regionen.")
                        % {"n": number, "user": item.respondent},
                    )
                )
        resolved.append((item, body, respondent))
    hears_committee = any(
        b is not None and b.kind == BodyKind.PATIENT_COMMITTEE.value for _i, b, _r in resolved
    )
    if topic is not None and topic.on_agreement and not hears_committee:
        errors.append(
            (
                "addressees",
                _(
                    "Høringsparter: patientinddragelsesudvalget skal høres om sundhedsaftalen (§ 29, stk. 2: "
                    "»høring af patientinddragelsesudvalget i forbindelse med udarbejdelse af "
                    "sundhedsaftalen«)."
                ),
            )
        )
    return errors, agreement, resolved


def _write_addressees(
    round_: HearingRound, resolved: list[tuple[AddresseeIn, Body | None, User | None]]
) -> None:
    round_.addressees.all().delete()
    for item, body, respondent in resolved:
        Addressee.objects.create(
            round=round_,
            body=body,
            name=body.name if body is not None else item.name.strip(),
            email="" if body is not None else item.email.strip(),
            respondent=respondent,
        )


def round_as_audit(round_: HearingRound) -> dict[str, object]:
    return {
        "topic": round_.topic,
        "subject": round_.subject,
        "agreement": round_.agreement.key if round_.agreement else None,
        "response_deadline": round_.response_deadline,
        "state": round_.state,
        "sent_on": round_.sent_on,
        "addressees": [a.name for a in round_.addressees.all()],
        "document": round_.document.name or None,
    }


def hearing_round_create(
    *,
    actor: AnyUser | None,
    region_code: str,
    data: RoundIn,
    upload: UploadedFile | None = None,
    system: bool = False,
    as_of: dt.date | None = None,
) -> HearingRound:
    """Create a draft hearing round of region ``region_code`` on a document: a draft of the health agreement or
    a revision of it (``data.agreement``; the patient involvement committee must be among the addressees, § 29,
    stk. 2), the region's health plan (§ 22, stk. 2) or another topic, addressed to the region's bodies and/or
    named organisations, with a response deadline after today. The document is the agreement version's PDF (for
    a round on the agreement) or ``upload``. Nothing is sent: :func:`hearing_round_send` sends it.

    The region's secretariat only, or the platform itself (``system``). This is the one way a round is made,
    also by other parts of the platform (a revision found necessary by the yearly review starts its hearing
    here). ``as_of``: the day the draft is made, for the platform itself (the demo's past rounds) only. Raises
    :class:`Invalid` naming every wrong field and writes nothing."""
    _require_secretariat(actor, region_code, system)
    with transaction.atomic():
        region = Region.objects.get(code=region_code)
        today = as_of if (system and as_of is not None) else clock.today()
        errors, agreement, resolved = _round_errors(region, data, today)
        errors += _upload_errors(upload, "document")
        if errors:
            raise Invalid(errors)
        round_ = HearingRound(
            region=region,
            topic=data.topic,
            agreement=agreement,
            subject=data.subject.strip(),
            covering_text=data.covering_text.strip(),
            response_deadline=data.response_deadline,
            created_by=actor if isinstance(actor, User) else None,
        )
        if upload is not None:
            round_.document.save(upload.name or "hoeringsmateriale.pdf", upload, save=False)
        round_.save()
        _write_addressees(round_, resolved)
        record_change(
            actor=actor,
            action="hearing_round_create",
            object_type="hearing_round",
            object_id=round_.pk,
            region_code=region_code,
            after=round_as_audit(round_),
        )
    return round_


def _locked_round(round_pk: int) -> HearingRound:
    return (
        HearingRound.objects.select_for_update(of=("self",))
        .select_related("region", "agreement")
        .get(pk=round_pk)
    )


def _refuse_unless_draft(round_: HearingRound) -> None:
    if not round_.is_draft:
        raise Invalid(
            [
                (
                    "state",
                    _("Høringen er sendt %(date)s; høringsparterne og materialet kan ikke længere ændres.")
                    % {"date": danish_date(round_.sent_on) if round_.sent_on else "–"},
                )
            ]
        )


def hearing_round_update(
    *,
    actor: AnyUser,
    round_pk: int,
    expected_version: int | None,
    data: RoundIn,
    upload: UploadedFile | None = None,
) -> HearingRound:
    """Change a draft round (everything :func:`hearing_round_create` takes). A sent round is frozen."""
    with transaction.atomic():
        round_ = _locked_round(round_pk)
        _require_secretariat(actor, round_.region_id, False)
        _refuse_unless_draft(round_)
        _check_version(round_, expected_version)
        before = round_as_audit(round_)
        errors, agreement, resolved = _round_errors(round_.region, data, clock.today())
        errors += _upload_errors(upload, "document")
        if errors:
            raise Invalid(errors)
        round_.topic = data.topic
        round_.agreement = agreement
        round_.subject = data.subject.strip()
        round_.covering_text = data.covering_text.strip()
        round_.response_deadline = data.response_deadline
        if upload is not None:
            round_.document.save(upload.name or "hoeringsmateriale.pdf", upload, save=False)
        round_.version += 1
        round_.save()
        _write_addressees(round_, resolved)
        record_change(
            actor=actor,
            action="hearing_round_update",
            object_type="hearing_round",
            object_id=round_.pk,
            region_code=round_.region_id,
            before=before,
            after=round_as_audit(round_),
        )
    return round_


def _recorded_hearing(agreement: AgreementRow, sent_on: dt.date) -> Hearing | None:
    case_agreement = case_snapshot(agreement.region_id).agreement(agreement.key)
    assert case_agreement is not None
    return next((h for h in case_agreement.hearings if h.sent_on == sent_on), None)


def _lifecycle_step(
    *, actor: AnyUser | None, round_: HearingRound, step: Step, day: dt.date, by_hearing: bool = False
) -> None:
    """Record the lifecycle's hearing step for a round on the agreement, unless the agreement's records already
    hold it (a case file imported before the round was recorded, as the demo's is)."""
    agreement = round_.agreement
    assert agreement is not None
    assert round_.sent_on is not None
    case_agreement = case_snapshot(agreement.region_id).agreement(agreement.key)
    assert case_agreement is not None
    same = [h for h in case_agreement.hearings if h.sent_on == round_.sent_on]
    if step is Step.START_HEARING:
        if same:
            return
        record = lifecycle_hearing(
            topic=round_.topic_kind,
            sent_on=day,
            response_deadline=round_.response_deadline,
            version_label=round_.version_label,
        )
    else:
        if not same or same[0].answered_on is not None:
            return
        record = lifecycle_answer(same[0], day)
    row = AgreementRow.objects.get(pk=agreement.pk)
    try:
        step_record(
            actor=actor,  # type: ignore[arg-type]
            agreement_key=agreement.key,
            expected_version=row.version,
            step=step,
            record=record,
            on=day,
            permitted_by_hearing=by_hearing,
        )
    except IllegalStep as exc:
        raise Invalid([("lifecycle", f"{exc} ({exc.citation})")]) from None
    except AgreementConflict as exc:
        raise Invalid([("lifecycle", str(exc))]) from None


def hearing_round_send(
    *,
    actor: AnyUser | None,
    round_pk: int,
    expected_version: int | None,
    confirmed: bool,
    system: bool = False,
    sent_on: dt.date | None = None,
) -> HearingRound:
    """Send a draft round: an explicit, confirmed act (``confirmed``), after which its addressees and document
    are frozen. A round on the agreement fixes the version heard (the newest) and records the lifecycle's
    hearing (§ 29, stk. 2) through ``core.lifecycle.apply_step``; a refusal there refuses the sending. The round
    is sent today; only the platform itself (``system``, the demo) may name an earlier ``sent_on``."""
    with transaction.atomic():
        round_ = _locked_round(round_pk)
        _require_secretariat(actor, round_.region_id, system)
        _refuse_unless_draft(round_)
        _check_version(round_, expected_version)
        if not confirmed:
            raise Invalid(
                [("confirmed", _("Bekræft, at høringen skal sendes; den kan derefter ikke ændres."))]
            )
        today = clock.today()
        day = sent_on if (system and sent_on is not None) else today
        if round_.response_deadline <= day:
            raise Invalid(
                [
                    (
                        "response_deadline",
                        _("Høringsfrist: %(date)s er passeret; ret fristen, før høringen sendes.")
                        % {"date": danish_date(round_.response_deadline)},
                    )
                ]
            )
        if not round_.addressees.exists():
            raise Invalid([("addressees", _("Høringsparter: angiv mindst ét organ eller én organisation."))])
        before = round_as_audit(round_)
        round_.state = RoundState.SENT
        round_.sent_on = day
        if round_.agreement is not None:
            recorded = _recorded_hearing(round_.agreement, day) if round_.topic_kind.on_agreement else None
            if recorded is not None:
                # The lifecycle holds this hearing already (an imported case file): the round takes its label.
                heard = (
                    round_.agreement.versions.filter(label=recorded.version_label).order_by("-number").first()
                )
                round_.version_label = recorded.version_label
                round_.version_number = heard.number if heard else None
            else:
                newest = round_.agreement.versions.order_by("-number").first()
                if newest is None:
                    raise Invalid(
                        [("agreement", _("Sundhedsaftalen har endnu ingen version at sende i høring."))]
                    )
                round_.version_number = newest.number
                round_.version_label = newest.label or _("version %(n)s") % {"n": newest.number}
        round_.version += 1
        round_.save()
        if round_.topic_kind.on_agreement:
            _lifecycle_step(actor=actor, round_=round_, step=Step.START_HEARING, day=day)
        record_change(
            actor=actor,
            action="hearing_round_send",
            object_type="hearing_round",
            object_id=round_.pk,
            region_code=round_.region_id,
            before=before,
            after=round_as_audit(round_),
        )
    return round_


def _dissent_errors(body: Body | None, data: AnswerIn, day: dt.date) -> list[tuple[str, str]]:
    if body is None:
        return []
    names = {
        m.person.name.strip().lower()
        for m in body.memberships.select_related("person").filter(start__lte=day)
        if m.end is None or m.end >= day
    }
    return [
        (
            "dissents",
            _("Synspunkt %(n)s: %(name)s var ikke medlem af %(body)s %(date)s.")
            % {"n": number, "name": member, "body": body.name, "date": danish_date(day)},
        )
        for number, (member, _view) in enumerate(data.dissents, start=1)
        if member.strip() and member.strip().lower() not in names
    ]


def hearing_answer_record(
    *,
    actor: AnyUser | None,
    round_pk: int,
    addressee_pk: int,
    data: AnswerIn,
    upload: UploadedFile | None = None,
    system: bool = False,
) -> Answer:
    """Record the answer of one addressee of a sent round: online by the account named for it (dated today), or
    by the region's secretariat as an answer received (``data.received_on``, not after today, with its
    document). A body's answer says whether agreement was sought and reached; without agreement each member's
    view is kept in the member's own words (§ 27, stk. 3). "Ingen bemærkninger" is an answer. An answer after
    the deadline is accepted and marked late. The patient involvement committee's answer to a round on the
    agreement records the lifecycle's hearing answer (§ 29, stk. 2)."""
    with transaction.atomic():
        round_ = _locked_round(round_pk)
        addressee = (
            Addressee.objects.select_for_update(of=("self",))
            .select_related("body")
            .filter(round=round_, pk=addressee_pk)
            .first()
        )
        if addressee is None:
            raise Invalid([("addressee", _("Høringsparten hører ikke til denne høring."))])
        if not system and (
            actor is None
            or not can_answer_hearing(actor, round_.region_id, respondent_id=addressee.respondent_id)
        ):
            raise PermissionDenied(
                _("Du er ikke angivet til at svare for %(name)s.") % {"name": addressee.name}
            )
        if round_.state != RoundState.SENT:
            message = (
                _("Høringen er ikke sendt endnu.")
                if round_.is_draft
                else _("Høringen er afsluttet; svar modtages ikke længere.")
            )
            raise Invalid([("state", message)])
        if Answer.objects.filter(addressee=addressee).exists():
            raise Invalid([("addressee", _("%(name)s har allerede svaret.") % {"name": addressee.name})])
        today = clock.today()
        secretariat = system or (actor is not None and can_edit_region(actor, round_.region_id))
        day = data.received_on if (secretariat and data.received_on is not None) else today
        assert round_.sent_on is not None
        errors = [
            (p.field, p.message)
            for p in answer_problems(
                text=data.text,
                no_remarks=data.no_remarks,
                from_body=addressee.body is not None,
                consensus_sought=data.consensus_sought,
                consensus_reached=data.consensus_reached,
                dissents=data.dissents,
            )
        ]
        if day > today:
            errors.append(
                (
                    "received_on",
                    _("Modtaget: %(date)s ligger efter i dag (%(today)s).")
                    % {"date": danish_date(day), "today": danish_date(today)},
                )
            )
        if day < round_.sent_on:
            errors.append(
                (
                    "received_on",
                    _("Modtaget: %(date)s ligger før høringen blev sendt %(sent)s.")
                    % {"date": danish_date(day), "sent": danish_date(round_.sent_on)},
                )
            )
        if len(data.text) > TEXT_LIMIT:
            errors.append(("text", _("Høringssvar: højst %(limit)s tegn.") % {"limit": TEXT_LIMIT}))
        errors += _dissent_errors(addressee.body, data, day)
        errors += _upload_errors(upload, "document")
        if errors:
            raise Invalid(errors)
        from_body = addressee.body is not None
        answer = Answer(
            addressee=addressee,
            received_on=day,
            text=data.text.strip(),
            no_remarks=data.no_remarks,
            consensus_sought=data.consensus_sought if from_body else False,
            consensus_reached=data.consensus_reached if from_body else None,
            dissents=[{"member": m.strip(), "view": v.strip()} for m, v in data.dissents],
            late=is_late(day, round_.response_deadline),
            recorded_by=actor if isinstance(actor, User) else None,
        )
        if upload is not None:
            answer.document.save(upload.name or "hoeringssvar.pdf", upload, save=False)
        answer.save()
        is_committee = (
            from_body
            and addressee.body is not None
            and (addressee.body.kind == BodyKind.PATIENT_COMMITTEE.value)
        )
        if round_.topic_kind.on_agreement and is_committee:
            _lifecycle_step(
                actor=actor,
                round_=round_,
                step=Step.RECORD_HEARING_ANSWER,
                day=day,
                by_hearing=True,
            )
        record_change(
            actor=actor,
            action="hearing_answer_record",
            object_type="hearing_answer",
            object_id=answer.pk,
            region_code=round_.region_id,
            after={
                "round": round_.pk,
                "addressee": addressee.name,
                "received_on": day,
                "no_remarks": answer.no_remarks,
                "consensus_reached": answer.consensus_reached,
                "dissents": [d["member"] for d in answer.dissents],
                "late": answer.late,
                "by_secretariat": secretariat,
            },
        )
    return answer


def hearing_dispositions_set(
    *,
    actor: AnyUser | None,
    round_pk: int,
    addressee_pk: int,
    expected_version: int | None,
    items: tuple[DispositionIn, ...],
    system: bool = False,
) -> Answer:
    """Give an answer its dispositions – the whole answer or each point of it: imødekommet, delvist
    imødekommet, ikke imødekommet or taget til efterretning, each with its reason – replacing those it had.
    The region's secretariat, while the round is sent (a closed round is final); against the answer's version."""
    with transaction.atomic():
        round_ = _locked_round(round_pk)
        _require_secretariat(actor, round_.region_id, system)
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("addressee")
            .filter(addressee__round=round_, addressee__pk=addressee_pk)
            .first()
        )
        if answer is None:
            raise Invalid([("addressee", _("Høringsparten har ikke svaret endnu."))])
        if round_.state != RoundState.SENT:
            raise Invalid([("state", _("Høringen er afsluttet; behandlingen af svarene kan ikke ændres."))])
        _check_version(answer, expected_version)
        errors: list[tuple[str, str]] = []
        if not items:
            errors.append(("dispositions", _("Behandling: angiv mindst én.")))
        for number, item in enumerate(items, start=1):
            if item.kind not in DispositionChoice.values:
                errors.append(
                    (
                        "dispositions",
                        _(
                            "Behandling %(n)s: vælg imødekommet, delvist imødekommet, ikke imødekommet eller taget "
                            "til efterretning."
                        )
                        % {"n": number},
                    )
                )
            if not item.reason.strip():
                errors.append(("dispositions", _("Behandling %(n)s: begrundelsen mangler.") % {"n": number}))
            elif len(item.reason) > TEXT_LIMIT:
                errors.append(
                    (
                        "dispositions",
                        _("Behandling %(n)s: højst %(limit)s tegn.") % {"n": number, "limit": TEXT_LIMIT},
                    )
                )
            if len(item.point) > POINT_LIMIT:
                errors.append(
                    (
                        "dispositions",
                        _("Behandling %(n)s: punktet højst %(limit)s tegn.")
                        % {"n": number, "limit": POINT_LIMIT},
                    )
                )
        if errors:
            raise Invalid(errors)
        before = [{"point": d.point, "kind": d.kind, "reason": d.reason} for d in answer.dispositions.all()]
        answer.dispositions.all().delete()
        for item in items:
            Disposition.objects.create(
                answer=answer,
                point=item.point.strip(),
                kind=item.kind,
                reason=item.reason.strip(),
                decided_by=actor if isinstance(actor, User) else None,
            )
        answer.version += 1
        answer.save(update_fields=["version"])
        record_change(
            actor=actor,
            action="hearing_dispositions_set",
            object_type="hearing_answer",
            object_id=answer.pk,
            region_code=round_.region_id,
            before={"dispositions": before},
            after={"dispositions": [{"point": i.point, "kind": i.kind, "reason": i.reason} for i in items]},
        )
    return answer


def hearing_round_close(
    *,
    actor: AnyUser | None,
    round_pk: int,
    expected_version: int | None,
    changes_made: str,
    system: bool = False,
    closed_on: dt.date | None = None,
) -> HearingRound:
    """Close a sent round when every answer has a disposition, with the changes the hearing led to (they go into
    the høringsnotat). Answers are no longer received."""
    with transaction.atomic():
        round_ = _locked_round(round_pk)
        _require_secretariat(actor, round_.region_id, system)
        if round_.state != RoundState.SENT:
            raise Invalid([("state", _("Kun en sendt høring kan afsluttes."))])
        _check_version(round_, expected_version)
        undisposed = [
            a.addressee.name
            for a in Answer.objects.filter(addressee__round=round_).select_related("addressee")
            if not a.dispositions.exists()
        ]
        if undisposed:
            raise Invalid(
                [
                    (
                        "dispositions",
                        _("Disse svar mangler en behandling: %(names)s.") % {"names": ", ".join(undisposed)},
                    )
                ]
            )
        if len(changes_made) > TEXT_LIMIT:
            raise Invalid([("changes_made", _("Ændringer: højst %(limit)s tegn.") % {"limit": TEXT_LIMIT})])
        before = round_as_audit(round_)
        round_.state = RoundState.CLOSED
        round_.closed_on = closed_on if (system and closed_on) else clock.today()
        round_.changes_made = changes_made.strip()
        round_.version += 1
        round_.save()
        record_change(
            actor=actor,
            action="hearing_round_close",
            object_type="hearing_round",
            object_id=round_.pk,
            region_code=round_.region_id,
            before=before,
            after={**round_as_audit(round_), "changes_made": round_.changes_made},
        )
    return round_
