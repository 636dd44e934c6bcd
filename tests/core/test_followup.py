"""The content of a midterm or final status and its progress (§ 22, stk. 1; vejledningens kapitel 6), without Django."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as DocxDocument
from pydantic import ValidationError
from pypdf import PdfReader

from sundhedsaftale.core.case import (
    AgreementContent,
    HealthAgreement,
    OverarchingGoal,
    RegionCase,
    StatusReportKind,
    SubGoal,
    SuccessCriterion,
)
from sundhedsaftale.core.followup import (
    CriterionStatus,
    GoalState,
    IndicatorValue,
    ReportItem,
    StatusContent,
    carried_forward,
    number,
    progress,
    skeleton,
)
from sundhedsaftale.documents import render_docx, render_pdf
from sundhedsaftale.documents.status_report import (
    ReportFacts,
    status_receipt_document,
    status_report_document,
)

from .document_builders import agreement, sjaelland_case


def agreement_case() -> tuple[RegionCase, HealthAgreement]:
    made = agreement()
    return sjaelland_case(made), made


CONTENT = AgreementContent(
    overarching_goals=(
        OverarchingGoal(
            id="m1",
            title="Tryghed i eget hjem",
            sub_goals=(
                SubGoal(
                    id="m1-d1",
                    title="Færre forebyggelige indlæggelser",
                    success_criteria=(
                        SuccessCriterion(text="Indlæggelser falder", indicator="pr. 1.000", target="38"),
                        SuccessCriterion(text="Flere er trygge", target="mindst 80 % i 2027"),
                    ),
                ),
            ),
        ),
    )
)


def _value(value: str, day: dt.date = dt.date(2025, 6, 30)) -> IndicatorValue:
    return IndicatorValue(value=value, source="Demotal", measured_on=day)


def test_kapitel6_skeleton_has_an_item_per_goal_and_sub_goal_with_the_criteria_and_numeric_targets() -> None:
    report = skeleton(CONTENT)
    assert [i.key for i in report.items] == ["m1", "m1/m1-d1"]
    criteria = report.items[1].criteria
    assert [c.target for c in criteria] == ["38", ""]  # "mindst 80 % i 2027" is not a plain figure
    assert report.missing_status() == ["Tryghed i eget hjem", "Færre forebyggelige indlæggelser"]


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        ("44", "38", "41", 50.0),  # a rate to bring down: halfway
        ("44", "38", "44", 0.0),
        ("44", "38", "36", 133.3),  # beyond the target
        ("10", "20", "8", -20.0),  # moved away from the target
        ("12,5", "15", "13,75", 50.0),  # Danish decimal comma
    ],
)
def test_progress_is_the_share_of_the_way_from_baseline_to_target(
    baseline: str, target: str, value: str, expected: float
) -> None:
    criterion = CriterionStatus(text="k", baseline=baseline, target=target)
    assert progress(criterion, _value(value)).percent == expected


@pytest.mark.parametrize(
    ("baseline", "target", "value"), [("", "38", "40"), ("44", "mindst 38", "40"), ("44", "38", "ca. 40")]
)
def test_progress_is_not_computed_unless_all_three_are_numbers_and_says_so(
    baseline: str, target: str, value: str
) -> None:
    result = progress(CriterionStatus(text="k", baseline=baseline, target=target), _value(value))
    assert result.percent is None
    assert result.text.startswith("Ikke beregnet: ")


def test_number_reads_danish_and_english_figures() -> None:
    assert number("12,5") == 12.5
    assert number("12.5 %") == 12.5
    assert number("−3") == -3.0
    assert number("under 8 %") is None


def test_kapitel6_final_status_builds_on_the_midterm_keeping_earlier_values() -> None:
    midterm = skeleton(CONTENT)
    measured = midterm.items[1].criteria[0].model_copy(update={"baseline": "44", "values": (_value("41"),)})
    item = midterm.items[1].model_copy(
        update={
            "status": GoalState.PARTLY,
            "done": "Gjort.",
            "criteria": (measured, midterm.items[1].criteria[1]),
        }
    )
    midterm = midterm.model_copy(update={"summary": "Midtvejs.", "items": (midterm.items[0], item)})
    final = carried_forward(midterm, CONTENT)
    assert final.summary == "Midtvejs."
    assert final.items[1].status is GoalState.PARTLY
    assert final.items[1].criteria[0].values == (_value("41"),)


def test_a_goal_twice_in_a_report_is_refused_naming_it() -> None:
    item = ReportItem(goal_id="m1", title="Mål")
    with pytest.raises(ValidationError, match="'m1' står mere end én gang"):
        StatusContent(items=(item, item))


def test_par22_stk1_report_document_reads_back_goals_and_values_from_pdf_and_docx() -> None:
    case, agreement = agreement_case()
    content = skeleton(CONTENT)
    criterion = (
        content.items[1]
        .criteria[0]
        .model_copy(update={"baseline": "44", "values": (_value("41,5", dt.date(2025, 6, 30)),)})
    )
    content = content.model_copy(
        update={
            "items": (
                content.items[0].model_copy(update={"status": GoalState.ON_TRACK}),
                content.items[1].model_copy(update={"criteria": (criterion,)}),
            )
        }
    )
    facts = ReportFacts(kind=StatusReportKind.MIDTERM, sent_on=dt.date(2025, 11, 18))
    document = status_report_document(case, agreement, facts, content)
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(document))).pages)
    assert "Tryghed i eget hjem" in pdf
    assert "41,5" in pdf
    assert "42 %" in pdf  # (41,5 − 44) / (38 − 44) = 41,7 %
    docx = DocxDocument(io.BytesIO(render_docx(document)))
    cells = [c.text for t in docx.tables for r in t.rows for c in r.cells]
    assert "Demotal" in cells


def test_kapitel6_receipt_letter_confirms_receipt_for_information_and_decides_nothing() -> None:
    case, agreement = agreement_case()
    facts = ReportFacts(
        kind=StatusReportKind.FINAL, number=2, sent_on=dt.date(2027, 6, 1), received_on=dt.date(2027, 6, 3)
    )
    document = status_receipt_document(
        case, agreement, facts, letter_date=dt.date(2027, 6, 3), reference="J-1"
    )
    text = document.text()
    assert "Slutstatus er modtaget" in text
    assert "rapportversion 2" in text
    assert "til orientering (vejledningens kapitel 6)" in text
    assert "træffer ingen afgørelse" in text
