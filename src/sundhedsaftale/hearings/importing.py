"""Writing a case's hearing rounds into the hearings app (case-file import, restore; ADR 0036, 0045).

A round is found by its subject and the day it was sent. An import never deletes and writes only what is
missing: a new round with its addressees, answers and dispositions; a new answer to a stored addressee; a new
disposition. Once a round is sent its addressees are frozen, and an answer or a disposition once recorded is the
record: a case file that differs from them is refused with the round, the part and the field named.
"""

from __future__ import annotations

from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import HearingAddressee, HearingAnswer, HearingRound, RegionCase
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.governance.models import Body

from .models import Addressee, Answer, Disposition
from .models import HearingRound as RoundRow

__all__ = ["hearing_rounds_apply"]


def hearing_rounds_apply(case: RegionCase) -> int:
    """Bring the region's rounds in line with ``case``; returns how many rows were written. Call inside a
    transaction, after bodies and agreements are written."""
    written = 0
    code = case.region.code
    for index, hearing in enumerate(case.hearing_rounds):
        where = f"hearing_rounds[{index}]"
        stored = RoundRow.objects.filter(
            region_id=code, subject=hearing.subject, sent_on=hearing.sent_on
        ).first()
        created = stored is None
        if stored is None:
            stored = _round_create(code, where, hearing)
            written += 1
        else:
            _same_round(where, stored, hearing)
        addressees = {a.name: a for a in stored.addressees.all()}
        for a_index, addressee in enumerate(hearing.addressees):
            place = f"{where}.addressees[{a_index}]"
            row = addressees.get(addressee.name)
            if row is None:
                if not created and not stored.is_draft:
                    raise CaseError(
                        f"{place}.name: '{addressee.name}' er ikke hørt i »{hearing.subject}« på platformen; de hørte "
                        "parter i en sendt høring ændres ikke"
                    )
                row = Addressee.objects.create(
                    round=stored, name=addressee.name, body=_body(code, place, addressee)
                )
                written += 1
            written += _answer(place, hearing, row, addressee.answer)
    return written


def _body(code: str, place: str, addressee: HearingAddressee) -> Body | None:
    if addressee.body_id is None:
        return None
    body = Body.objects.filter(key=addressee.body_id, region_id=code).first()
    if body is None:
        raise CaseError(f"{place}.body_id: organet '{addressee.body_id}' findes ikke i regionen")
    return body


def _round_create(code: str, where: str, hearing: HearingRound) -> RoundRow:
    agreement = None
    if hearing.agreement_id is not None:
        agreement = AgreementRow.objects.filter(key=hearing.agreement_id, region_id=code).first()
        if agreement is None:
            raise CaseError(
                f"{where}.agreement_id: sundhedsaftalen '{hearing.agreement_id}' findes ikke i regionen"
            )
    return RoundRow.objects.create(
        region_id=code,
        topic=hearing.topic.value,
        agreement=agreement,
        version_label=hearing.version_label,
        subject=hearing.subject,
        covering_text=hearing.covering_text,
        response_deadline=hearing.response_deadline,
        state=hearing.state.value,
        sent_on=hearing.sent_on,
        closed_on=hearing.closed_on,
        changes_made=hearing.changes_made,
    )


def _same_round(where: str, stored: RoundRow, hearing: HearingRound) -> None:
    for field, mine, theirs in (
        ("topic", stored.topic, hearing.topic.value),
        ("response_deadline", stored.response_deadline, hearing.response_deadline),
        ("state", stored.state, hearing.state.value),
        ("closed_on", stored.closed_on, hearing.closed_on),
        ("changes_made", stored.changes_made, hearing.changes_made),
    ):
        if mine != theirs:
            raise CaseError(
                f"{where}.{field}: høringen »{hearing.subject}« er registreret med en anden værdi på platformen; "
                "sagsfilen ændrer ikke en registreret høring – ret den på platformen"
            )


def _answer(place: str, hearing: HearingRound, row: Addressee, answer: HearingAnswer | None) -> int:
    if answer is None:
        return 0
    place = f"{place}.answer"
    wanted = {
        "received_on": answer.received_on,
        "text": answer.text,
        "no_remarks": answer.no_remarks,
        "consensus_sought": answer.consensus_sought,
        "consensus_reached": answer.consensus_reached,
        "dissents": [d.model_dump(mode="json") for d in answer.dissents],
        "late": answer.late,
    }
    stored = Answer.objects.filter(addressee=row).first()
    written = 0
    if stored is None:
        stored = Answer.objects.create(addressee=row, **wanted)
        written += 1
    else:
        for field, value in wanted.items():
            if getattr(stored, field) != value:
                raise CaseError(
                    f"{place}.{field}: svaret fra {row.name} i »{hearing.subject}« er registreret med en anden "
                    "værdi; et modtaget høringssvar overskrives ikke"
                )
    existing = {(d.point, d.kind, d.reason) for d in stored.dispositions.all()}
    points = {d.point: d for d in stored.dispositions.all()}
    for d_index, disposition in enumerate(answer.dispositions):
        key = (disposition.point, disposition.kind.value, disposition.reason)
        if key in existing:
            continue
        if disposition.point in points:
            raise CaseError(
                f"{place}.dispositions[{d_index}]: punktet »{disposition.point or 'svaret som helhed'}« i svaret fra "
                f"{row.name} er behandlet anderledes på platformen; behandlingen overskrives ikke ved import"
            )
        Disposition.objects.create(
            answer=stored, point=disposition.point, kind=disposition.kind.value, reason=disposition.reason
        )
        written += 1
    return written
