"""The audit log as sentences: who did what to which record, with the changed fields as label: before → after,
in Danish and in English; every action code the platform writes has its sentence, an unknown one a neutral one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.core.lifecycle import Step
from sundhedsaftale.web.audit_sentences import SENTENCES, audit_lines

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "sundhedsaftale"
BODY = "holbaek-political"  # the political level of the sjaelland fixture


@pytest.fixture(autouse=True)
def _danish() -> Iterator[None]:
    # The sentences are made in the language of the request; outside one, Danish as the platform's default.
    with translation.override("da"):
        yield


def _written_action_codes() -> set[str]:
    """Every action code the code base writes to the audit log."""
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'\baction="([a-z_]+)"', text))
        codes |= set(re.findall(r'_audit\(\s*actor,\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'_audit\(\s*\n\s*actor,\s*\n\s*"([a-z_]+)"', text))
    codes.discard("store_true")  # argparse, not the audit log
    codes |= {f"agreement_{step.value}" for step in Step}
    return codes


def test_every_action_code_the_platform_writes_has_a_sentence() -> None:
    missing = sorted(_written_action_codes() - set(SENTENCES))
    assert missing == []


def _line(entry: AuditEntry):
    (line,) = audit_lines([entry])
    return line


def test_adding_a_general_practitioner_reads_as_a_sentence_naming_person_role_and_body(
    sjaelland, users
) -> None:
    users["sjaelland"].first_name, users["sjaelland"].last_name = "Anne", "Jensen"
    users["sjaelland"].save()
    entry = record_change(
        actor=users["sjaelland"],
        action="membership_add",
        object_type="membership",
        object_id=1,
        region_code="1085",
        after={
            "key": "m-1",
            "body": BODY,
            "person": "p-1",
            "person_name": "Mette Hansen",
            "role": "general_practitioner",
            "appointed_by": "plo",
            "chair": False,
            "start": "2026-01-01",
            "end": None,
            "version": 1,
        },
    )
    line = _line(entry)
    assert line.sentence == (
        "Anne Jensen tilføjede Mette Hansen som praktiserende læge i Sundhedsklyngen Holbæk – politisk niveau."
    )
    changes = {c.label: (c.before, c.after) for c in line.changes}
    assert changes["Rolle"] == ("", "Praktiserende læge")
    assert changes["Udpeget af"][1] != "plo"
    assert changes["Fra"] == ("", "1. januar 2026")
    assert "Version" not in changes
    assert "Formand" not in changes  # a false flag on a new record is no change


def test_a_changed_decision_shows_label_and_value_in_words_before_and_after(sjaelland, users) -> None:
    before = {"parameter": "agreement.review_weeks", "value": 8, "reference": "A", "version": 1}
    entry = record_change(
        actor=users["sjaelland"],
        action="decision_update",
        object_type="local_decision",
        object_id="d",
        region_code="1085",
        before=before,
        after={**before, "value": 10, "reference": "B", "version": 2},
    )
    line = _line(entry)
    assert "Sundhedsstyrelsens frist for at godkende sundhedsaftalen" in line.sentence
    changes = {c.label: (c.before, c.after) for c in line.changes}
    assert changes == {"Værdi": ("8 uger", "10 uger"), "Reference": ("A", "B")}


def test_an_unknown_action_code_gets_a_neutral_sentence_and_no_dump(sjaelland, users) -> None:
    entry = record_change(
        actor=users["sjaelland"],
        action="something_new",
        object_type="thing",
        object_id="x",
        region_code="1085",
        after={"flag": True, "items": ["a", "b"]},
    )
    line = _line(entry)
    assert line.sentence == "Sjaelland foretog en ændring."
    assert [(c.label, c.after) for c in line.changes] == [("Flag", "ja"), ("Items", "a og b")]


def test_the_sentences_are_in_english_in_english_mode(sjaelland, users) -> None:
    entry = record_change(
        actor=users["sjaelland"],
        action="membership_end",
        object_type="membership",
        object_id=1,
        region_code="1085",
        before={"body": BODY, "person_name": "Mette Hansen", "role": "general_practitioner", "end": None},
        after={
            "body": BODY,
            "person_name": "Mette Hansen",
            "role": "general_practitioner",
            "end": "2026-06-30",
        },
    )
    with translation.override("en"):
        line = _line(entry)
        assert line.sentence == (
            "Sjaelland ended Mette Hansen as general practitioner in Sundhedsklyngen Holbæk – politisk niveau."
        )
        assert [(c.label, c.before, c.after) for c in line.changes] == [("To", "–", "June 30, 2026")]


def test_the_audit_page_shows_sentences_and_keeps_codes_in_the_technical_details(
    sjaelland, users, login
) -> None:
    record_change(
        actor=users["sjaelland"],
        action="body_update",
        object_type="body",
        object_id=BODY,
        region_code="1085",
        before={"name": "Gammelt navn", "version": 1},
        after={"name": "Nyt navn", "version": 2},
    )
    html = login("sjaelland").get("/revisionsspor/").content.decode()
    assert "Sjaelland ændrede Nyt navn." in html
    assert 'Gammelt navn</span> <span aria-hidden="true">→</span>' in html
    technical = re.search(r"<details[^>]*data-technical.*?</details>", html, flags=re.S)
    assert technical is not None
    assert "<code>body_update</code>" in technical.group(0)
