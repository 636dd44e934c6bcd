"""Write the example case files in examples/.

* The demo regions (tests/core/test_interchange.py keeps them equal to the demo data).
* Region Sjælland's Sundhedsaftale 2024–2027 as Sundhedsstyrelsen received and approved it, recorded from the
  facts in the authority's approval letter (shared/sources, sst-godkendelsesbrev-…-region-sjaelland.txt) and,
  where the letter is silent, from the region's own website (named below). What neither states is left
  unrecorded, so the platform says nothing about it. tests/core/test_real_cases.py pins the decision.

Run `python tools/write_examples.py` after changing the demo data or the case schema.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.case import (
    AgreementContent,
    AgreementSubmission,
    CasePart,
    ClusterInfo,
    CollaborationAgreement,
    ContentPart,
    FindingReview,
    HealthAgreement,
    MunicipalityInfo,
    RegionCase,
    RegionInfo,
    Verdict,
)
from sundhedsaftale.core.reference import ReferenceData
from sundhedsaftale.demo import build_national_demo

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)
DEMO_FILES = {
    "1085": "region-sjaelland.json",
    "1081": "region-nordjylland.json",
    "1083": "region-syddanmark.json",
}
REAL_SJAELLAND = "sjaelland-2024-2027-godkendelse.json"

# Who the verdicts are recorded for: the authority, not a named official.
_AUTHORITY = "Sundhedsstyrelsen"
_LETTER = "Sundhedsstyrelsens godkendelsesbrev om Sundhedsaftalen 2024–2027 for Region Sjælland"


def real_sjaelland(reference: ReferenceData) -> RegionCase:
    """Region Sjælland's 2024–2027 agreement as received on 21 December 2023 and approved, from the letter."""
    code = "1085"
    municipalities = sorted(reference.municipalities_of_region(code), key=lambda m: m.code)
    agreement = HealthAgreement(
        id="1085-sundhedsaftale-2024-2027",
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
        # The letter: "Versionsnummer bør tilføjes Sundhedsaftalen" – the agreement states none.
        version_number="",
        # Region Sjælland's website (regionsjaelland.dk, Sundhedsaftalen): it "træder i kraft 1. januar 2024".
        effective_date=dt.date(2024, 1, 1),
        # The letter is addressed to the regional council and all 17 municipal councils: the parties.
        parties=(code, *(m.code for m in municipalities)),
        content=AgreementContent(
            # The letter recommends goals in each cluster: the agreement sets none.
            cluster_goals=(),
            # The letter recommends that the collaboration agreements, as they are developed further, are brought
            # in line with the new agreement: they are not yet.
            collaboration_agreements=(
                CollaborationAgreement(
                    id="samarbejdsaftaler",
                    title="Samarbejdsaftalerne under sundhedsaftalen",
                    description="Aftalens samarbejdsaftaler videreudvikles i aftaleperioden.",
                    updated_for_agreement=False,
                ),
            ),
            # What the letter does not describe. The goals, sub-goals and target groups were read by the
            # authority, whose judgement is recorded as verdicts on the submission below.
            unrecorded=(
                ContentPart.OVERARCHING_GOALS,
                ContentPart.SUB_GOALS,
                ContentPart.TARGET_GROUPS,
                ContentPart.GENERAL_PRACTICE,
                ContentPart.FRAMEWORK_ELEMENTS,
                ContentPart.COLLABORATION_GOAL_LINKS,
                ContentPart.ATTACHMENTS,
            ),
        ),
        submissions=(
            AgreementSubmission(
                # The letter gives the day of receipt only; the submission is recorded on the same day.
                submitted_on=dt.date(2023, 12, 21),
                received_on=dt.date(2023, 12, 21),
                reviews=(
                    FindingReview(
                        "vurdering.nationale-maal",
                        Verdict.OVERRULED,
                        reason=(
                            "Kriteriet er opfyldt: aftalens fælles, forpligtende målsætninger viser sammenhæng med "
                            "de otte nationale mål for sundhedsvæsenet, bl.a. gennem de mål og målgrupper, aftalen "
                            f"opstiller ({_LETTER})."
                        ),
                        reviewer=_AUTHORITY,
                    ),
                    FindingReview(
                        "vurdering.grundlag-maalgrupper",
                        Verdict.OVERRULED,
                        reason=(
                            "Kriteriet er opfyldt: aftalen bygger på det fælles grundlag for målgrupper og indsatser, "
                            f"og målgrupper og indsatser er valgt ud fra relevante datakilder ({_LETTER})."
                        ),
                        reviewer=_AUTHORITY,
                    ),
                    FindingReview(
                        "vurdering.delmaal-succeskriterier",
                        Verdict.EDITED,
                        text=(
                            "Sundhedsstyrelsen anbefaler, at aftalen konkretiseres med fx delmål og succeskriterier "
                            "– også uden for samarbejdsaftalerne – så det bliver tydeligt, hvordan målene skal "
                            "indfries, og det forpligtende samarbejde bliver gennemsigtigt."
                        ),
                        reason=(
                            "Aftalen konkretiserer ikke de overordnede målsætninger med delmål og succeskriterier ud "
                            f"over samarbejdsaftalerne ({_LETTER})."
                        ),
                        reviewer=_AUTHORITY,
                    ),
                ),
            ),
        ),
    )
    return RegionCase(
        region=RegionInfo(code=code, name=reference.regions[code].name),
        municipalities=tuple(MunicipalityInfo(code=m.code, name=m.name) for m in municipalities),
        clusters=tuple(
            ClusterInfo(
                id=c.id, name=c.name, acute_hospital=c.acute_hospital, municipality_codes=c.municipality_codes
            )
            for c in reference.clusters_of_region(code)
        ),
        agreements=(agreement,),
        # A case about one decision: the region's bodies, meetings, the agreement's making and its follow-up
        # are not described, and no rule may conclude anything about them.
        unrecorded=(CasePart.BODIES, CasePart.MEETINGS, CasePart.AGREEMENT_MAKING, CasePart.FOLLOW_UP),
    )


def main() -> None:
    reference = load_platform().reference
    for case in build_national_demo(reference, today=TODAY):
        name = DEMO_FILES.get(case.region.code)
        if name is not None:
            _write(name, case)
    _write(REAL_SJAELLAND, real_sjaelland(reference))


def _write(name: str, case: RegionCase) -> None:
    (ROOT / "examples" / name).write_text(case.model_dump_json(indent=2) + "\n", encoding="utf-8")
    print(f"examples/{name}")


if __name__ == "__main__":
    main()
