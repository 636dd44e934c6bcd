"""The law's own defects: every cross-reference in the unit texts resolved and classified, named by provision.

Figures measured on the shipped texts (asserted below, so a change to the texts or the scanner shows up here):
bek. nr. 1248/2022 has 36 references, 26 to sources the platform holds (25 of them resolve), 10 to other acts;
vejledning nr. 9008/2024 has 49, 40 to sources the platform holds (all resolve, among them every reference to the
order), 9 to other acts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sundhedsaftale.core import Platform
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.law import (
    CrossReference,
    CrossReferenceReport,
    LawCorpus,
    ReferenceStatus,
    check_cross_references,
    load_reviewed_references,
)
from sundhedsaftale.data import DATA_DIR

ORDER = "bek-1248-2022"
GUIDANCE = "vej-9008-2024"
REVIEWED = DATA_DIR / "law" / "reviewed-references.yaml"


@pytest.fixture(scope="module")
def automatic(platform: Platform) -> CrossReferenceReport:
    """The check with no reviewed table: what the platform finds by itself."""
    return check_cross_references(platform.corpus)


def defect(report: CrossReferenceReport, unit_key: str, written: str) -> CrossReference:
    (found,) = [r for r in report.defects() if r.unit.key() == unit_key and r.written == written]
    return found


def mutated(corpus: LawCorpus, key: str, old: str, new: str) -> LawCorpus:
    """The corpus with one unit's text changed, as a fixture for a new broken reference."""
    source_id, unit_id = key.split("/")
    units = []
    for source in corpus.sources.values():
        for unit in corpus.units(source.id):
            if (unit.source_id, unit.id) == (source_id, unit_id):
                assert old in unit.text
                unit = replace(unit, text=unit.text.replace(old, new, 1))
            units.append(unit)
    return LawCorpus(corpus.sources.values(), units)


# -- the four known defects of the order ------------------------------------------------------------------------
def test_sec_30_subsec_4_points_at_sec_10_subsec_4_instead_of_subsec_1_point_4(
    platform: Platform, automatic: CrossReferenceReport
) -> None:
    found = defect(platform.cross_references, f"{ORDER}/sec_30__subsec_4", "jf. § 10, stk. 4")
    assert found.status is ReferenceStatus.WRONG_UNIT
    assert [t.key() for t in found.targets] == [f"{ORDER}/sec_10__subsec_4"]
    assert found.intended is not None
    assert found.intended.key() == f"{ORDER}/sec_10__subsec_1__point_4"
    assert "underudvalg og arbejdsgrupper" in found.explanation
    # Found without the reviewed table too: § 10, stk. 1, nr. 4 refers back to § 30, stk. 4; § 10, stk. 4 does not.
    by_itself = defect(automatic, f"{ORDER}/sec_30__subsec_4", "jf. § 10, stk. 4")
    assert by_itself.status is ReferenceStatus.WRONG_UNIT
    assert by_itself.intended == found.intended
    assert "henviser netop til § 30, stk. 4" in by_itself.explanation


def test_sec_19_subsec_3_cites_sec_34_which_the_order_does_not_have(
    platform: Platform, automatic: CrossReferenceReport
) -> None:
    found = defect(platform.cross_references, f"{ORDER}/sec_19__subsec_3", "jf. § 34")
    assert found.status is ReferenceStatus.DOES_NOT_RESOLVE
    assert found.missing == ("§ 34",)
    assert "(den går fra § 1 til § 31)" in found.explanation
    assert found.intended is not None
    assert found.intended.key() == f"{ORDER}/sec_29__subsec_1"
    # By itself the check suggests the same unit from the wording the two provisions share.
    by_itself = defect(automatic, f"{ORDER}/sec_19__subsec_3", "jf. § 34")
    assert by_itself.intended == found.intended
    assert "forventninger og forslag til indholdet i sundhedsaftalen" in by_itself.explanation


def test_sec_29_subsec_2_lacks_the_section_sign_but_resolves_to_sec_19_subsec_1(
    platform: Platform, automatic: CrossReferenceReport
) -> None:
    for report in (platform.cross_references, automatic):
        found = defect(report, f"{ORDER}/sec_29__subsec_2", "jf. 19, stk. 1")
        assert found.status is ReferenceStatus.MALFORMED
        assert [t.key() for t in found.targets] == [f"{ORDER}/sec_19__subsec_1"]
        assert "uden §-tegn" in found.explanation


def test_sec_28_subsec_1_point_1_cites_sec_16_subsec_5_for_the_committees_subject_areas(
    platform: Platform, automatic: CrossReferenceReport
) -> None:
    found = defect(platform.cross_references, f"{ORDER}/sec_28__subsec_1__point_1", "jf. § 16, stk. 5")
    assert found.status is ReferenceStatus.WRONG_UNIT
    assert found.intended is not None
    assert found.intended.key() == f"{ORDER}/sec_15__subsec_2"
    assert found.reviewed
    assert "Gennemgang" in found.established_by
    # This one takes reading § 16, stk. 5: by itself the check sees a reference that resolves.
    (plain,) = [
        r for r in automatic.in_source(ORDER) if r.unit.unit_id == "sec_28__subsec_1__point_1" and r.targets
    ]
    assert plain.status is ReferenceStatus.RESOLVES


def test_the_order_has_exactly_the_four_known_defects(platform: Platform) -> None:
    assert {(d.unit_label, d.written, d.status) for d in platform.cross_references.defects(ORDER)} == {
        ("§ 19, stk. 3", "jf. § 34", ReferenceStatus.DOES_NOT_RESOLVE),
        ("§ 28, stk. 1, nr. 1", "jf. § 16, stk. 5", ReferenceStatus.WRONG_UNIT),
        ("§ 29, stk. 2", "jf. 19, stk. 1", ReferenceStatus.MALFORMED),
        ("§ 30, stk. 4", "jf. § 10, stk. 4", ReferenceStatus.WRONG_UNIT),
    }


def test_figures_for_the_order_and_no_valid_reference_flagged(platform: Platform) -> None:
    report = platform.cross_references
    figures = report.figures(ORDER)
    assert (figures["total"], figures["checked"], figures["resolving"], figures["external"]) == (
        36,
        26,
        25,
        10,
    )
    assert figures["defects"] == 4
    flagged = {(r.unit_label, r.written) for r in report.defects(ORDER)}
    valid = [r for r in report.in_source(ORDER) if (r.unit_label, r.written) not in flagged]
    assert all(r.status in (ReferenceStatus.RESOLVES, ReferenceStatus.EXTERNAL) for r in valid)
    written = {(r.unit_label, r.written): r for r in valid}
    # Forms that must resolve: a stk. of the same §, a sentence, two refs joined, no comma before stk.
    assert written[("§ 15, stk. 4", "jf. stk. 3")].target_labels == ("§ 15, stk. 3",)
    assert written[("§ 25, stk. 3", "stk. 2")].target_labels == ("§ 25, stk. 2",)
    assert written[("§ 21, stk. 4", "jf. 1. pkt.")].target_labels == ("§ 21, stk. 4, 1. pkt.",)
    assert written[("§ 30, stk. 5", "jf. § 7 stk. 2")].target_labels == ("§ 7, stk. 2",)
    assert written[("§ 30, stk. 5", "§ 10 stk. 5")].target_labels == ("§ 10, stk. 5",)
    # Other acts are external and never flagged.
    assert written[("§ 3, stk. 2", "jf. § 64 a")].act == "lov om kommunernes styrelse"
    assert written[("§ 3, stk. 2", "jf. § 64")].act == "lov om kommunernes styrelse"  # "i den nævnte lov"
    assert written[("§ 2, stk. 2, nr. 2", "§ 205")].act == "sundhedsloven"
    assert written[("§ 28, stk. 1, nr. 2", "§ 206 a")].status is ReferenceStatus.EXTERNAL
    # A repealed order named by number and date resolves to the source the platform knows.
    repealed = written[("§ 31, stk. 3", "bekendtgørelse nr. 679 af 30. maj 2018")]
    assert (repealed.status, repealed.target_source) == (ReferenceStatus.RESOLVES, "bek-679-2018")


# -- the guidance and its references to the order ---------------------------------------------------------------
def test_guidance_references_to_the_order_all_resolve(platform: Platform) -> None:
    report = platform.cross_references
    to_order = [r for r in report.in_source(GUIDANCE) if r.target_source == ORDER]
    assert len(to_order) == 19  # 18 §-references and "bekendtgørelse nr. 1248 af 5. september 2022"
    assert all(r.status is ReferenceStatus.RESOLVES for r in to_order)
    cited = {(r.unit_label, r.written): r.target_labels for r in to_order}
    assert cited[("afsnit 2.2.3", "§ 22")] == ("§ 22",)  # "jf. bekendtgørelsens § 22"
    assert cited[("afsnit 2.1.7", "§ 30")] == ("§ 30",)  # "bekendtgørelsens § 30"
    assert cited[("afsnit 2.1", "§§ 2 og 9")] == ("§ 2", "§ 9")
    assert cited[("afsnit 5.1", "§ 21")] == ("§ 21",)  # "bekendtgørelse om sundhedssamarbejdsudvalg … § 21"


def test_guidance_bare_section_belongs_to_the_act_cited_just_before(platform: Platform) -> None:
    # Kapitel 1: "… fastlagt i sundhedslovens § 203-205 … Det fremgår af § 203 stk. 3, at …" – sundhedsloven's.
    (ref,) = [r for r in platform.cross_references.in_source(GUIDANCE) if r.written == "§ 203 stk. 3"]
    assert (ref.status, ref.act) == (ReferenceStatus.EXTERNAL, "sundhedsloven")


def test_guidance_defects_are_the_five_reviewed_chapter_references(platform: Platform) -> None:
    report = platform.cross_references
    figures = report.figures(GUIDANCE)
    assert (figures["total"], figures["checked"], figures["resolving"], figures["external"]) == (
        49,
        40,
        40,
        9,
    )
    defects = report.defects(GUIDANCE)
    assert sorted((d.unit_label, d.written, d.intended_label) for d in defects) == [
        ("afsnit 1.1", "jf. kapitel 4", "afsnit 3.2"),  # the common goals
        ("afsnit 1.1", "kapitel 3", "afsnit 4.1"),  # the framework for collaboration agreements
        ("afsnit 1.1", "kapitel 4", "afsnit 3.3"),  # general practice in the agreement
        ("afsnit 5.5", "jf. kapitel 5", "kapitel 6"),  # midterm and final status
        ("afsnit 5.5", "jf. kapitel 5", "kapitel 6"),
    ]
    assert all(d.reviewed and d.status is ReferenceStatus.WRONG_UNIT for d in defects)


def test_a_page_shows_the_defects_of_its_parts(platform: Platform) -> None:
    report = platform.cross_references
    section_30 = platform.corpus.resolve("§ 30")
    assert [d.unit_label for d in report.defects_within(section_30)] == ["§ 30, stk. 4"]
    assert report.defects_within(platform.corpus.resolve("§ 10")) == []
    assert len(report.defects_within(platform.corpus.resolve("kapitel 5"))) == 2


# -- a new broken reference is caught by the automatic part -----------------------------------------------------
@pytest.mark.parametrize(
    ("key", "old", "new", "status", "missing"),
    [
        (f"{ORDER}/sec_20", "jf. § 23", "jf. § 32", ReferenceStatus.DOES_NOT_RESOLVE, ("§ 32",)),
        (
            f"{ORDER}/sec_4",
            "§ 3, stk. 1, nr. 2",
            "§ 3, stk. 1, nr. 5",
            ReferenceStatus.DOES_NOT_RESOLVE,
            ("§ 3, stk. 1, nr. 5",),
        ),
        (
            f"{ORDER}/sec_15__subsec_4",
            "jf. stk. 3",
            "jf. stk. 7",
            ReferenceStatus.DOES_NOT_RESOLVE,
            ("§ 15, stk. 7",),
        ),
        (
            f"{ORDER}/sec_21__subsec_4",
            "jf. 1. pkt.",
            "jf. 3. pkt.",
            ReferenceStatus.DOES_NOT_RESOLVE,
            ("§ 21, stk. 4, 3. pkt.",),
        ),
        (f"{ORDER}/sec_16__subsec_5", "jf. § 29", "jf. 29, stk. 1", ReferenceStatus.MALFORMED, ()),
        (
            f"{GUIDANCE}/sec_3.2",
            "§ 19, stk. 2",
            "§ 19, stk. 9",
            ReferenceStatus.DOES_NOT_RESOLVE,
            ("§ 19, stk. 9",),
        ),
        (
            f"{GUIDANCE}/sec_2.1.5",
            "afsnit 2.2.5",
            "afsnit 2.2.15",
            ReferenceStatus.DOES_NOT_RESOLVE,
            ("afsnit 2.2.15",),
        ),
    ],
)
def test_a_mutated_unit_text_gives_a_new_defect(
    platform: Platform, key: str, old: str, new: str, status: ReferenceStatus, missing: tuple[str, ...]
) -> None:
    report = check_cross_references(mutated(platform.corpus, key, old, new))
    (found,) = [d for d in report.defects() if d.unit.key() == key]
    assert found.status is status
    assert found.missing == missing
    assert found.established_by.startswith("Platformens automatiske kontrol")


def test_missing_unit_names_what_the_parent_has(platform: Platform) -> None:
    report = check_cross_references(mutated(platform.corpus, f"{ORDER}/sec_4", "nr. 2", "nr. 5"))
    (found,) = [d for d in report.defects() if d.unit.unit_id == "sec_4"]
    assert "§ 3, stk. 1 har § 3, stk. 1, nr. 1, § 3, stk. 1, nr. 2, § 3, stk. 1, nr. 3" in found.explanation


def test_a_corrected_reference_is_no_longer_flagged(platform: Platform) -> None:
    fixed = mutated(platform.corpus, f"{ORDER}/sec_30__subsec_4", "§ 10, stk. 4", "§ 10, stk. 1, nr. 4")
    report = check_cross_references(fixed)
    assert [d.unit_label for d in report.defects(ORDER)] == ["§ 19, stk. 3", "§ 29, stk. 2"]


# -- the reviewed table is checked against the texts ------------------------------------------------------------
def _table(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "reviewed-references.yaml"
    path.write_text(f"reviewed:\n{row}", encoding="utf-8")
    return path


ROW = """  - unit: bek-1248-2022/sec_28__subsec_1__point_1
    written: "{written}"
    verdict: {verdict}
    intended: "{intended}"
    reason: "Sundhedssamarbejdsudvalgets emner står i § 15, stk. 2."
    established_by: Test
    established_on: 2026-12-03
"""


def test_a_row_whose_reference_is_not_in_the_text_stops_loading_with_file_and_line(
    platform: Platform, tmp_path: Path
) -> None:
    path = _table(
        tmp_path, ROW.format(written="jf. § 16, stk. 6", verdict="wrong_unit", intended="§ 15, stk. 2")
    )
    rows = load_reviewed_references(path, platform.corpus)
    with pytest.raises(
        DataFileError, match=r"linje 2: § 28, stk. 1, nr. 1 .* indeholder ingen henvisning"
    ) as error:
        check_cross_references(platform.corpus, rows)
    assert error.value.path == path


def test_a_row_the_check_contradicts_stops_loading(platform: Platform, tmp_path: Path) -> None:
    path = _table(
        tmp_path, ROW.format(written="jf. § 16, stk. 5", verdict="does_not_resolve", intended="§ 15, stk. 2")
    )
    with pytest.raises(DataFileError, match=r"rækken siger 'does_not_resolve'.*kontrollen finder 'resolves'"):
        check_cross_references(platform.corpus, load_reviewed_references(path, platform.corpus))


def test_a_row_naming_an_intended_unit_that_does_not_exist_names_the_line(
    platform: Platform, tmp_path: Path
) -> None:
    path = _table(
        tmp_path, ROW.format(written="jf. § 16, stk. 5", verdict="wrong_unit", intended="§ 15, stk. 9")
    )
    with pytest.raises(DataFileError, match=r"linje 5: .*findes ikke"):
        load_reviewed_references(path, platform.corpus)


def test_a_row_can_overrule_the_automatic_wrong_unit_test(platform: Platform, tmp_path: Path) -> None:
    row = ROW.replace("sec_28__subsec_1__point_1", "sec_30__subsec_4").format(
        written="jf. § 10, stk. 4", verdict="correct", intended="§ 10, stk. 4"
    )
    report = check_cross_references(
        platform.corpus, load_reviewed_references(_table(tmp_path, row), platform.corpus)
    )
    (ref,) = [r for r in report.in_source(ORDER) if r.unit.unit_id == "sec_30__subsec_4"]
    assert (ref.status, ref.reviewed, ref.established_by) == (ReferenceStatus.RESOLVES, True, "Test")


def test_the_shipped_table_loads_and_every_row_names_who_established_it(platform: Platform) -> None:
    rows = load_reviewed_references(REVIEWED, platform.corpus)
    assert len(rows) == 9
    assert all(row.established_by and row.reason for row in rows)
