"""The demo's statement of Region Sjælland's patient involvement committee (§ 27, stk. 3; § 28, stk. 2).

Not part of the case (statements are platform records, ADR 0033); ``setup_demo`` writes it through the action.
The committee sought agreement and did not reach it, so one member's own view is kept. Fictional text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["DemoStatement", "demo_statements"]


@dataclass(frozen=True)
class DemoStatement:
    committee: str  # the body's id
    meeting: str  # the meeting's id (the statement was adopted there)
    given_on: dt.date
    basis: str
    topic: str
    text: str
    dissents: tuple[tuple[str, str], ...]  # (membership id, view)


def demo_statements() -> tuple[DemoStatement, ...]:
    return (
        DemoStatement(
            committee="1085-patient-committee",
            meeting="1085-patient-committee-2025-11-06",
            given_on=dt.date(2025, 11, 6),
            basis="own_initiative",
            topic="Sammenhæng ved udskrivelse af ældre medicinske patienter",
            text=(
                "Patientinddragelsesudvalget har på eget initiativ drøftet udskrivelsen af ældre medicinske "
                "patienter, som udvalget finder relevant for sammenhængen i forløb mellem sygehuse, praksissektor "
                "og kommunale tilbud. Udvalget anbefaler, at patienten og de pårørende får én skriftlig plan ved "
                "udskrivelsen, som også egen læge og hjemmeplejen modtager samme dag, og at planen nævner, hvem "
                "patienten kan kontakte de første 72 timer."
            ),
            dissents=(
                (
                    "1085-patient-committee-m004",
                    "Planen bør også udleveres i et format, der kan læses af borgere med syns- eller "
                    "kognitive handicap; uden det er anbefalingen ikke tilgængelig for alle.",
                ),
            ),
        ),
    )
