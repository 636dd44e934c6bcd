"""Reading cross-references as Danish legal texts write them, before anything is looked up."""

from __future__ import annotations

import pytest

from sundhedsaftale.core.law._xref_scan import ActRole, scan_references


def one(text: str, *, unit_id: str = "sec_30__subsec_4", guidance: bool = False):  # type: ignore[no-untyped-def]
    (ref,) = scan_references(text, unit_id=unit_id, guidance=guidance)
    return ref


@pytest.mark.parametrize(
    ("text", "written", "unit_ids"),
    [
        ("…niveau, jf. § 10, stk. 4.", "§ 10, stk. 4", ("sec_10__subsec_4",)),
        ("jf. § 3, stk. 1, nr. 2.", "§ 3, stk. 1, nr. 2", ("sec_3__subsec_1__point_2",)),
        ("jf. § 7 stk. 2 i øvrigt", "§ 7 stk. 2", ("sec_7__subsec_2",)),
        ("som nævnt i §§ 2 og 9 har", "§§ 2 og 9", ("sec_2", "sec_9")),
        ("efter §§ 3-5 gælder", "§§ 3-5", ("sec_3", "sec_4", "sec_5")),
        (
            "jf. § 3, stk. 1, nr. 1–3.",
            "§ 3, stk. 1, nr. 1–3",
            tuple(f"sec_3__subsec_1__point_{n}" for n in (1, 2, 3)),
        ),
        ("jf. § 21, stk. 4, 1. pkt.", "§ 21, stk. 4, 1. pkt.", ("sec_21__subsec_4",)),
    ],
)
def test_section_references_in_an_order_are_its_own(
    text: str, written: str, unit_ids: tuple[str, ...]
) -> None:
    ref = one(text)
    assert ref.written == written
    assert ref.unit_ids == unit_ids
    assert ref.act.role is ActRole.OWN
    assert not ref.missing_sign


def test_missing_section_sign_is_read_and_marked() -> None:
    ref = one("høring, jf. 19, stk. 1 og fornyet høring", unit_id="sec_29__subsec_2")
    assert (ref.as_written, ref.unit_ids, ref.missing_sign) == ("jf. 19, stk. 1", ("sec_19__subsec_1",), True)


def test_a_count_of_pieces_is_not_a_reference() -> None:
    assert scan_references("der leveres 2 stk. udstyr", unit_id="sec_5", guidance=False) == []


@pytest.mark.parametrize(
    ("text", "unit_id", "unit_ids", "sentence"),
    [
        ("Hvor ikke andet aftales, jf. stk. 3, består", "sec_15__subsec_4", ("sec_15__subsec_3",), None),
        ("De i stk. 2 nævnte organisationer", "sec_25__subsec_3", ("sec_25__subsec_2",), None),
        ("jf. nr. 2", "sec_3__subsec_1__point_1", ("sec_3__subsec_1__point_2",), None),
        ("tidsfrist, jf. 1. pkt.", "sec_21__subsec_4", ("sec_21__subsec_4",), 1),
    ],
)
def test_a_subsection_point_or_sentence_alone_is_of_the_referring_unit(
    text: str, unit_id: str, unit_ids: tuple[str, ...], sentence: int | None
) -> None:
    ref = one(text, unit_id=unit_id)
    assert (ref.unit_ids, ref.sentence) == (unit_ids, sentence)


def test_a_postfix_names_the_act_of_every_joined_reference() -> None:
    text = (
        "I kommuner med mellemformsstyre med delt administrativ ledelse, jf. § 64 a, jf. § 65, i lov om kommunernes "
        "styrelse, henholdsvis magistratsstyre, jf. § 64 i den nævnte lov, beslutter kommunalbestyrelsen"
    )
    refs = scan_references(text, unit_id="sec_3__subsec_2", guidance=False)
    assert [(r.written, r.act.role, r.act.name) for r in refs] == [
        ("§ 64 a", ActRole.EXTERNAL, "lov om kommunernes styrelse"),
        ("§ 65", ActRole.EXTERNAL, "lov om kommunernes styrelse"),
        ("§ 64", ActRole.EXTERNAL, "lov om kommunernes styrelse"),
    ]


def test_a_prefix_names_the_act() -> None:
    for text in ("skal indgås, jf. sundhedslovens § 205, mellem", "jf. sundhedsloven § 204, stk. 3"):
        ref = one(text)
        assert (ref.act.role, ref.act.name) == (ActRole.EXTERNAL, "sundhedsloven")


def test_preamble_list_of_subsections_in_another_act() -> None:
    refs = scan_references(
        "I medfør af § 204 stk. 5, og § 205 stk. 2, og 4, i sundhedsloven, jf. lovbekendtgørelse nr. 210 af 27. "
        "januar 2022, som ændret ved lov nr. 910 af 21. juni 2022, fastsættes:",
        unit_id="preamble",
        guidance=False,
    )
    assert [(r.written, r.act.role, r.unit_ids) for r in refs[:2]] == [
        ("§ 204 stk. 5", ActRole.EXTERNAL, ("sec_204__subsec_5",)),
        ("§ 205 stk. 2, og 4", ActRole.EXTERNAL, ("sec_205__subsec_2", "sec_205__subsec_4")),
    ]
    assert [(r.act.role, r.act.kind, r.act.number, r.act.year) for r in refs[2:]] == [
        (ActRole.NAMED, "lovbekendtgørelse", 210, 2022),
        (ActRole.NAMED, "lov", 910, 2022),
    ]


@pytest.mark.parametrize(
    ("text", "role", "unit_ids"),
    [
        ("jf. bekendtgørelsens § 22 høringspart", ActRole.ORDER, ("sec_22",)),
        ("jf. bekendtgørelsen § 16, stk. 4 nedsætte", ActRole.ORDER, ("sec_16__subsec_4",)),
        (
            "og bekendtgørelse om sundhedssamarbejdsudvalg og sundhedsaftaler § 21.",
            ActRole.ORDER,
            ("sec_21",),
        ),
        ("Det fremgår af § 21, at", ActRole.ORDER, ("sec_21",)),  # a guidance has no §§ of its own
        ("(se afsnit 2.2.5.)", ActRole.OWN, ("sec_2.2.5",)),
        ("jf. vejledningens kapitel 3", ActRole.OWN, ("sec_3",)),
        ("(se nærmere herom i kapitel 3.6)", ActRole.OWN, ("sec_3.6",)),
        ("jf. afsnit 4.1, delelement 3", ActRole.OWN, ("sec_4.1__elem_3",)),
    ],
)
def test_guidance_references(text: str, role: ActRole, unit_ids: tuple[str, ...]) -> None:
    ref = one(text, unit_id="sec_2.2.3", guidance=True)
    assert (ref.act.role, ref.unit_ids) == (role, unit_ids)


def test_guidance_bare_section_after_another_act_is_of_that_act() -> None:
    refs = scan_references(
        "fastlagt i sundhedslovens § 203-205 og i bekendtgørelse nr. 1248 af 5. september 2022. "
        "Det fremgår af § 203 stk. 3, at",
        unit_id="sec_1",
        guidance=True,
    )
    assert [(r.written, r.act.role, r.act.name) for r in refs] == [
        ("§ 203-205", ActRole.EXTERNAL, "sundhedsloven"),
        (
            "bekendtgørelse nr. 1248 af 5. september 2022",
            ActRole.NAMED,
            "bekendtgørelse nr. 1248 af 5. september 2022",
        ),
        ("§ 203 stk. 3", ActRole.EXTERNAL, "sundhedsloven"),
    ]


def test_named_guidance_with_title_between_number_and_date() -> None:
    ref = one(
        "Vejledning nr. 9504 om sundhedskoordinationsudvalg og sundhedsaftaler af 4. juni 2018 ophæves."
    )
    assert (ref.act.role, ref.act.kind, ref.act.number, ref.act.year) == (
        ActRole.NAMED,
        "vejledning",
        9504,
        2018,
    )
