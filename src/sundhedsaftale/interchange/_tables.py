"""The tables of a region's governance, shared by the XLSX and CSV formats.

A case becomes six tables (one per sheet) of plain cells: texts, whole numbers, dates and ``None``; Danish
labels for enumerations and ``ja``/``nej`` for booleans. Reading goes the other way and checks every cell,
every reference and every id, collecting all problems before any :class:`RegionCase` is built.

Order is kept both ways: bodies, members within a body, meetings, agenda items and attendance within a meeting,
and decisions come back in the order of their rows, so an exported and re-imported case equals the original.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sundhedsaftale.core.case import (
    AgendaItem,
    AppointingBody,
    Attendance,
    Body,
    BodyKind,
    Decision,
    DecisionMaker,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Membership,
    OfferResponse,
    RegionCase,
    Relevance,
    Representation,
)
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.rules import Rulebook

from ._body_facts import body_fact_cells, body_facts, seat_offers_by_body
from ._errors import InterchangeError, Problem
from ._versions import VERSION_HEADER, Placed, stale_rows

__all__ = [
    "ABOUT_SHEET",
    "AGENDA",
    "AS_OF_LABEL",
    "ATTENDANCE",
    "BODIES",
    "DECISIONS",
    "ENUMERATIONS",
    "LISTS_SHEET",
    "MEETINGS",
    "MEMBERS",
    "SHEETS",
    "Cell",
    "Column",
    "Kind",
    "Labels",
    "RawSheet",
    "SheetSpec",
    "about_rows",
    "build_case",
    "case_tables",
    "cell_text",
    "sheet_lists",
]

Cell = str | int | float | bool | dt.date | None
"""A cell as the formats carry it; ``dt.datetime`` (a ``dt.date``) is what openpyxl reads for a date cell."""

ABOUT_SHEET = "Om"
AS_OF_LABEL = "Data pr."
LISTS_SHEET = "Lister"
FILE_FORMAT = "1"
YES, NO = "ja", "nej"
_TRUE = frozenset({"ja", "j", "sand", "true", "yes", "1", "x"})
_FALSE = frozenset({"nej", "n", "falsk", "false", "no", "0"})


class Kind(Enum):
    ID = "id"  # an identifier: text, stripped, numbers read as text
    TEXT = "text"  # a short text, stripped
    LONGTEXT = "longtext"  # a long text (minutes, descriptions), kept as written
    CODE = "code"  # a municipality code
    ENUM = "enum"  # a Danish label from a fixed list
    DATE = "date"
    BOOL = "bool"  # ja/nej
    NUMBER = "number"  # a whole number, 1 or more
    VALUE = "value"  # a decision's value: number, ja/nej, date or JSON


E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Labels:
    """The Danish labels of one enumeration, in the enumeration's order."""

    noun: str  # "rolle": used in messages ("… er ikke en kendt rolle")
    by_value: Mapping[str, str]

    def label(self, member: StrEnum) -> str:
        return self.by_value[member.value]

    @property
    def labels(self) -> list[str]:
        return list(self.by_value.values())

    def parse(self, text: str) -> str | None:
        """The enumeration value for a label (any case) or for the value itself; ``None`` if unknown."""
        wanted = text.strip().casefold()
        for value, label in self.by_value.items():
            if wanted in (label.casefold(), value.casefold()):
                return value
        return None


def _labels(noun: str, enum: type[E], labels: Mapping[E, str]) -> Labels:
    missing = [m for m in enum if m not in labels]
    if missing:  # pragma: no cover - a programming error caught by the first import
        raise AssertionError(f"no Danish label for {missing}")
    return Labels(noun, {m.value: labels[m] for m in enum})


BODY_KINDS = _labels(
    "organtype",
    BodyKind,
    {
        BodyKind.POLITICAL_LEVEL: "politisk niveau",
        BodyKind.PROFESSIONAL_LEVEL: "fagligt strategisk niveau",
        BodyKind.COMMITTEE: "sundhedssamarbejdsudvalget",
        BodyKind.PATIENT_COMMITTEE: "patientinddragelsesudvalget",
        BodyKind.SUBCOMMITTEE: "underudvalg",
        BodyKind.WORKING_GROUP: "arbejdsgruppe",
    },
)
ROLES = _labels(
    "rolle",
    MemberRole,
    {
        MemberRole.REGIONAL_COUNCIL_CHAIR: "regionsrådsformand",
        MemberRole.REGIONAL_COUNCIL_MEMBER: "regionsrådsmedlem",
        MemberRole.MAYOR: "borgmester",
        MemberRole.DEPUTY_MAYOR: "fagborgmester",
        MemberRole.COMMITTEE_CHAIR: "udvalgsformand",
        MemberRole.MAGISTRATE_MEMBER: "magistratsmedlem",
        MemberRole.REGIONAL_REPRESENTATIVE: "repræsentant for regionen",
        MemberRole.MUNICIPAL_REPRESENTATIVE: "repræsentant for en kommune",
        MemberRole.GENERAL_PRACTITIONER: "praktiserende læge",
        MemberRole.PATIENT_REPRESENTATIVE: "patientrepræsentant",
        MemberRole.ASSISTING_REPRESENTATIVE: "bistående repræsentant",
        MemberRole.EXPERT: "fagkyndig",
        MemberRole.OTHER: "anden",
    },
)
APPOINTERS = _labels(
    "udpegende part",
    AppointingBody,
    {
        AppointingBody.REGIONAL_COUNCIL: "regionsrådet",
        AppointingBody.MUNICIPAL_COUNCIL: "kommunalbestyrelsen",
        AppointingBody.PLO: "PLO",
        AppointingBody.DANSKE_PATIENTER: "Danske Patienter",
        AppointingBody.DANSKE_HANDICAPORGANISATIONER: "Danske Handicaporganisationer",
        AppointingBody.REGIONSAELDRERAADET: "Regionsældrerådet",
        AppointingBody.AELDRE_SAGEN: "Ældre Sagen",
        AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE: "patientinddragelsesudvalget",
        AppointingBody.MUNICIPALITIES_JOINTLY: "kommunerne i fællesskab",
    },
)
REPRESENTATIONS = _labels(
    "repræsentation",
    Representation,
    {
        Representation.SOMATIC: "somatik",
        Representation.PSYCHIATRIC: "psykiatri",
        Representation.BOTH: "somatik og psykiatri",
    },
)
MEETING_STATUSES = _labels(
    "mødestatus",
    MeetingStatus,
    {MeetingStatus.PLANNED: "planlagt", MeetingStatus.HELD: "afholdt", MeetingStatus.CANCELLED: "aflyst"},
)
MEETING_KINDS = _labels(
    "mødetype",
    MeetingKind,
    {
        MeetingKind.ORDINARY: "ordinært møde",
        MeetingKind.CONSTITUTING: "konstituerende møde",
        MeetingKind.DIALOGUE: "dialogmøde",
        MeetingKind.PATIENT_COMMITTEE_ANNUAL: "årligt møde med patientinddragelsesudvalget",
        MeetingKind.AGREEMENT_KICKOFF: "møde før udkast til sundhedsaftale",
    },
)
DECISION_MAKERS = _labels(
    "beslutningstager",
    DecisionMaker,
    {
        DecisionMaker.PARTIES: "parterne",
        DecisionMaker.MUNICIPAL_COUNCIL: "kommunalbestyrelsen",
        DecisionMaker.AUTHORITY: "Sundhedsstyrelsen",
    },
)
RELEVANCES = _labels(
    "vurdering af relevans",
    Relevance,
    {Relevance.RELEVANT: "relevant", Relevance.NOT_RELEVANT: "ikke relevant"},
)
RESPONSES = _labels(
    "svar på tilbuddet",
    OfferResponse,
    {OfferResponse.ACCEPTED: "taget imod", OfferResponse.DECLINED: "afslået"},
)
ENUMERATIONS: tuple[Labels, ...] = (
    BODY_KINDS,
    ROLES,
    APPOINTERS,
    REPRESENTATIONS,
    MEETING_STATUSES,
    MEETING_KINDS,
    DECISION_MAKERS,
    RELEVANCES,
    RESPONSES,
)


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the model's field, to place pydantic's errors
    kind: Kind
    required: bool = False
    labels: Labels | None = None
    max_length: int | None = None
    width: int = 14
    help: str = ""
    # A column added after files were first exported: a file without it keeps what the platform holds.
    optional: bool = False


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    help: str
    # A sheet added after files were first exported: a file without it keeps what the platform holds.
    optional: bool = False

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)


def _id(header: str = "id", *, required: bool = True, help: str = "") -> Column:
    return Column(header, "id", Kind.ID, required=required, max_length=100, width=34, help=help)


def _bool(header: str, field: str, help: str = "") -> Column:
    return Column(header, field, Kind.BOOL, width=max(10, min(len(header) + 2, 22)), help=help)


def _date(header: str, field: str, *, required: bool = False, help: str = "") -> Column:
    return Column(header, field, Kind.DATE, required=required, width=12, help=help)


def _enum(header: str, field: str, labels: Labels, *, required: bool = True, width: int = 24) -> Column:
    return Column(header, field, Kind.ENUM, required=required, labels=labels, width=width)


# The body's own facts (secretariat, rules of procedure, relevance for the patient involvement committee), added
# after the first file format: a file without these columns keeps what the platform holds.
BODY_FACT_COLUMNS = (
    Column(
        "sekretariat",
        "secretariat",
        Kind.TEXT,
        max_length=400,
        width=20,
        help="Regions- og kommunekoder på dem, der sekretariatsbetjener organet, adskilt af komma (§§ 5, 12, 16, 26).",
        optional=True,
    ),
    Column(
        "forretningsorden vedtaget",
        "rules_adopted_on",
        Kind.DATE,
        width=12,
        help="§§ 6, stk. 3, 16, stk. 1, 27, stk. 4.",
        optional=True,
    ),
    Column(
        "forretningsorden reference", "rules_reference", Kind.TEXT, max_length=300, width=30, optional=True
    ),
    Column(
        "relevant for patientinddragelsesudvalget",
        "patient_committee_relevance",
        Kind.ENUM,
        labels=RELEVANCES,
        width=16,
        help="Arbejdsgrupper: relevant eller ikke relevant (§ 30, stk. 3); tom, hvis ikke vurderet.",
        optional=True,
    ),
    Column(
        "begrundelse for relevans",
        "patient_committee_relevance_reason",
        Kind.TEXT,
        max_length=500,
        width=30,
        optional=True,
    ),
)
FACT_FIELDS = frozenset(c.field for c in BODY_FACT_COLUMNS)


def _version() -> Column:
    return Column(
        VERSION_HEADER,
        "version",
        Kind.NUMBER,
        width=9,
        help="Rækkens version i platformen, da filen blev dannet; ret den ikke, og lad den stå tom i en ny række.",
    )


BODIES = SheetSpec(
    "Organer",
    (
        _id(help="Organets id; bruges i de andre ark. Skal være entydigt."),
        _enum("type", "kind", BODY_KINDS, width=28),
        Column("navn", "name", Kind.TEXT, required=True, max_length=200, width=48),
        Column(
            "klynge", "cluster_id", Kind.ID, max_length=100, width=24, help="Klyngens id (klyngeniveauer)."
        ),
        Column(
            "overordnet organ",
            "parent_body_id",
            Kind.ID,
            max_length=100,
            width=28,
            help="Underudvalg og arbejdsgrupper: id på det organ, de hører under.",
        ),
        _bool("patientinddragelsesudvalget inviteret", "patient_committee_invited", "§ 30, stk. 3."),
        *BODY_FACT_COLUMNS,
        _version(),
    ),
    "Sundhedsklyngernes niveauer, sundhedssamarbejdsudvalget, patientinddragelsesudvalget, underudvalg og arbejdsgrupper.",
)
MEMBERS = SheetSpec(
    "Medlemmer",
    (
        _id(required=False, help="Medlemskabets id; tomt for et nyt medlem (id dannes ved import)."),
        Column("organ", "body_id", Kind.ID, required=True, max_length=100, width=28, help="Organets id."),
        Column(
            "person-id",
            "person_id",
            Kind.ID,
            required=True,
            max_length=100,
            width=34,
            help="Samme person har samme id i alle organer og møder.",
        ),
        Column("navn", "name", Kind.TEXT, required=True, max_length=200, width=26),
        _enum("rolle", "role", ROLES, width=26),
        _enum("udpeget af", "appointed_by", APPOINTERS, width=26),
        Column(
            "kommunekode", "municipality_code", Kind.CODE, width=12, help="Kommunen, medlemmet repræsenterer."
        ),
        Column(
            "klynge",
            "cluster_id",
            Kind.ID,
            max_length=100,
            width=22,
            help="Klyngen, en borgmester i udvalget repræsenterer.",
        ),
        _bool("dækker psykiatri", "covers_psychiatry"),
        _enum("repræsenterer", "represents", REPRESENTATIONS, required=False, width=20),
        _bool("formand", "chair"),
        _bool("næstformand", "vice_chair"),
        _bool("stedfortræder", "substitute", "§ 25, stk. 3."),
        _date("fra", "start", required=True),
        _date("til", "end", help="Tom, hvis medlemskabet gælder indtil videre."),
        _version(),
    ),
    "Ét medlemskab pr. række: en person i et organ i en periode.",
)
MEETINGS = SheetSpec(
    "Møder",
    (
        _id(help="Mødets id; bruges i arkene Dagsorden og Deltagere. Skal være entydigt."),
        Column("organ", "body_id", Kind.ID, required=True, max_length=100, width=28, help="Organets id."),
        _date("dato", "date", required=True),
        _enum("status", "status", MEETING_STATUSES, width=12),
        _enum("type", "kind", MEETING_KINDS, width=26),
        Column("titel", "title", Kind.TEXT, max_length=200, width=40),
        Column("sted", "location", Kind.TEXT, max_length=200, width=20),
        Column(
            "mødeleder person-id",
            "chaired_by",
            Kind.ID,
            max_length=100,
            width=34,
            help="Person-id på den, der ledede mødet.",
        ),
        _bool("PIU inviteret", "patient_committee_invited", "Patientinddragelsesudvalget inviteret."),
        _bool("indkaldt efter begæring", "requested_by_member", "§ 27, stk. 2."),
        Column("referat", "minutes", Kind.LONGTEXT, width=40),
        _version(),
    ),
    "Ét møde pr. række; versionen dækker også mødets dagsorden og deltagere.",
)
AGENDA = SheetSpec(
    "Dagsorden",
    (
        Column("møde", "meeting_id", Kind.ID, required=True, max_length=100, width=40, help="Mødets id."),
        Column("nr.", "number", Kind.NUMBER, required=True, width=6),
        Column("titel", "title", Kind.TEXT, required=True, max_length=300, width=40),
        Column("beskrivelse", "description", Kind.LONGTEXT, width=40),
        _bool("særskilt for myndighederne", "authorities_only", "§ 2, stk. 3."),
        Column("beslutning", "outcome", Kind.LONGTEXT, width=40),
    ),
    "Ét dagsordenspunkt pr. række.",
)
ATTENDANCE = SheetSpec(
    "Deltagere",
    (
        Column("møde", "meeting_id", Kind.ID, required=True, max_length=100, width=40, help="Mødets id."),
        Column("person-id", "person_id", Kind.ID, required=True, max_length=100, width=34),
        Column(
            "navn",
            "name",
            Kind.TEXT,
            max_length=200,
            width=26,
            help="Kan stå tomt for en person, der står i arket Medlemmer.",
        ),
        Column("til stede", "present", Kind.BOOL, width=10),
        Column("note", "note", Kind.TEXT, max_length=200, width=30),
    ),
    "Én deltager pr. række.",
)
DECISIONS = SheetSpec(
    "Beslutninger",
    (
        _id(help="Beslutningens id. Skal være entydigt."),
        Column("parameter", "parameter", Kind.ID, required=True, max_length=100, width=44),
        Column(
            "gælder for",
            "subject_id",
            Kind.ID,
            max_length=100,
            width=30,
            help="Id på organ, kommune eller aftale; * (eller tomt) for alle.",
        ),
        Column(
            "værdi", "value", Kind.VALUE, required=True, width=12, help="Et tal, ja/nej, en dato eller JSON."
        ),
        Column("besluttet af", "decided_by", Kind.TEXT, required=True, max_length=200, width=36),
        _enum("beslutningstager", "decision_maker", DECISION_MAKERS, width=20),
        _date("dato", "decided_on", required=True),
        Column("reference", "reference", Kind.TEXT, required=True, max_length=300, width=40),
        _date("gælder til", "valid_until", help="Sidste dag, beslutningen gælder; tom hvis indtil videre."),
        Column("note", "note", Kind.LONGTEXT, width=40),
        _version(),
    ),
    'Lokale beslutninger, der fraviger en standard ("hvor ikke andet aftales"), og fristafgørelser.',
)
SEAT_OFFERS = SheetSpec(
    "Tilbudte pladser",
    (
        Column("organ", "body_id", Kind.ID, required=True, max_length=100, width=28, help="Organets id."),
        _enum("til", "to", APPOINTERS, width=26),
        Column("pladser", "seats", Kind.NUMBER, required=True, width=8),
        _date("tilbudt", "offered_on", required=True),
        Column("reference", "reference", Kind.TEXT, max_length=300, width=40),
        Column(
            "svar",
            "response",
            Kind.ENUM,
            labels=RESPONSES,
            width=14,
            help="Taget imod eller afslået; tom, hvis svaret ikke er registreret.",
            optional=True,
        ),
    ),
    "Pladser, et organ har tilbudt, fx de to faste pladser til patientinddragelsesudvalget (§ 30, stk. 4).",
    optional=True,
)
SHEETS: tuple[SheetSpec, ...] = (BODIES, MEMBERS, MEETINGS, AGENDA, ATTENDANCE, DECISIONS, SEAT_OFFERS)


# --- Writing ----------------------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _value_cell(value: Any) -> Cell:
    """A decision's value as a cell: ja/nej, a number, an ISO date as text, anything else as JSON."""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _iso_date(value) is not None:
        return value
    return json.dumps(value, ensure_ascii=False)


def case_tables(case: RegionCase) -> dict[str, list[list[Cell]]]:
    """Each sheet's rows (without the header), in the case's order."""
    bodies: list[list[Cell]] = []
    members: list[list[Cell]] = []
    for b in case.bodies:
        bodies.append(
            [
                b.id,
                BODY_KINDS.label(b.kind),
                b.name,
                b.cluster_id,
                b.parent_body_id,
                _yes_no(b.patient_committee_invited),
                *body_fact_cells(b),
                b.version,
            ]
        )
        for m in b.memberships:
            members.append(
                [
                    m.id,
                    b.id,
                    m.person_id,
                    m.name,
                    ROLES.label(m.role),
                    APPOINTERS.label(m.appointed_by),
                    m.municipality_code,
                    m.cluster_id,
                    _yes_no(m.covers_psychiatry),
                    REPRESENTATIONS.label(m.represents) if m.represents else None,
                    _yes_no(m.chair),
                    _yes_no(m.vice_chair),
                    _yes_no(m.substitute),
                    m.start,
                    m.end,
                    m.version,
                ]
            )
    meetings: list[list[Cell]] = []
    agenda: list[list[Cell]] = []
    attendance: list[list[Cell]] = []
    for mt in case.meetings:
        meetings.append(
            [
                mt.id,
                mt.body_id,
                mt.date,
                MEETING_STATUSES.label(mt.status),
                MEETING_KINDS.label(mt.kind),
                mt.title or None,
                mt.location or None,
                mt.chaired_by,
                _yes_no(mt.patient_committee_invited),
                _yes_no(mt.requested_by_member),
                mt.minutes or None,
                mt.version,
            ]
        )
        for item in mt.agenda:
            agenda.append(
                [
                    mt.id,
                    item.number,
                    item.title,
                    item.description or None,
                    _yes_no(item.authorities_only),
                    item.outcome or None,
                ]
            )
        for a in mt.attendance:
            attendance.append([mt.id, a.person_id, a.name, _yes_no(a.present), a.note or None])
    decisions: list[list[Cell]] = [
        [
            d.id,
            d.parameter,
            d.subject_id,
            _value_cell(d.value),
            d.decided_by,
            DECISION_MAKERS.label(d.decision_maker),
            d.decided_on,
            d.reference,
            d.valid_until,
            d.note or None,
            d.version,
        ]
        for d in case.decisions
    ]
    return {
        BODIES.name: bodies,
        MEMBERS.name: members,
        MEETINGS.name: meetings,
        AGENDA.name: agenda,
        ATTENDANCE.name: attendance,
        DECISIONS.name: decisions,
        SEAT_OFFERS.name: [
            [
                b.id,
                APPOINTERS.label(o.to),
                o.seats,
                o.offered_on,
                o.reference or None,
                RESPONSES.label(o.response) if o.response else None,
            ]
            for b in case.bodies
            for o in b.seat_offers
        ],
    }


def about_rows(case: RegionCase) -> list[list[str]]:
    """The "Om" sheet: which region, and how to use the file. Deterministic: no export time."""
    rows: list[list[str]] = [
        ["Organer og medlemmer", f"{case.region.name} (regionskode {case.region.code})"],
        [],
        ["Region", case.region.name],
        ["Regionskode", case.region.code],
        ["Filformat", f"sundhedsaftale arbejdsbog, version {FILE_FORMAT}"],
        *([[AS_OF_LABEL, case.as_of.isoformat()]] if case.as_of is not None else []),
        [],
        ["Sådan bruger du filen", ""],
        ["1.", "Ret, tilføj eller slet rækker i arkene " + ", ".join(f"'{s.name}'" for s in SHEETS) + "."],
        ["2.", "Ret ikke overskrifterne i række 1, og slet ikke ark eller kolonner."],
        [
            "3.",
            "Kolonnen 'id' binder arkene sammen: et medlem, et møde, et punkt og en deltager peger på et organ eller et møde ved dets id.",
        ],
        [
            "4.",
            "Faste værdier (type, rolle, udpeget af, status …) vælges fra listen i cellen; ja/nej-felter skrives som ja eller nej.",
        ],
        ["5.", "Datoer skrives som datoer, fx 23-11-2026 eller 2026-11-23."],
        ["6.", "Regionen, kommunerne, sundhedsklyngerne og sundhedsaftalerne ændres ikke af filen."],
        [
            "7.",
            f"Kolonnen '{VERSION_HEADER}' og linjen '{AS_OF_LABEL}' ovenfor viser, hvad filen bygger på. Er en række ændret i platformen, efter filen blev dannet, eller er en række tilføjet siden og mangler i filen, afvises importen, så intet overskrives; eksportér da igen.",
        ],
        [
            "8.",
            "Importér filen på regionens side. En fil med fejl afvises helt, og alle fejl vises med ark, række og kolonne; intet importeres halvt.",
        ],
        [],
        ["Ark", "Kolonne", "Skal udfyldes", "Tilladte værdier og bemærkninger"],
    ]
    for spec in SHEETS:
        rows.append([spec.name, "", "", spec.help])
        for column in spec.columns:
            allowed = column.help
            if column.labels is not None:
                allowed = ", ".join(column.labels.labels)
            elif column.kind is Kind.BOOL:
                allowed = f"{YES}/{NO}" + (f". {column.help}" if column.help else "")
            elif column.kind is Kind.DATE:
                allowed = "dato" + (f". {column.help}" if column.help else "")
            elif column.kind is Kind.NUMBER:
                allowed = "helt tal, 1 eller derover"
            rows.append(["", column.header, YES if column.required else "", allowed])
    return rows


# --- Reading ----------------------------------------------------------------------------------------------


@dataclass
class RawSheet:
    """A sheet as read from a file: the header row and the data rows with their row numbers."""

    name: str
    header: list[Cell]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DANISH = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


def _iso_date(text: str) -> dt.date | None:
    if not _ISO.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_date_text(text: str) -> dt.date | None:
    text = text.strip()
    if " " in text:  # "2026-11-23 00:00:00" as a spreadsheet may write a date-time
        head, _, tail = text.partition(" ")
        if tail.strip() in ("00:00:00", "00:00"):
            text = head
    found = _iso_date(text)
    if found is not None:
        return found
    match = _DANISH.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def cell_text(value: Cell) -> str:
    """A cell as text for messages and CSV: dates as ISO, whole floats without decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class _Row:
    sheet: SheetSpec
    number: int
    values: dict[str, Any]  # field → parsed value (only cells that parsed)
    raw: dict[str, Cell]  # header → raw cell
    failed: set[str] = field(default_factory=set)  # headers of cells that did not parse

    @property
    def ok(self) -> bool:
        return not self.failed


class _Reader:
    """Reads the sheets into rows of parsed values, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (sheet, column header) of optional columns missing from the file; (sheet, None) for a missing sheet.
        self.absent: set[tuple[str, str | None]] = set()

    def problem(self, sheet: str | None, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, message))

    def rows(self, spec: SheetSpec, raw: RawSheet | None) -> list[_Row]:
        if raw is None:
            if spec.optional:
                self.absent.add((spec.name, None))
                return []
            self.problem(
                spec.name, None, None, f"arket '{spec.name}' mangler; det skal være der, også når det er tomt"
            )
            return []
        positions: dict[str, int] = {}
        for position, cell in enumerate(raw.header):
            key = cell_text(cell).strip().casefold()
            if key and key not in positions:
                positions[key] = position
        present: dict[str, int] = {}
        for column in spec.columns:
            found = positions.get(column.header.casefold())
            if found is None and column.optional:
                self.absent.add((spec.name, column.header))
            elif found is None:
                self.problem(
                    spec.name, 1, column.header, f"kolonnen '{column.header}' mangler i overskriftsrækken"
                )
            else:
                present[column.header] = found
        result: list[_Row] = []
        for number, cells in raw.rows:
            if all(_blank(c) for c in cells):
                continue
            row = _Row(spec, number, {}, {})
            for column in spec.columns:
                at = present.get(column.header)
                if at is None:
                    if not column.optional:
                        row.failed.add(column.header)
                    continue
                cell = cells[at] if at < len(cells) else None
                row.raw[column.header] = cell
                self._cell(row, column, cell)
            result.append(row)
        return result

    def _cell(self, row: _Row, column: Column, cell: Cell) -> None:
        def fail(message: str) -> None:
            row.failed.add(column.header)
            self.problem(row.sheet.name, row.number, column.header, message)

        if _blank(cell):
            if column.required:
                fail(f"cellen er tom; {column.header} skal udfyldes")
                return
            row.values[column.field] = _empty(column)
            return
        assert cell is not None
        text = cell_text(cell)
        if column.kind in (Kind.ID, Kind.TEXT, Kind.CODE):
            value = text.strip()
            if column.max_length is not None and len(value) > column.max_length:
                fail(f"teksten er {len(value)} tegn lang; højst {column.max_length} tegn er tilladt")
                return
            row.values[column.field] = value
        elif column.kind is Kind.LONGTEXT:
            row.values[column.field] = cell if isinstance(cell, str) else text
        elif column.kind is Kind.ENUM:
            assert column.labels is not None
            found = column.labels.parse(text)
            if found is None:
                fail(
                    f"'{text}' er ikke en kendt {column.labels.noun}; skriv en af: "
                    + ", ".join(column.labels.labels)
                )
                return
            row.values[column.field] = found
        elif column.kind is Kind.DATE:
            day = cell if isinstance(cell, dt.date) else _parse_date_text(text)
            if isinstance(day, dt.datetime):
                day = day.date() if day.time() == dt.time() else None
            if day is None or isinstance(cell, bool | int | float):
                fail(f"'{text}' er ikke en dato; skriv en dato som 23-11-2026 eller 2026-11-23")
                return
            row.values[column.field] = day
        elif column.kind is Kind.BOOL:
            flag = _bool_value(cell)
            if flag is None:
                fail(f"'{text}' er hverken {YES} eller {NO}; skriv {YES} eller {NO}")
                return
            row.values[column.field] = flag
        elif column.kind is Kind.NUMBER:
            number = _whole_number(cell)
            if number is None or number < 1:
                fail(f"'{text}' er ikke et helt tal på 1 eller derover")
                return
            row.values[column.field] = number
        elif column.kind is Kind.VALUE:
            try:
                row.values[column.field] = _decision_value(cell)
            except ValueError:
                fail(
                    f"'{text}' er ikke en gyldig værdi; skriv et helt tal, {YES}/{NO}, "
                    "en dato (ÅÅÅÅ-MM-DD) eller JSON"
                )
        else:  # pragma: no cover - every kind is handled above
            raise AssertionError(column.kind)


def _empty(column: Column) -> Any:
    if column.kind is Kind.BOOL:
        return column.field == "present"  # an attendee is present unless the cell says otherwise
    if column.kind is Kind.LONGTEXT or (column.kind is Kind.TEXT and not column.required):
        return ""
    if column.field == "subject_id":
        return "*"
    return None


def _bool_value(cell: Cell) -> bool | None:
    if isinstance(cell, bool):
        return cell
    text = cell_text(cell).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _whole_number(cell: Cell) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else None
    if isinstance(cell, str):
        text = cell.strip().rstrip(".")
        return int(text) if text.isdigit() else None
    return None


def _decision_value(cell: Cell) -> Any:
    """As the decision form reads it: ja/nej, a whole number, a date (as ISO text), or JSON."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time():
            raise ValueError(cell)
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else cell
    assert isinstance(cell, str)
    text = cell.strip()
    lowered = text.casefold()
    if lowered in ("ja", "sand", "true", "yes"):
        return True
    if lowered in ("nej", "falsk", "false", "no"):
        return False
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    day = _parse_date_text(text)
    if day is not None:
        return day.isoformat()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ValueError(text) from None


M = TypeVar("M", bound=BaseModel)


def _construct(
    reader: _Reader,
    model: type[M],
    row: _Row,
    data: Mapping[str, Any],
    *,
    column_for: Callable[[str], str | None],
) -> M | None:
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            name = str(loc[0]) if loc else ""
            message = str(error["msg"]).removeprefix("Value error, ")
            reader.problem(row.sheet.name, row.number, column_for(name), message)
        return None


def _column_for(spec: SheetSpec) -> Callable[[str], str | None]:
    by_field = {c.field: c.header for c in spec.columns}

    def find(name: str) -> str | None:
        return by_field.get(name)

    return find


def build_case(
    sheets: Mapping[str, RawSheet],
    *,
    base: RegionCase,
    about: Mapping[str, tuple[int, str]] | None = None,
    rulebook: Rulebook | None = None,
    reserved_body_ids: Collection[str] = (),
    reserved_person_ids: Collection[str] = (),
    as_of: dt.datetime | None = None,
) -> RegionCase:
    """The case ``base`` with its bodies, members, meetings and decisions replaced by the sheets'.

    ``about`` is the "Om" sheet's key–value rows (label → (row, value)), used to refuse another region's file
    and to read when the file's data is from ("Data pr."; a case file gives it as ``as_of``); ``rulebook``
    checks each decision against the rules; ``reserved_body_ids`` and ``reserved_person_ids`` are ids of bodies
    and people another region keeps. A row that would overwrite a newer record of ``base`` is refused
    (:mod:`._versions`). Raises :class:`InterchangeError` with every problem found.
    """
    reader = _Reader()
    if about is not None and "regionskode" in about:
        row_number, code = about["regionskode"]
        if code.strip() != base.region.code:
            reader.problem(
                ABOUT_SHEET,
                row_number,
                "Regionskode",
                f"filen er for region '{code.strip()}', men importeres i {base.region.name} "
                f"({base.region.code}); eksportér regionens egen fil",
            )
    if about is not None and AS_OF_LABEL.casefold() in about:
        row_number, text = about[AS_OF_LABEL.casefold()]
        try:
            as_of = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            reader.problem(
                ABOUT_SHEET,
                row_number,
                AS_OF_LABEL,
                f"'{text}' er ikke et tidspunkt; cellen skrives af platformen og må ikke rettes",
            )
    rows = {spec.name: reader.rows(spec, sheets.get(spec.name)) for spec in SHEETS}
    municipalities = {m.code: m.name for m in base.municipalities}
    clusters = [c.id for c in base.clusters]

    def unique(spec: SheetSpec, fields: tuple[str, ...], header: str, what: Callable[[Any], str]) -> None:
        """Report a row whose ``fields`` repeat an earlier row's; ``what`` says it, given the last field."""
        seen: dict[tuple[Any, ...], int] = {}
        for row in rows[spec.name]:
            if not all(row.values.get(f) for f in fields):
                continue
            value = tuple(row.values[f] for f in fields)
            if value in seen:
                row.failed.add(header)
                reader.problem(spec.name, row.number, header, f"{what(value[-1])}, i række {seen[value]}")
            else:
                seen[value] = row.number

    def ref(row: _Row, header: str, known: Collection[str], message: Callable[[str], str]) -> None:
        column = row.sheet.column(header)
        value = row.values.get(column.field)
        if value is not None and header not in row.failed and value not in known:
            row.failed.add(header)
            reader.problem(row.sheet.name, row.number, header, message(value))

    # Bodies: unique ids, clusters of the region, parents among the bodies, no circles.
    unique(BODIES, ("id",), "id", lambda v: f"id '{v}' er allerede brugt")
    for row in rows[BODIES.name]:
        body_id = row.values.get("id")
        if body_id and body_id in reserved_body_ids and "id" not in row.failed:
            row.failed.add("id")
            reader.problem(
                BODIES.name,
                row.number,
                "id",
                f"id '{body_id}' bruges af et organ i en anden region; vælg et andet id",
            )
    body_ids = {r.values["id"] for r in rows[BODIES.name] if r.values.get("id")}
    for row in rows[BODIES.name]:
        ref(
            row,
            "klynge",
            clusters,
            lambda v: f"ukendt klynge '{v}'; klyngerne i regionen er: {', '.join(clusters)}",
        )
        ref(
            row,
            "overordnet organ",
            body_ids,
            lambda v: f"ukendt organ '{v}': intet organ i arket 'Organer' har det id",
        )
        kind = row.values.get("kind")
        if (
            kind in (BodyKind.POLITICAL_LEVEL.value, BodyKind.PROFESSIONAL_LEVEL.value)
            and row.values.get("cluster_id") is None
            and "klynge" not in row.failed
        ):
            row.failed.add("klynge")
            reader.problem(
                BODIES.name,
                row.number,
                "klynge",
                f"cellen er tom; et organ af typen '{BODY_KINDS.by_value[kind]}' skal have en klynge",
            )
    parents = {
        r.values["id"]: r.values["parent_body_id"]
        for r in rows[BODIES.name]
        if r.values.get("id") and r.values.get("parent_body_id")
    }
    for row in rows[BODIES.name]:
        start = row.values.get("id")
        if not start or start not in parents or "overordnet organ" in row.failed:
            continue
        seen_ids, current = {start}, parents[start]
        while current in parents and current not in seen_ids:
            seen_ids.add(current)
            current = parents[current]
        if current == start:  # the chain of parents leads back to this body
            row.failed.add("overordnet organ")
            reader.problem(
                BODIES.name,
                row.number,
                "overordnet organ",
                f"'{parents[start]}' kan ikke være overordnet organ: organerne ender med at ligge under sig selv",
            )

    def unknown_body(value: str) -> str:
        return f"ukendt organ '{value}': intet organ i arket 'Organer' har det id"

    # Members: known bodies, municipalities and clusters of the region; ids unique within a body.
    for row in rows[MEMBERS.name]:
        ref(row, "organ", body_ids, unknown_body)
        ref(
            row,
            "kommunekode",
            municipalities,
            lambda v: f"ukendt kommunekode '{v}': ikke en kommune i {base.region.name}",
        )
        ref(
            row,
            "klynge",
            clusters,
            lambda v: f"ukendt klynge '{v}'; klyngerne i regionen er: {', '.join(clusters)}",
        )
    unique(MEMBERS, ("body_id", "id"), "id", lambda v: f"id '{v}' er allerede brugt i samme organ")
    persons = {
        r.values["person_id"]: r.values.get("name") for r in rows[MEMBERS.name] if r.values.get("person_id")
    }
    # Meetings: unique ids, known bodies; agenda and attendance name known meetings.
    unique(MEETINGS, ("id",), "id", lambda v: f"id '{v}' er allerede brugt")
    meeting_ids = {r.values["id"] for r in rows[MEETINGS.name] if r.values.get("id")}
    for row in rows[MEETINGS.name]:
        ref(row, "organ", body_ids, unknown_body)

    def unknown_meeting(value: str) -> str:
        return f"ukendt møde '{value}': intet møde i arket 'Møder' har det id"

    for row in rows[AGENDA.name]:
        ref(row, "møde", meeting_ids, unknown_meeting)
    unique(AGENDA, ("meeting_id", "number"), "nr.", lambda v: f"punkt {v} findes allerede i samme møde")
    for row in rows[ATTENDANCE.name]:
        ref(row, "møde", meeting_ids, unknown_meeting)
        person = row.values.get("person_id")
        if person and "navn" not in row.failed and not row.values.get("name"):
            if persons.get(person):
                row.values["name"] = persons[person]
            else:
                row.failed.add("navn")
                reader.problem(
                    ATTENDANCE.name,
                    row.number,
                    "navn",
                    f"cellen er tom; skriv navnet på '{person}', som ikke står i arket 'Medlemmer'",
                )
    for row in rows[ATTENDANCE.name]:
        if row.values.get("person_id") and row.values.get("name"):
            persons.setdefault(row.values["person_id"], row.values["name"])
    unique(
        ATTENDANCE,
        ("meeting_id", "person_id"),
        "person-id",
        lambda v: f"'{v}' står allerede som deltager i mødet",
    )
    for spec, header in (
        (MEMBERS, "person-id"),
        (ATTENDANCE, "person-id"),
        (MEETINGS, "mødeleder person-id"),
    ):
        for row in rows[spec.name]:
            person = row.values.get(spec.column(header).field)
            if person and person in reserved_person_ids and header not in row.failed:
                row.failed.add(header)
                reader.problem(
                    spec.name,
                    row.number,
                    header,
                    f"'{person}' er en person, som en anden region fører; en person kan kun have plads i den "
                    "region, der fører personen. Brug et andet person-id for en ny person",
                )
    for row in rows[MEETINGS.name]:
        ref(
            row,
            "mødeleder person-id",
            persons,
            lambda v: f"ukendt person '{v}': personen står hverken i arket 'Medlemmer' eller 'Deltagere'",
        )
    unique(DECISIONS, ("id",), "id", lambda v: f"id '{v}' er allerede brugt")

    # Build the models row by row; a row with a problem is left out (its problem is already reported).
    placed: list[Placed] = []

    def place(spec: SheetSpec, row: _Row, key: tuple[str, str], label: str, record: BaseModel) -> None:
        placed.append(Placed(spec.name, row.number, key, label, record, row.values.get("version")))

    memberships: dict[str, list[Membership]] = {b: [] for b in body_ids}
    member_rows = [r for r in rows[MEMBERS.name] if r.ok]
    taken: dict[str, set[str]] = {}
    for row in member_rows:
        if row.values.get("id"):
            taken.setdefault(row.values["body_id"], set()).add(row.values["id"])
    for row in member_rows:
        body_id = row.values["body_id"]
        data = {k: v for k, v in row.values.items() if k != "body_id"}
        if not data.get("id"):
            data["id"] = _new_id(body_id, taken.setdefault(body_id, set()))
        built = _construct(reader, Membership, row, data, column_for=_column_for(MEMBERS))
        if built is not None:
            memberships[body_id].append(built)
            label = f"medlemskabet '{built.id}' ({built.name}) i organet '{body_id}'"
            place(MEMBERS, row, ("membership", f"{body_id}/{built.id}"), label, built)
    offers = seat_offers_by_body(reader, rows[SEAT_OFFERS.name], body_ids, base)
    base_bodies = {b.id: b for b in base.bodies}
    bodies: list[Body] = []
    for row in rows[BODIES.name]:
        if not row.ok:
            continue
        facts = body_facts(reader, row, base_bodies.get(row.values["id"]), base)
        if facts is None:
            continue
        built_body = _construct(
            reader,
            Body,
            row,
            {
                **{k: v for k, v in row.values.items() if k not in FACT_FIELDS},
                **facts,
                "seat_offers": offers.get(row.values["id"], ()),
                "memberships": tuple(memberships[row.values["id"]]),
            },
            column_for=_column_for(BODIES),
        )
        if built_body is not None:
            bodies.append(built_body)
            place(BODIES, row, ("body", built_body.id), f"organet '{built_body.id}'", built_body)
    agenda: dict[str, list[AgendaItem]] = {m: [] for m in meeting_ids}
    for row in rows[AGENDA.name]:
        if row.ok:
            data = {k: v for k, v in row.values.items() if k != "meeting_id"}
            item = _construct(reader, AgendaItem, row, data, column_for=_column_for(AGENDA))
            if item is not None:
                agenda[row.values["meeting_id"]].append(item)
    attendance: dict[str, list[Attendance]] = {m: [] for m in meeting_ids}
    for row in rows[ATTENDANCE.name]:
        if row.ok:
            data = {k: v for k, v in row.values.items() if k != "meeting_id"}
            person_row = _construct(reader, Attendance, row, data, column_for=_column_for(ATTENDANCE))
            if person_row is not None:
                attendance[row.values["meeting_id"]].append(person_row)
    meetings: list[Meeting] = []
    for row in rows[MEETINGS.name]:
        if row.ok:
            meeting = _construct(
                reader,
                Meeting,
                row,
                {
                    **row.values,
                    "agenda": tuple(agenda[row.values["id"]]),
                    "attendance": tuple(attendance[row.values["id"]]),
                },
                column_for=_column_for(MEETINGS),
            )
            if meeting is not None:
                meetings.append(meeting)
                place(MEETINGS, row, ("meeting", meeting.id), f"mødet '{meeting.id}'", meeting)
    decisions: list[Decision] = []
    for row in rows[DECISIONS.name]:
        if not row.ok:
            continue
        decision = _construct(reader, Decision, row, row.values, column_for=_column_for(DECISIONS))
        if decision is None:
            continue
        decisions.append(decision)
        place(DECISIONS, row, ("decision", decision.id), f"beslutningen '{decision.id}'", decision)
        if rulebook is not None:
            _check_decision(reader, rulebook, decision, row)

    reader.problems += stale_rows(placed, base)
    if reader.problems:
        raise InterchangeError(_in_order(reader.problems))
    try:
        return RegionCase(
            region=base.region,
            municipalities=base.municipalities,
            clusters=base.clusters,
            bodies=tuple(bodies),
            meetings=tuple(meetings),
            agreements=base.agreements,
            decisions=tuple(decisions),
            # The follow-up's records come from the platform, like the agreements (ADR 0045).
            hearing_rounds=base.hearing_rounds,
            statements=base.statements,
            as_of=as_of,
        )
    except ValidationError as exc:  # pragma: no cover - every reference is checked above
        raise InterchangeError(
            Problem(None, None, None, str(e["msg"]).removeprefix("Value error, ")) for e in exc.errors()
        ) from None


def _new_id(body_id: str, taken: set[str]) -> str:
    number = len(taken) + 1
    while f"{body_id}-m{number:03d}" in taken:
        number += 1
    new = f"{body_id}-m{number:03d}"
    taken.add(new)
    return new


def _check_decision(reader: _Reader, rulebook: Rulebook, decision: Decision, row: _Row) -> None:
    try:
        rulebook.check_decision(decision)
    except CaseError as exc:
        known = decision.parameter in rulebook.parameters
        if not known or rulebook.parameters[decision.parameter].set_aside_by is None:
            column = "parameter"
        elif rulebook.parameters[decision.parameter].set_aside_by is not decision.decision_maker:
            column = "beslutningstager"
        else:
            column = "værdi"
        reader.problem(DECISIONS.name, row.number, column, str(exc))


def _in_order(problems: Iterable[Problem]) -> list[Problem]:
    sheets = {ABOUT_SHEET: 0, **{spec.name: i + 1 for i, spec in enumerate(SHEETS)}}
    columns = {(spec.name, c.header): i for spec in SHEETS for i, c in enumerate(spec.columns)}

    def key(p: Problem) -> tuple[int, int, int]:
        return (
            -1 if p.sheet is None else sheets.get(p.sheet, len(sheets)),
            p.row or 0,
            -1 if p.column is None else columns.get((p.sheet or "", p.column), 99),
        )

    return sorted(problems, key=key)


def sheet_lists(base: RegionCase) -> Sequence[tuple[str, list[str]]]:
    """The lists behind the drop-downs: every enumeration, ja/nej, the region's municipalities and clusters."""
    return [
        *[(labels.noun, labels.labels) for labels in ENUMERATIONS],
        ("ja/nej", [YES, NO]),
        ("kommunekode", [m.code for m in base.municipalities]),
        ("klynge", [c.id for c in base.clusters]),
    ]
