"""The demo's follow-up on Region Sjælland's Sundhedsaftale 2024–2027 (§ 22, stk. 1; vejledningens kapitel 6).

Not part of the case: the case already holds the dates (the yearly reviews of November 2024 and 2025 and the
midterm status sent 18 November 2025); ``setup_demo`` adds what the committee concluded and reported through the
follow-up's actions. The midterm status carries indicator values over time for a few success criteria, some with a
numeric baseline and target (progress computed) and one without (progress not computed, said so). The figures
and texts are fictional demo figures, not measurements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sundhedsaftale.core.case import HealthAgreement, RegionCase, StatusReportKind
from sundhedsaftale.core.followup import GoalState, IndicatorValue, StatusContent, skeleton

__all__ = ["DemoFollowup", "DemoReview", "demo_followup"]

AGREEMENT = "1085-sundhedsaftale-2024-2027"
_SOURCE = "Sundhedsdatastyrelsen, regionens opgørelse (demotal)"
_REASONS = {
    2024: (
        "Aftalen følges som planlagt. Samarbejdsaftalerne er opdateret, og målsætningerne er fortsat relevante; "
        "der er ikke nye krav fra økonomiaftalen, som skal indarbejdes. Ingen revision."
    ),
    2025: (
        "Gennemgået sammen med midtvejsstatus. Målsætningerne er fortsat relevante, og de fleste delmål er på "
        "rette vej; indsatsen for akutte genindlæggelser styrkes inden for den gældende aftale. Ingen revision."
    ),
}
# (sub-goal id, criterion number): baseline, target, values (measured on, value, unit)
_MEASURED: dict[tuple[str, int], tuple[str, str, tuple[tuple[dt.date, str, str], ...]]] = {
    ("sja-m1-d1", 0): (
        "44",
        "38",
        (
            (dt.date(2023, 12, 31), "43,2", "pr. 1.000"),
            (dt.date(2024, 12, 31), "41,9", "pr. 1.000"),
            (dt.date(2025, 6, 30), "40,8", "pr. 1.000"),
        ),
    ),
    ("sja-m4-d1", 0): (
        "14",
        "11",
        (
            (dt.date(2023, 12, 31), "13,7", "%"),
            (dt.date(2024, 12, 31), "13,1", "%"),
            (dt.date(2025, 6, 30), "12,9", "%"),
        ),
    ),
    # The target "mindst 95 % i 2025" states no plain figure to count from: no progress is computed.
    ("sja-m2-d1", 0): ("", "", ((dt.date(2024, 12, 31), "88", "%"), (dt.date(2025, 6, 30), "91", "%"))),
}
_STATES = (
    GoalState.ON_TRACK,
    GoalState.ON_TRACK,
    GoalState.PARTLY,
    GoalState.ON_TRACK,
    GoalState.NOT_ON_TRACK,
)


@dataclass(frozen=True)
class DemoReview:
    year: int
    held_on: dt.date  # the committee's meeting where it was decided
    revise: bool
    reasons: str


@dataclass(frozen=True)
class DemoFollowup:
    agreement: str
    reviews: tuple[DemoReview, ...]
    midterm: StatusContent
    midterm_sent_on: dt.date
    midterm_received_on: dt.date
    receipt_reference: str


def _midterm(agreement: HealthAgreement) -> StatusContent:
    items = []
    for n, item in enumerate(skeleton(agreement.content).items):
        criteria = []
        for m, criterion in enumerate(item.criteria):
            measured = _MEASURED.get((item.sub_goal_id, m))
            if measured is None:
                criteria.append(criterion)
                continue
            baseline, target, values = measured
            criteria.append(
                criterion.model_copy(
                    update={
                        "baseline": baseline,
                        "target": target,
                        "values": tuple(
                            IndicatorValue(value=v, unit=unit, source=_SOURCE, measured_on=day)
                            for day, v, unit in values
                        ),
                    }
                )
            )
        items.append(
            item.model_copy(
                update={
                    "status": _STATES[n % len(_STATES)],
                    "done": f"Indsatsen for »{item.title}« er sat i gang i alle klynger efter planen.",
                    "next_steps": "Fortsat opfølgning i klyngerne; data drøftes på udvalgets møde i juni.",
                    "criteria": tuple(criteria),
                }
            )
        )
    return StatusContent(
        summary=(
            "Midtvejsstatus for Sundhedsaftale 2024–2027: de fleste delmål er på rette vej. Forebyggelige "
            "indlæggelser blandt ældre og andelen af dagligrygere falder; akutte genindlæggelser kræver en "
            "styrket indsats."
        ),
        items=tuple(items),
    )


def demo_followup(case: RegionCase, today: dt.date) -> DemoFollowup | None:
    """Region Sjælland's follow-up as the case dates it; only what happened before ``today``."""
    agreement = case.agreement(AGREEMENT)
    if agreement is None:
        return None
    reviews = tuple(
        DemoReview(r.held_on.year, r.held_on, r.revision_needed, _REASONS[r.held_on.year])
        for r in agreement.yearly_reviews
        if r.held_on.year in _REASONS and r.held_on < today
    )
    midterm = next(
        (s for s in agreement.status_reports if s.kind is StatusReportKind.MIDTERM and s.sent_on < today),
        None,
    )
    if midterm is None:
        return None
    return DemoFollowup(
        agreement=AGREEMENT,
        reviews=reviews,
        midterm=_midterm(agreement),
        midterm_sent_on=midterm.sent_on,
        midterm_received_on=midterm.sent_on + dt.timedelta(days=2),
        receipt_reference="SST-2025-4711",
    )
