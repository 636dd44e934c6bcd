"""``sundhedsaftale letter`` and ``agreement``, and the wiring from case to letter: dates from the legal calendar,
content from the assessment, and the letters the platform refuses to write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from sundhedsaftale.cli.main import app
from sundhedsaftale.core import load_platform
from sundhedsaftale.core.case import AgreementSubmission, RegionCase
from sundhedsaftale.documents import LetterError, LetterKind, letter_document
from sundhedsaftale.documents.wiring import compact_citation, letter_input_for

from .document_builders import MUNICIPALITY_TITLES, agreement, full_content, sjaelland_case

runner = CliRunner()


def write(tmp_path: Path, case: RegionCase) -> str:
    path = tmp_path / "case.json"
    path.write_text(case.model_dump_json(), encoding="utf-8")
    return str(path)


def blocked_case() -> RegionCase:
    """No overarching goal is linked to a national goal: the first criterion of afsnit 5.2 is not met."""
    content = full_content()
    goals = tuple(g.model_copy(update={"national_goals": ()}) for g in content.overarching_goals)
    return sjaelland_case(agreement(content=content.model_copy(update={"overarching_goals": goals})))


def pdf_text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


# ---------------------------------------------------------------------------------------------------------------
# The command line


def test_approval_letter_as_pdf(tmp_path: Path) -> None:
    out = tmp_path / "godkendelse.pdf"
    result = runner.invoke(
        app,
        [
            "letter",
            write(tmp_path, sjaelland_case()),
            "--kind",
            "approval",
            "--out",
            str(out),
            "--at",
            "2024-02-08",
            "--reference",
            "04-0101-12/1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland" in result.output
    text = pdf_text(out)
    assert "Sundhedsstyrelsen har den 8. februar 2024 besluttet at godkende sundhedsaftalen." in text
    assert "modtog den 21. december 2023" in text
    assert "hænger sammen med de nationale mål" in text
    assert "journalnummer 04-0101-12/1" in text
    assert all(title in text for title in MUNICIPALITY_TITLES)


def test_letter_names_the_case_officer_given_on_the_command_line(tmp_path: Path) -> None:
    case = write(tmp_path, sjaelland_case())
    named, unnamed = tmp_path / "navngivet.pdf", tmp_path / "unavngivet.pdf"
    common = ["letter", case, "--kind", "approval", "--at", "2024-02-08"]
    result = runner.invoke(
        app,
        [
            *common,
            "--out",
            str(named),
            "--case-officer",
            "Test Testesen",
            "--email",
            "test@example.org",
            "--phone",
            "11 22 33 44",
            "--unit",
            "Enhed for test",
        ],
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(named)
    assert "Sagsbehandler: Test Testesen" in text
    assert "kontakte sagsbehandler Test Testesen i Enhed for test, Sundhedsstyrelsen" in text
    assert "(e-mail test@example.org, telefon 11 22 33 44)" in text
    assert "den ansvarlige sagsbehandler" not in text

    assert runner.invoke(app, [*common, "--out", str(unnamed)]).exit_code == 0
    text = pdf_text(unnamed)
    assert "kontakte den ansvarlige sagsbehandler i Sundhedsstyrelsen" in text
    assert "Sagsbehandler:" not in text
    help_text = " ".join(runner.invoke(app, ["letter", "--help"]).output.split())
    assert "--case-officer" in help_text


def test_receipt_as_docx_states_the_eight_week_deadline(tmp_path: Path) -> None:
    out = tmp_path / "kvittering.docx"
    result = runner.invoke(
        app,
        [
            "letter",
            write(tmp_path, sjaelland_case()),
            "--kind",
            "receipt",
            "--out",
            str(out),
            "--at",
            "2023-12-22",
        ],
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "afgørelse senest den 15. februar 2024" in text
    assert "modtog den 21. december 2023" in text


def test_objection_letter_names_the_blocking_requirement(tmp_path: Path) -> None:
    out = tmp_path / "indsigelse.docx"
    result = runner.invoke(
        app,
        [
            "letter",
            write(tmp_path, blocked_case()),
            "--kind",
            "objection",
            "--out",
            str(out),
            "--at",
            "2024-02-08",
            "--remedy-deadline",
            "2024-04-15",
        ],
    )
    assert result.exit_code == 0, result.output
    word = docx.Document(str(out))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "besluttet at gøre indsigelse mod sundhedsaftalen" in text
    assert "senest den 15. april 2024" in text
    deficiencies = [
        p.text for p in word.paragraphs if p.style.name == "List Bullet" and "nationalt mål" in p.text.lower()
    ]
    assert deficiencies
    assert "afsnit 5.2" in deficiencies[0]


@pytest.mark.parametrize(
    ("case", "kind", "message"),
    [
        (blocked_case, "approval", "hindrer godkendelse"),
        (sjaelland_case, "objection", "intet krav hindrer godkendelse"),
        (lambda: blocked_case(), "objection", "remedy_deadline"),
        (
            lambda: sjaelland_case(agreement().model_copy(update={"submissions": ()})),
            "receipt",
            "ikke modtaget",
        ),
    ],
)
def test_refused_letters_exit_2_with_one_line(
    tmp_path: Path, case: Callable[[], RegionCase], kind: str, message: str
) -> None:
    out = tmp_path / "brev.pdf"
    result = runner.invoke(
        app,
        ["letter", write(tmp_path, case()), "--kind", kind, "--out", str(out), "--at", "2024-02-08"],
    )
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["letter", "{case}", "--kind", "approval", "--out", "brev.odt"],
        ["letter", "{case}", "--kind", "approval", "--out", "brev.pdf", "--agreement", "findes-ikke"],
        ["letter", "{case}", "--kind", "approval", "--out", "brev.pdf", "--at", "8/2 2024"],
        ["agreement", "{case}", "--out", "aftale.txt"],
        ["agreement", "mangler.json", "--out", "aftale.pdf"],
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str]) -> None:
    case = write(tmp_path, sjaelland_case())
    result = runner.invoke(app, [a.replace("{case}", case) for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("sundhedsaftale: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_agreement_as_html_and_docx(tmp_path: Path) -> None:
    case = write(tmp_path, sjaelland_case())
    html, word = tmp_path / "aftale.html", tmp_path / "aftale.docx"
    assert runner.invoke(app, ["agreement", case, "--out", str(html)]).exit_code == 0
    assert (
        runner.invoke(app, ["agreement", case, "--out", str(word), "--agreement", "sa-2024"]).exit_code == 0
    )
    page = html.read_text(encoding="utf-8")
    assert "<h1>Sundhedsaftale 2024–2027 for Region Sjælland</h1>" in page
    # The national goals' names come from the reference data.
    assert "Nationalt mål 7: Flere sunde leveår" in page
    headings = [p.text for p in docx.Document(str(word)).paragraphs if p.style.name == "Heading 1"]
    assert "Samarbejdsaftaler" in headings


# ---------------------------------------------------------------------------------------------------------------
# The wiring


def test_approval_input_takes_dates_from_the_calendar_and_text_from_the_assessment() -> None:
    platform = load_platform()
    case = sjaelland_case()
    letter = letter_input_for(platform, case, "sa-2024", LetterKind.APPROVAL, dt.date(2024, 2, 8))
    assert letter.received_on == dt.date(2023, 12, 21)
    assert letter.review_deadline == dt.date(2024, 2, 15)
    assert letter.decided_on == dt.date(2024, 2, 8)  # no decision recorded: the letter is the decision
    assert letter.effective_date == dt.date(2024, 1, 1)
    assert letter.expires_on is not None
    assert letter.midterm_status_due is not None
    assert letter.final_status_due is not None
    assert letter.final_status_due < letter.expires_on
    assert letter.national_goals_assessment.startswith("Sundhedsstyrelsen vurderer, at aftalens fælles")
    assert "nationalt mål" in letter.national_goals_assessment.lower()
    assert letter.deficiencies == ()
    # The cluster goals and sub-goals are all there; the one piece of advice is the missing framework element.
    assert any("delelement 8" in text for text, _ in letter.advice)
    assert all(citation.startswith("vejledningens") for _, citation in letter.advice)
    letter_document(case, case.agreements[0], letter)  # complete input: the letter can be written


def test_objection_input_takes_recorded_remedy_deadline_or_explicit_deficiencies() -> None:
    platform = load_platform()
    case = sjaelland_case()
    explicit = (("Aftalen mangler en beskrivelse af almen praksis' rolle", "vejledningens afsnit 3.3"),)
    letter = letter_input_for(
        platform,
        case,
        "sa-2024",
        LetterKind.OBJECTION,
        dt.date(2024, 2, 8),
        deficiencies=explicit,
        remedy_deadline=dt.date(2024, 4, 15),
        remarks=("En bemærkning.",),
    )
    assert letter.deficiencies == explicit
    assert letter.remedy_deadline == dt.date(2024, 4, 15)
    assert letter.other_remarks == ("En bemærkning.",)


def test_no_letter_before_the_agreement_is_received() -> None:
    platform = load_platform()
    unreceived = agreement().model_copy(
        update={"submissions": (AgreementSubmission(submitted_on=dt.date(2023, 12, 20)),)}
    )
    case = sjaelland_case(unreceived)
    with pytest.raises(LetterError, match="received_on"):
        letter_input_for(platform, case, "sa-2024", LetterKind.RECEIPT, dt.date(2023, 12, 22))


def test_approval_waits_for_judgement_on_the_basis() -> None:
    """A target group without knowledge or data: the rule cannot decide the basis (afsnit 5.2) alone."""
    content = full_content()
    first, second = content.target_groups
    thin = content.model_copy(
        update={
            "target_groups": (first, second.model_copy(update={"knowledge_basis": (), "data_sources": ()}))
        }
    )
    case = sjaelland_case(agreement(content=thin))
    with pytest.raises(LetterError, match="faglig vurdering"):
        letter_input_for(load_platform(), case, "sa-2024", LetterKind.APPROVAL, dt.date(2024, 2, 8))


def test_compact_citation_reads_like_a_letter() -> None:
    framework = ("afsnit 4.1", *(f"afsnit 4.1, delelement {n}" for n in range(1, 9)), "§ 20")
    assert compact_citation(framework) == "vejledningens afsnit 4.1 og bekendtgørelsens § 20"
    assert compact_citation(("afsnit 3.2", "afsnit 5.3")) == "vejledningens afsnit 3.2 og afsnit 5.3"
    assert compact_citation(()) == ""
