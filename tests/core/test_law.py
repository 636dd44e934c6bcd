"""The law as data: units addressable by the citations people write, with their validity."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.core.errors import CitationError
from sundhedsaftale.core.law import parse_reference


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("§ 10, stk. 1, nr. 4", ("bek-1248-2022", "sec_10__subsec_1__point_4")),
        ("§ 21 stk. 1", ("bek-1248-2022", "sec_21__subsec_1")),
        ("§4", ("bek-1248-2022", "sec_4")),
        ("afsnit 3.2", ("vej-9008-2024", "sec_3.2")),
        ("vejledningens afsnit 2.2.7", ("vej-9008-2024", "sec_2.2.7")),
        ("afsnit 4.1, delelement 3", ("vej-9008-2024", "sec_4.1__elem_3")),
        ("kapitel 6", ("vej-9008-2024", "sec_6")),
        ("bek-1248-2022 § 31, stk. 3", ("bek-1248-2022", "sec_31__subsec_3")),
        ("bek-1248-2022/sec_10__subsec_1", ("bek-1248-2022", "sec_10__subsec_1")),
    ],
)
def test_written_citations_parse_to_unit_ids(written: str, expected: tuple[str, str]) -> None:
    assert parse_reference(written) == expected


def test_unreadable_citation_says_which_forms_are_accepted() -> None:
    with pytest.raises(CitationError, match=r"kan ikke læses.*§ 10, stk\. 1, nr\. 4"):
        parse_reference("paragraf ti")


def test_provision_shows_exact_text_of_the_order(platform) -> None:
    unit = platform.corpus.resolve("§ 10, stk. 1, nr. 4")
    assert unit.text == "2 repræsentanter for patienter og pårørende, jf. § 30, stk. 4."
    assert platform.corpus.label(unit.citation) == "§ 10, stk. 1, nr. 4 (bek. nr. 1248 af 5. september 2022)"


def test_full_text_of_a_paragraph_includes_its_points(platform) -> None:
    text = platform.corpus.full_text(platform.corpus.resolve("§ 25, stk. 2"))
    assert text.startswith("Udvalget består af:")
    assert "3) 1 medlem udpeget af Regionsældrerådet, og" in text
    assert "4) 1 medlem udpeget af Ældre Sagen." in text


def test_guidance_section_has_heading_and_text(platform) -> None:
    unit = platform.corpus.resolve("afsnit 2.2.7")
    assert unit.heading == "Deltagere"
    assert "som samtidig er den kommunale formand i sundhedsklyngen" in unit.text


def test_citation_to_missing_unit_names_what_exists(platform) -> None:
    with pytest.raises(
        CitationError,
        match=r"findes ikke.*§ 3, stk. 1 har § 3, stk. 1, nr. 1, § 3, stk. 1, nr. 2, § 3, stk. 1, nr. 3",
    ):
        platform.corpus.resolve("§ 3, stk. 1, nr. 9")


def test_predecessors_are_registered_without_text(platform) -> None:
    old = platform.corpus.sources["bek-679-2018"]
    assert not old.has_text
    assert old.replaced_by == "bek-1248-2022"
    assert old.validity.end == dt.date(2022, 9, 7)
    with pytest.raises(CitationError, match="uden tekst"):
        platform.corpus.resolve("bek-679-2018 § 1")
    assert platform.corpus.sources["vej-9504-2018"].validity.end == dt.date(2024, 1, 11)


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        (dt.date(2022, 9, 7), {"bek-679-2018", "bek-256-2014", "bek-257-2014", "vej-9504-2018"}),
        (dt.date(2022, 9, 8), {"bek-1248-2022", "vej-9504-2018"}),
        (dt.date(2024, 1, 11), {"bek-1248-2022", "vej-9504-2018"}),
        (dt.date(2024, 1, 12), {"bek-1248-2022", "vej-9008-2024"}),
    ],
)
def test_sources_in_force_follow_their_validity(platform, day: dt.date, in_force: set[str]) -> None:
    assert {s.id for s in platform.corpus.sources_in_force(day)} == in_force


def test_order_also_governs_agreements_made_under_2018_order(platform) -> None:
    (transitional,) = platform.corpus.sources["bek-1248-2022"].also_governs
    assert transitional.agreements_under == "bek-679-2018"
    unit = platform.corpus.resolve(f"bek-1248-2022 {transitional.citation}")
    assert "bekendtgørelse nr. 679 af 30. maj 2018" in unit.text


def test_every_unit_label_reads_back_to_its_id(platform) -> None:
    for source in platform.corpus.sources.values():
        for unit in platform.corpus.units(source.id):
            if unit.id not in ("title", "preamble", "signature"):
                assert parse_reference(f"{source.id} {unit.label}") == (source.id, unit.id)
