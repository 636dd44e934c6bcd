"""The national demo data set: one :class:`RegionCase` per region, built from the reference data.

Everything is a pure function of the reference data and ``today`` (which only decides whether a meeting is
held or planned and which of an agreement's records have happened): no randomness, no clock, no database.
The agreements' content and life are in :mod:`._agreement_content` and :mod:`._agreement_life`. Names come from :mod:`._names`; which person sits
where follows from small arithmetic on codes and positions, written out below.

Two election periods of memberships are built, 2022–2025 and from 2026 (open end), so the data is right
both before and after the 2025 elections. The data is compliant except for the deliberate shortfalls listed
under "Deliberate shortfalls" below; they exist only in the current period (from 2026), except the
committee's short meeting year 2025.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.case import (
    AgreementSubmission,
    AppointingBody,
    Attendance,
    AuthorityDecision,
    AuthorityDecisionKind,
    Body,
    BodyKind,
    ClusterInfo,
    Decision,
    DecisionMaker,
    HealthAgreement,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Membership,
    MunicipalityInfo,
    OfferResponse,
    RegionCase,
    RegionInfo,
    Representation,
    RulesOfProcedure,
    SeatOffer,
)
from ..core.periods import danish_date
from ..core.reference import HealthCluster, ReferenceData
from ._agreement_content import ClusterRef, regional_content, sjaelland_content, sjaelland_draft_content
from ._agreement_life import (
    CommitteeDays,
    RegionFacts,
    agreement_2024,
    committee_days,
    draft_agreement_2028,
    kickoff_meeting,
    legacy_final_status,
    legacy_review,
)
from ._names import name_capacity, person_name

__all__ = ["DEMO_REGION_CODE", "DEMO_TODAY", "build_national_demo"]

DEMO_REGION_CODE = "1085"  # Region Sjælland: the fully populated demo region, with the deliberate shortfalls
DEMO_TODAY = dt.date(2026, 11, 23)


@dataclass(frozen=True)
class _Term:
    """An election period (funktionsperiode, §§ 8, 14, 16, 26)."""

    start: dt.date
    end: dt.date | None

    @property
    def year(self) -> int:
        return self.start.year


_PREVIOUS = _Term(dt.date(2022, 1, 1), dt.date(2025, 12, 31))
_CURRENT = _Term(dt.date(2026, 1, 1), None)
_TERMS = (_PREVIOUS, _CURRENT)

_MEETINGS_FROM = dt.date(2023, 1, 1)
_MEETINGS_UNTIL = dt.date(2027, 6, 30)

# --- Deliberate shortfalls (the compliance overview must show them); all in the current period ----------
# 1. Only one PLO general practitioner in this cluster's professional level.
_PROFESSIONAL_ONE_GP = "sjaelland-koege"
# 2. No regional representative in this cluster's professional level covers psychiatry.
_PROFESSIONAL_NO_PSYCHIATRY = "sjaelland-slagelse"
# 3. A municipality takes part in the political level by a committee chair (udvalgsformand): Odsherred
#    without a decision of its council (not met), Næstved with one (§ 3, stk. 2; met).
_CHAIR_WITHOUT_DECISION = ("sjaelland-holbaek", "306")
# Aarhus has magistratsstyre, so its council may seat a rådmand instead of the mayor (§ 3, stk. 2).
_CHAIR_WITH_DECISION = ("midtjylland-aarhus", "751")
_CHAIR_DECISION_DATE = dt.date(2025, 12, 9)  # the new council's constituent meeting
# 4. The parties agree on one PLO general practitioner in this cluster's political level (met by the decision).
_LOCAL_AGREEMENT_ONE_GP = "sjaelland-koege"
# The agreement is made at a meeting of the demo region's committee (the 2nd Tuesday of March 2026).
_LOCAL_AGREEMENT_DATE = dt.date(2026, 3, 10)
# 5. The demo region's committee held only three meetings this year (one was cancelled).
_COMMITTEE_SHORT_YEAR = 2025
# The current term's bodies adopted their rules of procedure at their first meeting (§§ 6, stk. 3, 16, stk. 1,
# 27, stk. 4) and the professional levels offered the patient involvement committee its two seats (§ 30, stk. 4).
_CONSTITUTED = dt.date(2026, 1, 27)
# In one cluster the patient involvement committee has filled one of the two seats it was offered.
_ONE_PATIENT_SEAT_FILLED = "sjaelland-nykoebing"
# Region Sjælland's patient involvement committee has not had its rules of procedure registered.
_PROCEDURE_NOT_RECORDED = ("1085", "patient-committee")
# 6. This seat in the demo region's patient involvement committee is vacant.
_VACANT_PATIENT_SEAT = AppointingBody.AELDRE_SAGEN
# 7. In this region the committee's mayor for this cluster is not the cluster's municipal chair (guidance 2.2.7).
_MISMATCHED_COMMITTEE_MAYOR = ("1081", "nordjylland-vest")

# --- Meeting titles ---------------------------------------------------------------------------------------
_TITLE_POLITICAL = "Møde i klyngens politiske niveau"
_TITLE_PROFESSIONAL = "Møde i klyngens faglige strategiske niveau"
_TITLE_PROFESSIONAL_THEME = "Temamøde i klyngens faglige strategiske niveau"
_TITLE_COMMITTEE = "Møde i Sundhedssamarbejdsudvalget"
_TITLE_ANNUAL = "Årligt møde med patientinddragelsesudvalget"
_TITLE_DIALOGUE = "Dialogmøde med patientinddragelsesudvalget"
# Meetings whose title marks their kind; the patient involvement committee is invited to both (§ 30, stk. 2; 2.2.8).
_TITLE_CONSTITUTING = "Konstituerende møde i Patientinddragelsesudvalget"
_KIND_BY_TITLE = {
    _TITLE_ANNUAL: MeetingKind.PATIENT_COMMITTEE_ANNUAL,
    _TITLE_DIALOGUE: MeetingKind.DIALOGUE,
    _TITLE_CONSTITUTING: MeetingKind.CONSTITUTING,
}
_TITLE_PATIENT = "Møde i Patientinddragelsesudvalget"

# The agreement's ids and data portal per region other than the demo region (fictional portal names).
_AGREEMENT_PREFIXES = {"1081": "nja", "1082": "mja", "1083": "sda", "1084": "hsa"}
_DATA_PORTALS = {
    "1081": "Nordjysk Sundhedsdataportal",
    "1082": "Midtdata",
    "1083": "Syddansk Sundhedsdataportal",
    "1084": "Hovedstadens Sundhedsdataportal",
}

_TUESDAY, _THURSDAY = 1, 3  # date.weekday() numbers; Wednesday is _TUESDAY + 1


def build_national_demo(reference: ReferenceData, *, today: dt.date = DEMO_TODAY) -> list[RegionCase]:
    """One RegionCase per region (5), ordered by region code.

    ``today`` decides which meetings are held (before it) and which are planned (from it on).
    """
    people = _People()
    codes = reference.cluster_region_codes()
    return [_RegionBuilder(reference, code, index, people, today).build() for index, code in enumerate(codes)]


# --- People -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    id: str
    name: str


class _People:
    """Names by person id, one name per id and never the same name for two ids.

    The name's number is a digest of the id (stable across runs, unlike ``hash``), so adding or removing
    a person leaves the others' names alone; a number already taken moves on to the next free one.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._taken: set[int] = set()

    def get(self, person_id: str) -> _Person:
        name = self._names.get(person_id)
        if name is None:
            digest = hashlib.blake2b(person_id.encode("utf-8"), digest_size=8).digest()
            number = int.from_bytes(digest, "big") % name_capacity()
            while number in self._taken:
                number = (number + 1) % name_capacity()
            self._taken.add(number)
            name = self._names[person_id] = person_name(number)
        return _Person(person_id, name)


def _since(term: _Term, reelected: bool) -> int:
    """The first year of the period a person first took the seat: re-elected people keep their id."""
    return _PREVIOUS.year if reelected else term.year


def _slug(value: str) -> str:
    return value.replace("_", "-")


# --- Bodies -------------------------------------------------------------------------------------------------


class _BodyBuilder:
    def __init__(self, body_id: str, kind: BodyKind, name: str, cluster_id: str | None = None) -> None:
        self.id = body_id
        self.kind = kind
        self.name = name
        self.cluster_id = cluster_id
        self._memberships: list[Membership] = []

    def seat(
        self,
        person: _Person,
        role: MemberRole,
        appointed_by: AppointingBody,
        term: _Term,
        *,
        municipality_code: str | None = None,
        cluster_id: str | None = None,
        covers_psychiatry: bool = False,
        represents: Representation | None = None,
        chair: bool = False,
        vice_chair: bool = False,
        substitute: bool = False,
        end: dt.date | None = None,
    ) -> None:
        self._memberships.append(
            Membership(
                id=f"{self.id}-m{len(self._memberships) + 1:03d}",
                person_id=person.id,
                name=person.name,
                role=role,
                appointed_by=appointed_by,
                municipality_code=municipality_code,
                cluster_id=cluster_id,
                covers_psychiatry=covers_psychiatry,
                represents=represents,
                chair=chair,
                vice_chair=vice_chair,
                substitute=substitute,
                start=term.start,
                end=end if end is not None else term.end,
            )
        )

    def build(
        self,
        *,
        secretariat: tuple[str, ...] | None = None,
        rules_of_procedure: RulesOfProcedure | None = None,
        seat_offers: tuple[SeatOffer, ...] = (),
    ) -> Body:
        return Body(
            id=self.id,
            kind=self.kind,
            name=self.name,
            cluster_id=self.cluster_id,
            secretariat=secretariat,
            rules_of_procedure=rules_of_procedure,
            seat_offers=seat_offers,
            memberships=tuple(self._memberships),
        )


def _chair_municipalities(clusters: Sequence[HealthCluster], names: Mapping[str, str]) -> dict[str, str]:
    """The municipality whose mayor is each cluster's municipal chair (§ 4).

    The municipality named first in the acute hospital's label, else the lowest code; never the same
    municipality for two clusters (København belongs to two).
    """
    taken: set[str] = set()
    chosen: dict[str, str] = {}
    for cluster in clusters:
        named: list[tuple[int, str]] = []
        for code in cluster.municipality_codes:
            found = re.search(rf"\b{re.escape(names[code])}\b", cluster.acute_hospital)
            if found:
                named.append((found.start(), code))
        candidates = [code for _, code in sorted(named)] + sorted(cluster.municipality_codes)
        # A municipality that takes part by its rådmand (§ 3, stk. 2) has no mayor on the level to chair it (§ 4).
        choice = next(code for code in candidates if code not in taken and code != _CHAIR_WITH_DECISION[1])
        taken.add(choice)
        chosen[cluster.id] = choice
    return chosen


# --- Meeting calendar ---------------------------------------------------------------------------------------


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    x = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * x) // 451
    month, day = divmod(h + x - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holidays(year: int) -> frozenset[dt.date]:
    """Danish public holidays and days off on which no meeting is put."""
    easter = _easter(year)
    offsets = [-3, -2, 1, 39, 50]  # skærtorsdag, langfredag, 2. påskedag, Kristi himmelfart, 2. pinsedag
    if year <= 2023:
        offsets.append(26)  # store bededag (abolished from 2024)
    fixed = [(1, 1), (6, 5), (12, 24), (12, 25), (12, 26), (12, 31)]
    return frozenset(
        [easter + dt.timedelta(days=o) for o in offsets] + [dt.date(year, m, d) for m, d in fixed]
    )


def _meeting_day(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` given weekday of the month, moved to the next working day if it is a holiday."""
    first = dt.date(year, month, 1)
    return _working_day(first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1)))


def _with_attendance(bodies: list[Body], meetings: list[Meeting]) -> list[Meeting]:
    """Held meetings: every ordinary member present, led by the (first) chair (§§ 6, 17, 27)."""
    by_id = {b.id: b for b in bodies}
    result = []
    for meeting in meetings:
        body = by_id[meeting.body_id]
        if meeting.status is not MeetingStatus.HELD:
            result.append(meeting)
            continue
        present = body.members_on(meeting.date)
        chair = next((m.person_id for m in present if m.chair), None)
        attendance = tuple(Attendance(person_id=m.person_id, name=m.name) for m in present)
        result.append(meeting.model_copy(update={"chaired_by": chair, "attendance": attendance}))
    return result


def _working_day(day: dt.date) -> dt.date:
    """``day`` or the first working day after it."""
    while day.weekday() >= 5 or day in _holidays(day.year):
        day += dt.timedelta(days=1)
    return day


def _political_calendar(year: int, index: int) -> list[tuple[dt.date, str]]:
    """Two or three meetings a year (§ 6, stk. 2: at least two)."""
    weekday = _TUESDAY + index % 3
    plan = [(3, 2), (9, 2)]
    if (year + index) % 2 == 0:
        plan.append((6, 1))
    # The September meeting is a dialogue meeting with the patient involvement committee (§ 30, stk. 2).
    return [
        (_meeting_day(year, month, weekday, nth), _TITLE_DIALOGUE if month == 9 else _TITLE_POLITICAL)
        for month, nth in plan
    ]


def _professional_calendar(year: int, index: int) -> list[tuple[dt.date, str]]:
    """Four or five meetings a year (§ 13: at least four), the fourth by September."""
    weekday = _TUESDAY + (index + 1) % 3
    meetings = [
        (_meeting_day(year, month, weekday, nth), _TITLE_PROFESSIONAL)
        for month, nth in ((2, 1), (4, 3), (6, 2), (9, 3))
    ]
    if (year + index) % 2 == 1:
        meetings.append((_meeting_day(year, 11, weekday, 1), _TITLE_PROFESSIONAL_THEME))
    return meetings


def _committee_calendar(year: int, region_index: int) -> list[tuple[dt.date, str]]:
    """Four or five meetings a year (§ 16, stk. 2), one of them the annual meeting with the patient committee."""
    meetings = [
        (_meeting_day(year, 3, _TUESDAY, 2), _TITLE_COMMITTEE),
        (_meeting_day(year, 6, _TUESDAY, 1), _TITLE_ANNUAL),
        (_meeting_day(year, 9, _TUESDAY, 2), _TITLE_COMMITTEE),
        (_meeting_day(year, 11, _TUESDAY, 2), _TITLE_COMMITTEE),
    ]
    if (year + region_index) % 2 == 0:
        meetings.append((_meeting_day(year, 12, _TUESDAY, 1), _TITLE_COMMITTEE))
    return meetings


def _patient_calendar(year: int) -> list[tuple[dt.date, str]]:
    """Two meetings a year (§ 27, stk. 2: at least one); in a term's first year the region first convenes the
    constituting meeting (§ 26, stk. 2)."""
    constituting = [(_CONSTITUTED, _TITLE_CONSTITUTING)] if year == _CONSTITUTED.year else []
    return [
        *constituting,
        (_meeting_day(year, 4, _THURSDAY, 2), _TITLE_PATIENT),
        (_meeting_day(year, 11, _THURSDAY, 1), _TITLE_PATIENT),
    ]


# --- A region -----------------------------------------------------------------------------------------------


class _RegionBuilder:
    def __init__(
        self, reference: ReferenceData, code: str, index: int, people: _People, today: dt.date
    ) -> None:
        self.code = code
        self.index = index
        self.people = people
        self.today = today
        self.region = reference.regions[code]
        self.municipalities = sorted(reference.municipalities_of_region(code), key=lambda m: m.code)
        self.names = {m.code: m.name for m in self.municipalities}
        self.clusters = reference.clusters_of_region(code)
        self.chair_of = _chair_municipalities(self.clusters, self.names)
        self.demo = code == DEMO_REGION_CODE
        self.decisions: list[Decision] = []
        self.meetings: list[Meeting] = []

    # People of the region

    def council_chair(self, term: _Term) -> _Person:
        reelected = int(self.code) % 2 == 1
        return self.people.get(f"{self.code}-regional-chair-{_since(term, reelected)}")

    def council_member(self, term: _Term, seat: int) -> _Person:
        """Regional council members 1–6 (1 and 4 re-elected in 2025)."""
        reelected = seat in (1, 4)
        return self.people.get(f"{self.code}-regional-member-{seat}-{_since(term, reelected)}")

    def mayor(self, term: _Term, municipality: str) -> _Person:
        """About a third of the mayors were re-elected in 2025 (by arithmetic on the municipality code)."""
        reelected = (int(municipality) // 3) % 3 == 0
        return self.people.get(f"{self.code}-mayor-{municipality}-{_since(term, reelected)}")

    # The case

    def build(self) -> RegionCase:
        bodies = [self.committee(), self.patient_committee()]
        for index, cluster in enumerate(self.clusters):
            bodies.append(self.political_level(cluster, index))
            bodies.append(self.professional_level(cluster, index))
        self.decisions.insert(0, self.deadline_decision())
        self.mark_kickoff_meetings()
        return RegionCase(
            region=RegionInfo(code=self.code, name=self.region.name),
            municipalities=tuple(MunicipalityInfo(code=m.code, name=m.name) for m in self.municipalities),
            clusters=tuple(
                ClusterInfo(
                    id=c.id,
                    name=c.name,
                    acute_hospital=c.acute_hospital,
                    municipality_codes=c.municipality_codes,
                )
                for c in self.clusters
            ),
            bodies=tuple(bodies),
            meetings=tuple(
                _with_attendance(bodies, sorted(self.meetings, key=lambda m: (m.date, m.body_id)))
            ),
            agreements=self.agreements(),
            decisions=tuple(self.decisions),
        )

    def add_meetings(
        self,
        body_id: str,
        calendar: Iterable[tuple[dt.date, str]],
        cancelled: Collection[dt.date] = (),
    ) -> None:
        """Meetings before ``today`` are held (or cancelled), the rest planned."""
        for day, title in calendar:
            if not _MEETINGS_FROM <= day <= _MEETINGS_UNTIL:
                continue
            if day >= self.today:
                status = MeetingStatus.PLANNED
            elif day in cancelled:
                status = MeetingStatus.CANCELLED
            else:
                status = MeetingStatus.HELD
            self.meetings.append(
                Meeting(
                    id=f"{body_id}-{day.isoformat()}",
                    body_id=body_id,
                    date=day,
                    status=status,
                    title=title,
                    kind=_KIND_BY_TITLE.get(title, MeetingKind.ORDINARY),
                    patient_committee_invited=title in (_TITLE_ANNUAL, _TITLE_DIALOGUE),
                )
            )

    def years(self) -> range:
        return range(_MEETINGS_FROM.year, _MEETINGS_UNTIL.year + 1)

    # Clusters: the political level (§§ 2–8)

    def political_level(self, cluster: HealthCluster, index: int) -> Body:
        body = _BodyBuilder(
            f"{cluster.id}-political",
            BodyKind.POLITICAL_LEVEL,
            f"{cluster.name} – politisk niveau",
            cluster.id,
        )
        for term in _TERMS:
            body.seat(
                self.council_chair(term),
                MemberRole.REGIONAL_COUNCIL_CHAIR,
                AppointingBody.REGIONAL_COUNCIL,
                term,
                chair=True,
            )
            seats = [1 + index % 6] + ([1 + (index + 3) % 6] if index % 2 == 0 else [])
            for seat in seats:
                body.seat(
                    self.council_member(term, seat),
                    MemberRole.REGIONAL_COUNCIL_MEMBER,
                    AppointingBody.REGIONAL_COUNCIL,
                    term,
                )
            for code in cluster.municipality_codes:
                if term is _CURRENT and (cluster.id, code) in (_CHAIR_WITHOUT_DECISION, _CHAIR_WITH_DECISION):
                    alternate = (
                        MemberRole.MAGISTRATE_MEMBER
                        if (cluster.id, code) == _CHAIR_WITH_DECISION
                        else MemberRole.COMMITTEE_CHAIR
                    )
                    body.seat(
                        self.people.get(f"{self.code}-municipal-committee-chair-{code}-{term.year}"),
                        alternate,
                        AppointingBody.MUNICIPAL_COUNCIL,
                        term,
                        municipality_code=code,
                    )
                    continue
                body.seat(
                    self.mayor(term, code),
                    MemberRole.MAYOR,
                    AppointingBody.MUNICIPAL_COUNCIL,
                    term,
                    municipality_code=code,
                    chair=code == self.chair_of[cluster.id],
                )
            for seat in (1, 2):
                reelected = seat == 1 and index % 2 == 0
                end = None
                if term is _CURRENT and cluster.id == _LOCAL_AGREEMENT_ONE_GP and seat == 2:
                    end = _LOCAL_AGREEMENT_DATE - dt.timedelta(days=1)  # the seat lapsed with the agreement
                body.seat(
                    self.people.get(f"{cluster.id}-political-gp-{seat}-{_since(term, reelected)}"),
                    MemberRole.GENERAL_PRACTITIONER,
                    AppointingBody.PLO,
                    term,
                    end=end,
                )
        if cluster.id == _CHAIR_WITH_DECISION[0]:
            self.decisions.append(self.other_than_mayor_decision(_CHAIR_WITH_DECISION[1]))
        if cluster.id == _LOCAL_AGREEMENT_ONE_GP:
            self.decisions.append(self.local_gp_agreement(body.id))
        for year in self.years():
            self.add_meetings(body.id, _political_calendar(year, index))
        return body.build(
            secretariat=(self.code, self.chair_of[cluster.id]),
            rules_of_procedure=self.rules_adopted(body.id),
        )

    def other_than_mayor_decision(self, municipality: str) -> Decision:
        name = self.names[municipality]
        return Decision(
            id=f"{self.code}-decision-{municipality}-political-participant",
            parameter="political_level.municipal_participant_other_than_mayor",
            subject_id=municipality,
            value=True,
            decided_by=f"{name} Kommunalbestyrelse",
            decision_maker=DecisionMaker.MUNICIPAL_COUNCIL,
            decided_on=_CHAIR_DECISION_DATE,
            reference=f"{name} Kommunalbestyrelse, konstituerende møde {danish_date(_CHAIR_DECISION_DATE)}, pkt. 9",
            note=(
                "Kommunen har magistratsstyre og deltager i sundhedsklyngens politiske niveau ved rådmanden for "
                "Sundhed og Omsorg i stedet for borgmesteren (§ 3, stk. 2)."
            ),
        )

    def local_gp_agreement(self, body_id: str) -> Decision:
        return Decision(
            id=f"{self.code}-decision-{body_id}-general-practitioners",
            parameter="political_level.general_practitioners",
            subject_id=body_id,
            value=1,
            decided_by=f"Regionsrådet og kommunalbestyrelserne i {self.region.name}",
            decision_maker=DecisionMaker.PARTIES,
            decided_on=_LOCAL_AGREEMENT_DATE,
            reference=f"Sundhedssamarbejdsudvalget, møde {danish_date(_LOCAL_AGREEMENT_DATE)}, pkt. 4",
            note="Lokal aftale om én praktiserende læge i klyngens politiske niveau (§ 3, stk. 1: hvor ikke andet aftales).",
        )

    # Clusters: the professional-strategic level (§§ 9–14)

    def professional_level(self, cluster: HealthCluster, index: int) -> Body:
        body = _BodyBuilder(
            f"{cluster.id}-professional",
            BodyKind.PROFESSIONAL_LEVEL,
            f"{cluster.name} – fagligt strategisk niveau",
            cluster.id,
        )
        for term in _TERMS:
            no_psychiatry = term is _CURRENT and cluster.id == _PROFESSIONAL_NO_PSYCHIATRY
            for seat in (1, 2, 3):
                reelected = seat == 1 and index % 2 == 1
                body.seat(
                    self.people.get(f"{cluster.id}-professional-regional-{seat}-{_since(term, reelected)}"),
                    MemberRole.REGIONAL_REPRESENTATIVE,
                    AppointingBody.REGIONAL_COUNCIL,
                    term,
                    covers_psychiatry=seat == 3 and not no_psychiatry,
                    chair=seat == 1,
                )
            for code in cluster.municipality_codes:
                reelected = int(code) % 5 == 0
                body.seat(
                    self.people.get(f"{cluster.id}-professional-municipal-{code}-{_since(term, reelected)}"),
                    MemberRole.MUNICIPAL_REPRESENTATIVE,
                    AppointingBody.MUNICIPAL_COUNCIL,
                    term,
                    municipality_code=code,
                    chair=code == self.chair_of[cluster.id],
                )
            practitioners = 1 if term is _CURRENT and cluster.id == _PROFESSIONAL_ONE_GP else 2
            for seat in range(1, practitioners + 1):
                body.seat(
                    self.people.get(f"{cluster.id}-professional-gp-{seat}-{term.year}"),
                    MemberRole.GENERAL_PRACTITIONER,
                    AppointingBody.PLO,
                    term,
                )
            filled = 1 if term is _CURRENT and cluster.id == _ONE_PATIENT_SEAT_FILLED else 2
            for seat in range(1, filled + 1):
                body.seat(
                    self.people.get(f"{cluster.id}-professional-patient-{seat}-{term.year}"),
                    MemberRole.PATIENT_REPRESENTATIVE,
                    AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE,
                    term,
                )
        for year in self.years():
            self.add_meetings(body.id, _professional_calendar(year, index))
        offer = SeatOffer(
            to=AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE,
            seats=2,
            offered_on=_CURRENT.start + dt.timedelta(days=5),
            reference=f"Brev til patientinddragelsesudvalget i {self.region.name}",
            # The answer is recorded except where one seat stands empty: there the page shows "svar ikke
            # registreret" beside a recorded offer (the offer is the duty either way).
            response=None if cluster.id == _ONE_PATIENT_SEAT_FILLED else OfferResponse.ACCEPTED,
        )
        return body.build(secretariat=(self.code, self.chair_of[cluster.id]), seat_offers=(offer,))

    # The region: the committee (§§ 15–18)

    def committee(self) -> Body:
        body = _BodyBuilder(
            f"{self.code}-committee", BodyKind.COMMITTEE, f"Sundhedssamarbejdsudvalget i {self.region.name}"
        )
        for term in _TERMS:
            body.seat(
                self.council_chair(term),
                MemberRole.REGIONAL_COUNCIL_CHAIR,
                AppointingBody.REGIONAL_COUNCIL,
                term,
                chair=True,
            )
            for seat in (1, 2):
                body.seat(
                    self.council_member(term, seat),
                    MemberRole.REGIONAL_COUNCIL_MEMBER,
                    AppointingBody.REGIONAL_COUNCIL,
                    term,
                )
            for position, cluster in enumerate(self.clusters):
                municipality = self.chair_of[cluster.id]
                if term is _CURRENT and (self.code, cluster.id) == _MISMATCHED_COMMITTEE_MAYOR:
                    municipality = next(c for c in cluster.municipality_codes if c != municipality)
                body.seat(
                    self.mayor(term, municipality),
                    MemberRole.MAYOR,
                    AppointingBody.MUNICIPALITIES_JOINTLY,
                    term,
                    municipality_code=municipality,
                    cluster_id=cluster.id,
                    vice_chair=position == 0,
                )
            for seat in (1, 2):
                reelected = seat == 1
                body.seat(
                    self.people.get(f"{self.code}-committee-gp-{seat}-{_since(term, reelected)}"),
                    MemberRole.GENERAL_PRACTITIONER,
                    AppointingBody.PLO,
                    term,
                )
        for year in self.years():
            calendar = _committee_calendar(year, self.index)
            cancelled: list[dt.date] = []
            if self.demo and year == _COMMITTEE_SHORT_YEAR:
                # Shortfall 5: the September meeting was cancelled and no December meeting was held.
                calendar = [(day, title) for day, title in calendar if day.month != 12]
                cancelled = [day for day, _ in calendar if day.month == 9]
            self.add_meetings(body.id, calendar, cancelled)
        first_municipality = min(m.code for m in self.municipalities)
        return body.build(
            secretariat=(self.code, first_municipality), rules_of_procedure=self.rules_adopted(body.id)
        )

    # The region: the patient involvement committee (§§ 24–28)

    def patient_committee(self) -> Body:
        body = _BodyBuilder(
            f"{self.code}-patient-committee",
            BodyKind.PATIENT_COMMITTEE,
            f"Patientinddragelsesudvalget i {self.region.name}",
        )
        seats: tuple[tuple[AppointingBody, tuple[Representation | None, ...]], ...] = (
            (
                AppointingBody.DANSKE_PATIENTER,
                (Representation.SOMATIC, Representation.PSYCHIATRIC, Representation.BOTH),
            ),
            (
                AppointingBody.DANSKE_HANDICAPORGANISATIONER,
                (Representation.SOMATIC, Representation.PSYCHIATRIC, Representation.SOMATIC),
            ),
            (AppointingBody.REGIONSAELDRERAADET, (None,)),
            (AppointingBody.AELDRE_SAGEN, (None,)),
        )
        for term in _TERMS:
            for organisation, represents in seats:
                if term is _CURRENT and self.demo and organisation is _VACANT_PATIENT_SEAT:
                    continue  # shortfall 6: the seat is vacant
                for seat, representation in enumerate(represents, start=1):
                    reelected = seat == 1 and organisation is AppointingBody.DANSKE_PATIENTER
                    person = self.people.get(
                        f"{self.code}-patient-committee-{_slug(organisation.value)}-{seat}-{_since(term, reelected)}"
                    )
                    body.seat(
                        person,
                        MemberRole.PATIENT_REPRESENTATIVE,
                        organisation,
                        term,
                        represents=representation,
                        chair=seat == 1 and organisation is AppointingBody.DANSKE_PATIENTER,
                        vice_chair=seat == 1 and organisation is AppointingBody.DANSKE_HANDICAPORGANISATIONER,
                    )
            substitutes = [AppointingBody.DANSKE_PATIENTER]
            if (self.index + term.year) % 2 == 0:
                substitutes.append(AppointingBody.DANSKE_HANDICAPORGANISATIONER)
            for organisation in substitutes:
                body.seat(
                    self.people.get(
                        f"{self.code}-patient-committee-{_slug(organisation.value)}-substitute-{term.year}"
                    ),
                    MemberRole.PATIENT_REPRESENTATIVE,
                    organisation,
                    term,
                    substitute=True,
                )
        for year in self.years():
            self.add_meetings(body.id, _patient_calendar(year))
        recorded = (self.code, "patient-committee") != _PROCEDURE_NOT_RECORDED
        return body.build(
            secretariat=(self.code,),
            rules_of_procedure=self.rules_adopted(body.id) if recorded else None,
        )

    def rules_adopted(self, body_id: str) -> RulesOfProcedure:
        return RulesOfProcedure(
            adopted_on=_CONSTITUTED,
            reference=f"Referat af konstituerende møde {danish_date(_CONSTITUTED)}, pkt. 2 ({body_id})",
        )

    # Health agreements (§§ 19–22, § 31, stk. 3)

    def deadline_decision(self) -> Decision:
        return Decision(
            id=f"{self.code}-decision-submission-deadline",
            parameter="agreement.submission_deadline",
            # Tied to this agreement, so the moved deadline never reaches the next period's agreement.
            subject_id=f"{self.code}-sundhedsaftale-2024-2027",
            value="2024-01-01",
            decided_by="Sundhedsstyrelsen",
            decision_maker=DecisionMaker.AUTHORITY,
            decided_on=dt.date(2023, 3, 1),
            reference="Demo: udsættelse af indsendelsesfrist (§ 21, stk. 5)",
            note=(
                "Demodata: en tænkt afgørelse om en anden frist for indsendelse af sundhedsaftalerne for "
                "valgperioden 2022–2025, ikke en registreret afgørelse fra Sundhedsstyrelsen."
            ),
        )

    def agreement_facts(self) -> RegionFacts:
        return RegionFacts(
            code=self.code,
            name=self.region.name,
            index=self.index,
            municipalities=tuple((m.code, m.name) for m in self.municipalities),
            clusters=tuple(ClusterRef(c.id, c.name) for c in self.clusters),
            today=self.today,
            working_day=_working_day,
        )

    def committee_days(self) -> CommitteeDays:
        return committee_days(lambda year, month: _meeting_day(year, month, _TUESDAY, 2))

    def mark_kickoff_meetings(self) -> None:
        """The committee meets the patient involvement committee before each draft (§ 29, stk. 1): at its March
        2023 meeting for the agreement 2024–2027 and, in the demo region, its September 2026 meeting for the next."""
        days = self.committee_days()
        kickoffs = {days.kickoff: ("Sundhedsaftale 2024–2027", 2023)}
        if self.demo:
            kickoffs[days.next_kickoff] = ("Sundhedsaftale 2028–2031", 2027)
        committee = f"{self.code}-committee"
        self.meetings = [
            kickoff_meeting(m, *kickoffs[m.date]) if m.body_id == committee and m.date in kickoffs else m
            for m in self.meetings
        ]

    def agreements(self) -> tuple[HealthAgreement, ...]:
        facts = self.agreement_facts()
        days = self.committee_days()
        if self.demo:
            content = sjaelland_content(facts.clusters)
        else:
            content = regional_content(
                self.region.name, _AGREEMENT_PREFIXES[self.code], _DATA_PORTALS[self.code], facts.clusters
            )
        current = agreement_2024(facts, days, content)
        if not self.demo:
            return (current,)
        draft = draft_agreement_2028(facts, days, sjaelland_draft_content())
        previous = HealthAgreement(
            id=f"{self.code}-sundhedsaftale-2019-2023",
            title="Sundhedsaftale 2019–2023",
            election_period_start=2018,
            legal_basis="bek-679-2018",
            version_number="1.0",
            effective_date=dt.date(2019, 9, 1),
            parties=facts.parties,
            submissions=(
                AgreementSubmission(
                    submitted_on=dt.date(2019, 6, 28), received_on=dt.date(2019, 7, 1), version_number="1.0"
                ),
            ),
            decisions=(
                AuthorityDecision(
                    kind=AuthorityDecisionKind.APPROVED,
                    decided_on=dt.date(2019, 8, 15),
                    reference="Sundhedsstyrelsens godkendelse af 15. august 2019",
                ),
            ),
            # Its follow-up under the 2022 order (§ 31, stk. 3): the final status before its expiry on 31 August
            # 2023, and the yearly review of 2023, the last calendar year it governed.
            yearly_reviews=(legacy_review(_meeting_day(2023, 11, _TUESDAY, 2)),),
            status_reports=(legacy_final_status(),),
        )
        return (previous, current) if draft is None else (previous, current, draft)
