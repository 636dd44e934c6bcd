"""Legal changes as data (changes.yaml): L 214 (2024–25) ends the clusters, the health cooperation committees and
the health agreements "i deres nuværende form" from 1 January 2027 — a date known only from secondary sources [S],
so the end is *expected* until an administrator records the change as verified. Dates are pinned on both sides
of 1 January 2027; the patient involvement committee, not in L 214's title, is never ended."""

from __future__ import annotations

import datetime as D_
from pathlib import Path

import pytest

from sundhedsaftale.core import Platform
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.law import BodyTopic, EndState, Marker, load_changes, regime_on
from sundhedsaftale.core.obligations import ObligationStatus, obligations
from sundhedsaftale.core.rules import SubjectKind

from .test_obligations import agreement, by_id, case_of

D = D_.date
BEFORE, FROM = D(2026, 12, 31), D(2027, 1, 1)
L214 = "l214-2025"
VERIFIED = frozenset({L214})


# --- The data ------------------------------------------------------------------------------------------------


def test_l214_is_recorded_with_a_marker_per_fact(platform: Platform) -> None:
    change = platform.changes.get(L214)
    assert change is not None
    assert change.act.title_marker is Marker.VERIFIED
    assert change.act.status == "Stadfæstet"
    # LOV nr. 719 af 20. juni 2025 is an inference from consolidated texts: shown with [S].
    assert change.act.label() == "L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S]"
    assert change.url.startswith("https://www.ft.dk/samling/20241/lovforslag/l214/")
    ended = {b for e in change.ends for b in e.bodies}
    assert ended == {
        BodyTopic.HEALTH_CLUSTERS,
        BodyTopic.HEALTH_COOPERATION_COMMITTEES,
        BodyTopic.HEALTH_AGREEMENTS,
    }
    assert all(e.effective == FROM and e.date_marker is Marker.SECONDARY for e in change.ends)
    assert change.needs_verification
    assert change.marker is Marker.SECONDARY


def test_the_patient_involvement_committee_is_not_ended_by_l214(platform: Platform) -> None:
    change = platform.changes.get(L214)
    assert change is not None
    assert BodyTopic.PATIENT_INVOLVEMENT_COMMITTEES not in {b for e in change.ends for b in e.bodies}
    assert not any(
        p.unit_id.startswith(("sec_24", "sec_25", "sec_26", "sec_27"))
        for e in change.ends
        for p in e.provisions
    )
    assert change.continues == (BodyTopic.PATIENT_INVOLVEMENT_COMMITTEES,)


def test_overgangsloven_is_recorded_as_verified_and_ends_nothing(platform: Platform) -> None:
    change = platform.changes.get("overgangsloven-2025")
    assert change is not None
    assert change.act.label() == "L 213 (2024–25), LOV nr. 699 af 20. juni 2025"
    assert change.ends == ()
    assert not change.needs_verification


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "changes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_CHANGE = """\
changes:
  - id: test-change
    act: {{kind: lov, short: L 1, title: Testlov, title_marker: "[V]"}}
    url: https://example.org/l1
    ends:
      - {end}
"""


@pytest.mark.parametrize(
    ("end", "message"),
    [
        (
            '{bodies: [sundhedsklynger], what_marker: "[V]", basis: b, effective: "2027-13-01", '
            'date_marker: "[V]", date_basis: d}',
            "feltet 'changes[0].ends[0].effective'",
        ),
        (
            '{source: bek-1-1999, what_marker: "[V]", basis: b, effective: 2027-01-01, date_marker: "[V]", '
            "date_basis: d}",
            "ændringen 'test-change': ukendt kilde 'bek-1-1999'",
        ),
        (
            '{provisions: ["bek-1248-2022 § 99"], what_marker: "[V]", basis: b, effective: 2027-01-01, '
            'date_marker: "[V]", date_basis: d}',
            "'bek-1248-2022 § 99' findes ikke",
        ),
        (
            '{bodies: [sundhedsklynger], what_marker: "[?]", basis: b, effective: 2027-01-01, '
            'date_marker: "[V]", date_basis: d}',
            "et ophør markeret [?] kan ikke registreres",
        ),
        (
            '{what_marker: "[V]", basis: b, effective: 2027-01-01, date_marker: "[V]", date_basis: d}',
            "angiv hvad der ophører",
        ),
        (
            '{bodies: [regionsråd], what_marker: "[V]", basis: b, effective: 2027-01-01, '
            'date_marker: "[V]", date_basis: d}',
            "feltet 'changes[0].ends[0].bodies[0]'",
        ),
    ],
)
def test_a_bad_entry_names_file_line_entry_and_field(
    platform: Platform, tmp_path: Path, end: str, message: str
) -> None:
    path = _write(tmp_path, _CHANGE.format(end=end))
    with pytest.raises(DataFileError) as caught:
        load_changes(path, platform.corpus)
    assert caught.value.path == path
    assert caught.value.line == 6
    assert message in str(caught.value)


def test_an_end_read_in_the_law_text_applies_without_verification(platform: Platform, tmp_path: Path) -> None:
    end = (
        '{bodies: [sundhedsklynger], what_marker: "[V]", basis: b, effective: 2027-01-01, '
        'date_marker: "[V]", date_basis: d}'
    )
    changes = load_changes(_write(tmp_path, _CHANGE.format(end=end)), platform.corpus)
    found = changes.end_for(FROM, topic=BodyTopic.HEALTH_CLUSTERS)
    assert found is not None
    assert found.state is EndState.ENDED
    assert changes.end_for(BEFORE, topic=BodyTopic.HEALTH_CLUSTERS) is None


# --- Rules ---------------------------------------------------------------------------------------------------


def test_rules_on_31_december_2026_carry_no_change(platform: Platform) -> None:
    book = platform.rulebook
    assert all(end is None for _, end in book.rules_on(BEFORE))
    assert all(end is None for _, end in book.rules_on(BEFORE, verified=VERIFIED))
    assert book.in_force(BEFORE, verified=VERIFIED) == book.in_force(BEFORE)


def test_unverified_end_on_1_january_2027_keeps_the_rules_with_a_warning(platform: Platform) -> None:
    book = platform.rulebook
    assert book.in_force(FROM) == book.in_force(BEFORE)
    ends = {r.id: end for r, end in book.rules_on(FROM)}
    end = ends["aftale.indsendelsesfrist"]  # § 21, stk. 1
    assert end is not None
    assert end.state is EndState.EXPECTED
    assert end.label().startswith("forventet bortfald pr. 1. januar 2027 (kilde: L 214 (2024–25)")
    assert "kan være afløst" in end.label()
    assert ends["region.sundhedsklynger"] is not None  # § 1, stk. 1 through the provisions
    assert ends["udvalg.moeder"] is not None  # § 17


def test_verified_end_removes_the_rules_from_1_january_2027(platform: Platform) -> None:
    book = platform.rulebook
    in_force = {r.id for r in book.in_force(FROM, verified=VERIFIED)}
    assert "aftale.indsendelsesfrist" not in in_force
    assert "klynge.politisk.moeder" not in in_force
    assert "udvalg.findes" not in in_force
    ended = {r.id: end for r, end in book.rules_on(FROM, verified=VERIFIED) if end is not None}
    assert ended["aftale.indsendelsesfrist"].label() == (
        "bortfaldet pr. 1. januar 2027 (L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S])"
    )


def test_patient_involvement_committee_rules_continue_after_1_january_2027(platform: Platform) -> None:
    book = platform.rulebook
    piu = [r for r in book.rules if r.subject is SubjectKind.PATIENT_COMMITTEE or r.id == "pi-udvalg.findes"]
    assert piu
    in_force = {r.id for r in book.in_force(FROM, verified=VERIFIED)}
    assert all(r.id in in_force for r in piu)
    assert all(book.end_of(r, FROM) is None for r in piu)


def test_findings_carry_the_expected_end_and_leave_out_ended_rules(platform: Platform) -> None:
    case = case_of(agreement())
    before = platform.rulebook.evaluate(case, BEFORE)
    assert not any(f.legal_change for f in before)
    expected = platform.rulebook.evaluate(case, FROM)
    deadline = next(f for f in expected if f.rule_id == "aftale.indsendelsesfrist")
    assert deadline.legal_change_state == "expected"
    assert deadline.legal_change.startswith("forventet bortfald pr. 1. januar 2027")
    piu = [f for f in expected if f.subject.kind is SubjectKind.PATIENT_COMMITTEE]
    assert piu
    assert not any(f.legal_change for f in piu)
    verified = platform.rulebook.evaluate(case, FROM, verified=VERIFIED)
    assert not any(f.rule_id == "aftale.indsendelsesfrist" for f in verified)
    assert any(f.subject.kind is SubjectKind.PATIENT_COMMITTEE for f in verified)


# --- Obligations and deadlines -------------------------------------------------------------------------------


def test_final_status_2024_2027_and_2027_submission_expected_to_lapse(platform: Platform) -> None:
    items = by_id(obligations(platform, case_of(agreement()), D(2026, 12, 1)))
    final = items["a1:slutstatus"]  # kapitel 6; due mid-2027
    assert final.due == D(2027, 6, 30)
    assert final.status is ObligationStatus.DUE
    assert final.legal_change_state == "expected"
    assert final.legal_change.startswith("forventet bortfald pr. 1. januar 2027 (kilde: L 214 (2024–25)")
    submission = items["1085:sundhedsaftale-2026:indsendelse"]  # § 21, stk. 1: 1 July 2027
    assert submission.due == D(2027, 7, 1)
    assert submission.legal_change_state == "expected"
    # A duty falling due in 2026 is not touched.
    assert items["a1:aarlig-gennemgang:2026"].legal_change == ""


def test_verified_change_ends_the_2027_duties_without_dropping_them(platform: Platform) -> None:
    items = by_id(obligations(platform, case_of(agreement()), D(2026, 12, 1), verified=VERIFIED))
    final = items["a1:slutstatus"]
    assert final.status is ObligationStatus.ENDED
    assert final.status.label == "Bortfaldet"
    assert (
        final.legal_change
        == "bortfaldet pr. 1. januar 2027 (L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S])"
    )
    assert not final.warning(D(2027, 6, 29))
    assert items["1085:sundhedsaftale-2026:indsendelse"].status is ObligationStatus.ENDED
    assert items["a1:aarlig-gennemgang:2026"].status is not ObligationStatus.ENDED


def test_patient_committee_meetings_of_2027_are_not_ended(platform: Platform) -> None:
    items = by_id(obligations(platform, case_of(agreement()), D(2027, 3, 1), verified=VERIFIED))
    assert items["patient_committee:moeder:2027"].status is not ObligationStatus.ENDED
    assert items["patient_committee:moeder:2027"].legal_change == ""
    assert items["committee:moeder:2027"].status is ObligationStatus.ENDED


# --- The regime on a date ------------------------------------------------------------------------------------


def test_regime_on_31_december_2026(platform: Platform) -> None:
    regime = regime_on(platform.corpus, platform.changes, BEFORE)
    assert not regime.changed
    assert {s.source.id for s in regime.sources} == {"bek-1248-2022", "vej-9008-2024"}
    assert len(regime.upcoming) == 3
    assert [t for t, _ in regime.continuing] == list(BodyTopic)


def test_regime_on_1_january_2027_unverified_and_verified(platform: Platform) -> None:
    unverified = regime_on(platform.corpus, platform.changes, FROM)
    assert unverified.ended == ()
    assert len(unverified.expected) == 3
    assert [t for t, _ in unverified.continuing] == [BodyTopic.PATIENT_INVOLVEMENT_COMMITTEES]
    assert "ikke nævnt" in unverified.continuing[0][1]
    verified = regime_on(platform.corpus, platform.changes, FROM, verified=VERIFIED)
    assert len(verified.ended) == 3
    assert verified.expected == ()
    order = next(s for s in verified.sources if s.source.id == "bek-1248-2022")
    assert order.partly_ended  # the order stays in force for the patient involvement committee
