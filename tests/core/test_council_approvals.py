"""The councils' approvals as the lifecycle reads them, and the approval's optional document in the case file."""

from __future__ import annotations

import datetime as dt

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.case import CouncilApproval
from sundhedsaftale.core.lifecycle import council_approvals_in_cycle, missing_approvals
from sundhedsaftale.demo import build_national_demo


def test_an_approval_without_a_document_is_written_as_before() -> None:
    approval = CouncilApproval(party_code="253", approved_on=dt.date(2023, 11, 1), reference="Byrådet")

    assert "document" not in approval.model_dump(mode="json")
    with_document = approval.model_copy(update={"document": "https://greve.example/referat.pdf"})
    assert with_document.model_dump(mode="json")["document"] == "https://greve.example/referat.pdf"


def test_section_19_1_missing_approvals_are_the_parties_not_yet_approved_in_the_cycle() -> None:
    case = next(c for c in build_national_demo(load_platform().reference) if c.region.code == "1085")
    agreement = next(a for a in case.agreements if a.id.endswith("2024-2027"))
    parties = [case.region.code, *(m.code for m in case.municipalities)]

    # Before the first council met, every party is missing; after the last, none (the demo spreads them over autumn).
    assert missing_approvals(agreement, case, dt.date(2023, 9, 1)) == parties
    assert missing_approvals(agreement, case, dt.date(2023, 12, 1)) == []
    approvals = council_approvals_in_cycle(agreement, case, dt.date(2023, 12, 1))
    assert list(approvals) == parties
    assert all(a.version_label == "1.0" for a in approvals.values())
