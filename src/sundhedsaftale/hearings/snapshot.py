"""Hearing rounds as the case sees them (ADR 0036, 0045): each round with its addressees, their answers (the
§ 27, stk. 3 consensus fields and each member's own view) and the dispositions of their points."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath

from sundhedsaftale.core.case import (
    HearingAddressee,
    HearingAnswer,
    HearingRound,
    HearingRoundState,
    MemberView,
    PointDisposition,
)
from sundhedsaftale.core.hearings import Disposition as DispositionKind
from sundhedsaftale.core.hearings import HearingTopic

from .models import Addressee
from .models import HearingRound as RoundRow

__all__ = ["hearing_rounds_snapshot", "round_case"]


def _file_name(field: object) -> str:
    name = getattr(field, "name", "") or ""
    return PurePosixPath(name).name if name else ""


def _addressee(row: Addressee) -> HearingAddressee:
    answer = getattr(row, "answer", None)
    return HearingAddressee(
        name=row.name,
        body_id=row.body.key if row.body is not None else None,
        answer=None
        if answer is None
        else HearingAnswer(
            received_on=answer.received_on,
            text=answer.text,
            no_remarks=answer.no_remarks,
            consensus_sought=answer.consensus_sought,
            consensus_reached=answer.consensus_reached,
            dissents=tuple(
                MemberView(
                    member=d.get("member", ""), view=d.get("view", ""), membership=d.get("membership", "")
                )
                for d in answer.dissents or ()
            ),
            late=answer.late,
            document=_file_name(answer.document),
            dispositions=tuple(
                PointDisposition(point=d.point, kind=DispositionKind(d.kind), reason=d.reason)
                for d in answer.dispositions.all()
            ),
        ),
    )


def round_case(row: RoundRow) -> HearingRound:
    return HearingRound(
        topic=HearingTopic(row.topic),
        subject=row.subject,
        agreement_id=row.agreement.key if row.agreement is not None else None,
        version_label=row.version_label,
        covering_text=row.covering_text,
        state=HearingRoundState(row.state),
        sent_on=row.sent_on,
        response_deadline=row.response_deadline,
        closed_on=row.closed_on,
        changes_made=row.changes_made,
        addressees=tuple(_addressee(a) for a in row.addressees.all()),
    )


def hearing_rounds_snapshot(region_codes: Iterable[str]) -> dict[str, tuple[HearingRound, ...]]:
    """Every round of the regions, by region code, oldest first (drafts last), in a handful of queries."""
    rows = (
        RoundRow.objects.filter(region_id__in=list(region_codes))
        .select_related("agreement")
        .prefetch_related("addressees__body", "addressees__answer__dispositions")
        .order_by("sent_on", "response_deadline", "subject", "pk")
    )
    rounds: dict[str, list[HearingRound]] = defaultdict(list)
    for row in rows:
        rounds[row.region_id].append(round_case(row))
    return {code: tuple(sorted(r, key=_order)) for code, r in rounds.items()}


def _order(r: HearingRound) -> tuple[bool, str, str]:
    return (r.sent_on is None, r.sent_on.isoformat() if r.sent_on else "", r.subject)
