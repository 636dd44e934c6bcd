"""``sundhedsaftale hearing-notat`` and ``sundhedsaftale status-report``: the follow-up's documents written from a
case file alone (ADR 0045), read back from the PDF and the DOCX; and the errors that name the file and the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from pydantic import ValidationError
from pypdf import PdfReader
from typer.testing import CliRunner

from sundhedsaftale.cli.main import app
from sundhedsaftale.core.case import (
    Body,
    BodyKind,
    HearingAddressee,
    HearingAnswer,
    HearingRound,
    HearingRoundState,
    MemberView,
    PointDisposition,
    RegionCase,
    StatusReport,
    StatusReportKind,
    StatusReportState,
)
from sundhedsaftale.core.followup import GoalState, IndicatorValue, skeleton
from sundhedsaftale.core.hearings import Disposition, HearingTopic

from .document_builders import agreement, sjaelland_case

runner = CliRunner()


def _case() -> RegionCase:
    base = agreement()
    content = skeleton(base.content)
    items = []
    for item in content.items:
        criteria = tuple(
            c.model_copy(
                update={
                    "baseline": "10",
                    "target": "20",
                    "values": (
                        IndicatorValue(
                            value="15",
                            unit="%",
                            source="Sundhedsdatastyrelsen",
                            measured_on=dt.date(2025, 6, 30),
                        ),
                    ),
                }
            )
            for c in item.criteria
        )
        items.append(
            item.model_copy(
                update={
                    "status": GoalState.ON_TRACK,
                    "done": "Fælles udskrivelsesplan indført.",
                    "criteria": criteria,
                }
            )
        )
    report = StatusReport(
        kind=StatusReportKind.MIDTERM,
        sent_on=dt.date(2025, 11, 18),
        state=StatusReportState.RECEIVED,
        received_on=dt.date(2025, 11, 25),
        content=content.model_copy(update={"summary": "Aftalen er godt på vej.", "items": tuple(items)}),
    )
    hearing = HearingRound(
        topic=HearingTopic.OTHER,
        subject="Høring om udskrivelsesforløb",
        state=HearingRoundState.CLOSED,
        sent_on=dt.date(2025, 3, 1),
        response_deadline=dt.date(2025, 3, 29),
        closed_on=dt.date(2025, 4, 10),
        changes_made="Planen sendes med ved udskrivelse.",
        addressees=(
            HearingAddressee(
                name="Danske Patienter",
                answer=HearingAnswer(
                    received_on=dt.date(2025, 3, 20),
                    text="Vi ønsker én samlet plan.",
                    dispositions=(
                        PointDisposition(
                            point="Samlet plan",
                            kind=Disposition.PARTLY,
                            reason="Indføres i to klynger først.",
                        ),
                    ),
                ),
            ),
            HearingAddressee(
                name="Ældresagen",
                answer=HearingAnswer(received_on=dt.date(2025, 4, 2), no_remarks=True, late=True),
            ),
        ),
    )
    case = sjaelland_case(base.model_copy(update={"status_reports": (report,)}))
    return case.model_copy(update={"hearing_rounds": (hearing,)})


def _write(tmp_path: Path, case: RegionCase) -> str:
    path = tmp_path / "sag.json"
    path.write_text(case.model_dump_json(), encoding="utf-8")
    return str(path)


def _pdf_text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())


def test_hearing_notat_pdf_gives_each_answer_its_disposition_and_reason_and_marks_a_late_one(
    tmp_path,
) -> None:
    out = tmp_path / "notat.pdf"

    result = runner.invoke(app, ["hearing-notat", _write(tmp_path, _case()), "--round", "1", "-o", str(out)])

    assert result.exit_code == 0, result.output
    text = _pdf_text(out)
    assert "Høring om udskrivelsesforløb" in text
    assert "Delvist imødekommet" in text
    assert "Indføres i to klynger først." in text
    assert "efter fristen" in text
    assert "Planen sendes med ved udskrivelse." in text


def test_hearing_notat_docx_by_subject_keeps_the_members_own_views(tmp_path) -> None:
    case = _case()
    hearing = case.hearing_rounds[0]
    committee = HearingAddressee(
        name="Patientinddragelsesudvalget",
        body_id="pu",
        answer=HearingAnswer(
            received_on=dt.date(2025, 3, 25),
            text="Udvalget støtter planen.",
            consensus_reached=False,
            dissents=(MemberView(member="Erik Holst", view="Pårørende skal have planen inden for et døgn."),),
        ),
    )
    case = case.model_copy(
        update={
            "bodies": (Body(id="pu", kind=BodyKind.PATIENT_COMMITTEE, name="Patientinddragelsesudvalget"),),
            "hearing_rounds": (hearing.model_copy(update={"addressees": (*hearing.addressees, committee)}),),
        }
    )
    out = tmp_path / "notat.docx"

    result = runner.invoke(
        app,
        [
            "hearing-notat",
            _write(tmp_path, case),
            "--round",
            "Høring om udskrivelsesforløb",
            "--format",
            "docx",
            "-o",
            str(out),
        ],
    )

    assert result.exit_code == 0, result.output
    text = _docx_text(out)
    assert "Erik Holst" in text
    assert "Pårørende skal have planen inden for et døgn." in text


def test_status_report_pdf_and_docx_carry_status_indicator_values_with_source_and_date(tmp_path) -> None:
    casefile = _write(tmp_path, _case())
    pdf, word = tmp_path / "midtvej.pdf", tmp_path / "midtvej.docx"

    for out in (pdf, word):
        result = runner.invoke(app, ["status-report", casefile, "--kind", "midterm", "-o", str(out)])
        assert result.exit_code == 0, result.output

    for text in (_pdf_text(pdf), _docx_text(word)):
        assert "Midtvejsstatus" in text
        assert "Aftalen er godt på vej." in text
        assert "På rette vej" in text
        assert "Sundhedsdatastyrelsen" in text
        assert "50 %" in text  # (15 − 10) / (20 − 10)


def test_errors_name_the_file_and_the_field(tmp_path) -> None:
    casefile = _write(tmp_path, _case())

    missing_round = runner.invoke(
        app, ["hearing-notat", casefile, "--round", "3", "-o", str(tmp_path / "x.pdf")]
    )
    no_final = runner.invoke(
        app, ["status-report", casefile, "--kind", "final", "-o", str(tmp_path / "x.pdf")]
    )
    wrong_suffix = runner.invoke(
        app,
        ["status-report", casefile, "--kind", "midterm", "--format", "docx", "-o", str(tmp_path / "x.pdf")],
    )

    assert missing_round.exit_code == 2
    assert "hearing_rounds" in missing_round.output
    assert "nr. 3 findes ikke" in missing_round.output
    assert no_final.exit_code == 2
    assert "sag.json: agreements[0].status_reports: ingen slutstatus er sendt" in no_final.output
    assert wrong_suffix.exit_code == 2
    assert "--out: x.pdf ender ikke på .docx" in wrong_suffix.output


def test_a_case_file_without_the_follow_up_reads_and_writes_as_before() -> None:
    """ADR 0045: the new fields are optional and left out when empty, so an older case file is read unchanged and
    a region without follow-up records exports the same bytes as before."""
    old = {
        "kind": "midterm",
        "sent_on": "2025-11-18",
        "reference": "Midtvejsstatus, rapportversion 1",
    }
    report = StatusReport.model_validate(old)
    assert report.state is StatusReportState.SENT
    assert report.content is None
    assert report.model_dump(mode="json") == old
    case = sjaelland_case()
    dumped = case.model_dump(mode="json")
    assert "hearing_rounds" not in dumped
    assert "statements" not in dumped
    assert RegionCase.model_validate_json(case.model_dump_json()) == case


def test_a_status_report_received_before_it_was_sent_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="received_on: modtaget før rapporten blev sendt"):
        StatusReport(
            kind=StatusReportKind.MIDTERM,
            sent_on=dt.date(2025, 11, 18),
            state=StatusReportState.RECEIVED,
            received_on=dt.date(2025, 11, 1),
        )
