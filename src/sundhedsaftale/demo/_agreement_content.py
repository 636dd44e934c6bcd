"""What the demo health agreements say: vision, goals, target groups, collaboration agreements (fictional).

The text is demo data written for the platform, in the shape and size of a real agreement under vejledningens
kapitel 3–4; no sentence is quoted from a real agreement and every figure is made up. Data sources such as
"Sjællandsportalen" stand for the kind of portal a region uses.

Region Sjælland's agreement 2024–2027 is written out in full and carries two deliberate gaps the assessment
is meant to show as advice (as Sundhedsstyrelsen's real letter did): one cluster has no goal of its own, and
one collaboration agreement leaves one framework element open. The other regions share one compact template,
complete in every respect, filled in with the region's name, clusters and data portal.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..core.case import (
    AgreementContent,
    Attachment,
    CareProgramme,
    ClusterGoal,
    CollaborationAgreement,
    CollaborationModel,
    Coverage,
    ElementCoverage,
    FrameworkElement,
    OverarchingGoal,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)

__all__ = [
    "SJAELLAND_CLUSTER_WITHOUT_GOAL",
    "SJAELLAND_OPEN_ELEMENT",
    "ClusterRef",
    "regional_content",
    "sjaelland_content",
    "sjaelland_draft_content",
]

E = FrameworkElement

# Region Sjælland's deliberate gaps (advice, not requirements): no own goal for this cluster, and this
# framework element left open in this collaboration agreement.
SJAELLAND_CLUSTER_WITHOUT_GOAL = "sjaelland-nykoebing"
SJAELLAND_OPEN_ELEMENT = ("sja-sa-boern-unge", E.CHANGED_TASKS_AND_ECONOMY)


@dataclass(frozen=True)
class ClusterRef:
    """The little the content needs to know about a cluster."""

    id: str
    name: str


# --- Building blocks -------------------------------------------------------------------------------------------


def _criterion(text: str, indicator: str, target: str, data_source: str) -> SuccessCriterion:
    return SuccessCriterion(text=text, indicator=indicator, target=target, data_source=data_source)


def _sub(
    goal_id: str, number: int, title: str, *criteria: SuccessCriterion, description: str = ""
) -> SubGoal:
    return SubGoal(id=f"{goal_id}-d{number}", title=title, description=description, success_criteria=criteria)


def _elements(
    notes: Mapping[FrameworkElement, str],
    *,
    not_relevant: Mapping[FrameworkElement, str] | None = None,
    missing: Collection[FrameworkElement] = (),
) -> tuple[ElementCoverage, ...]:
    """All eight elements in the guidance's order; each is addressed, not relevant (with why) or missing."""
    reasons = not_relevant or {}
    result = []
    for element in FrameworkElement:
        if element in missing:
            result.append(ElementCoverage(element=element, coverage=Coverage.MISSING))
        elif element in reasons:
            result.append(
                ElementCoverage(element=element, coverage=Coverage.NOT_RELEVANT, note=reasons[element])
            )
        else:
            result.append(ElementCoverage(element=element, coverage=Coverage.ADDRESSED, note=notes[element]))
    return tuple(result)


# --- Region Sjælland, Sundhedsaftale 2024–2027 ---------------------------------------------------------------

_SJ_PORTAL = "Sjællandsportalen"

_SJ_VISION = (
    "Sammen skaber vi et sammenhængende sundhedsvæsen tæt på borgeren, hvor flere lever længe med god "
    "livskvalitet, og hvor borgere, patienter og pårørende oplever én indgang, ét forløb og et fælles ansvar "
    "på tværs af sygehuse, kommuner og almen praksis – uanset hvor i Region Sjælland de bor."
)

_SJ_VALUES = (
    "Borgeren og de pårørende er aktive partnere i eget forløb",
    "Lighed i sundhed gennem differentierede indsatser efter behov",
    "Det nære sundhedsvæsen først – behandling så tæt på hjemmet som fagligt forsvarligt",
    "Fælles ansvar for den fælles borger og for de fælles ressourcer",
    "Beslutninger på grundlag af viden og fælles data",
)

_SJ_TARGET_GROUPS = (
    TargetGroup(
        id="sja-mg-aeldre",
        name="Ældre medicinske patienter",
        description=(
            "Borgere på 65 år og derover med en eller flere medicinske sygdomme, nedsat funktionsevne eller "
            "hyppige indlæggelser; gruppen vokser med 28 % frem mod 2030 i regionens fremskrivning."
        ),
        knowledge_basis=(
            "Sundhedsstyrelsens faglige anbefalinger for forebyggelse og tidlig opsporing hos ældre",
            "Evaluering af indsatsen 'Tryghed og mestring i eget hjem' i Sundhedsaftalen 2019–2023",
        ),
        data_sources=(
            "Risikostratificering af borgere 65+ efter indlæggelsesmønster og multisygdom (Sjællandsportalen)",
            "eSundhed: forebyggelige indlæggelser og akutte genindlæggelser pr. kommune",
        ),
    ),
    TargetGroup(
        id="sja-mg-kronisk",
        name="Borgere med kronisk sygdom og multisygdom",
        description=(
            "Borgere med KOL, type 2-diabetes, hjertesvigt eller flere samtidige kroniske sygdomme, særligt "
            "dem med kort uddannelse, hvor sygdomsbyrden i regionen ligger over landsgennemsnittet."
        ),
        knowledge_basis=(
            "Nationale kliniske retningslinjer for KOL, type 2-diabetes og hjerterehabilitering",
            "Den generiske model for forløbsprogrammer for kronisk sygdom",
        ),
        data_sources=(
            "Register for udvalgte kroniske sygdomme (RUKS), Sundhedsdatastyrelsen",
            "Den Nationale Sundhedsprofil 2021, resultater for Region Sjælland",
        ),
    ),
    TargetGroup(
        id="sja-mg-boern-unge",
        name="Børn og unge med psykisk mistrivsel",
        description=(
            "Børn og unge 0–24 år med tegn på psykisk mistrivsel eller begyndende psykisk lidelse, herunder "
            "angst, depression, spiseforstyrrelser og selvskade."
        ),
        knowledge_basis=(
            "10-årsplanen for psykiatri og mental sundhed, indsatsområdet for børn og unge",
            "Forskning i effekten af tidlige, lettilgængelige indsatser i kommunalt regi",
        ),
        data_sources=(
            "Skolernes trivselsmåling og sundhedsplejens registreringer (kommunale data i Sjællandsportalen)",
            "Henvisninger og ventetider i børne- og ungdomspsykiatrien, Region Sjælland",
        ),
    ),
    TargetGroup(
        id="sja-mg-psykisk",
        name="Voksne med psykisk lidelse",
        description=(
            "Voksne med svær eller langvarig psykisk lidelse, herunder borgere med samtidigt misbrug, som "
            "har 15–20 års kortere levetid end befolkningen i øvrigt."
        ),
        knowledge_basis=(
            "Forløbsbeskrivelser for voksne med svære psykiske lidelser (10-årsplanen for psykiatri)",
            "Viden om somatisk overdødelighed blandt mennesker med psykisk lidelse",
        ),
        data_sources=(
            "Landspatientregisteret: kontakter i psykiatrien og somatiske indlæggelser",
            "Sygesikringsregisteret: årlige kontroller i almen praksis",
        ),
    ),
    TargetGroup(
        id="sja-mg-gravide",
        name="Sårbare gravide og familier",
        description=(
            "Gravide og nybagte forældre med psykosociale eller sundhedsmæssige udfordringer, der har brug "
            "for en koordineret indsats fra jordemoder, almen praksis, sundhedspleje og socialområde."
        ),
        knowledge_basis=(
            "Sundhedsstyrelsens anbefalinger for svangreomsorgen",
            "Erfaringer med familieambulatorier og tværsektorielle graviditetsplaner",
        ),
        data_sources=(
            "Fødselsregisteret og fødeafdelingernes registrering af sårbare gravide",
            "Sundhedsplejens første besøg registreret i kommunerne",
        ),
    ),
    TargetGroup(
        id="sja-mg-udsatte",
        name="Borgere i socialt udsatte positioner",
        description=(
            "Borgere med kort uddannelse, uden for arbejdsmarkedet eller i hjemløshed, som bruger "
            "sundhedsvæsenet sent og sjældnere får tilbud om forebyggelse og rehabilitering."
        ),
        knowledge_basis=(
            "Sundhedsstyrelsens rapport om social ulighed i sundhed og sygdom",
            "Den Nationale Sundhedsprofil: sundhedsadfærd efter uddannelse",
        ),
        data_sources=(
            "Den Nationale Sundhedsprofil 2021 opdelt på kommune og uddannelse",
            "Deltagelse i kommunale forebyggelsestilbud efter uddannelsesniveau (Sjællandsportalen)",
        ),
    ),
)


def _sj_goals() -> tuple[OverarchingGoal, ...]:
    g1, g2, g3, g4, g5 = "sja-m1", "sja-m2", "sja-m3", "sja-m4", "sja-m5"
    return (
        OverarchingGoal(
            id=g1,
            title="Tryghed og mestring i eget hjem",
            description=(
                "Flere ældre og borgere med kronisk sygdom kan mestre hverdagen i eget hjem og undgår "
                "indlæggelser, der kunne være forebygget med en tidlig, fælles indsats."
            ),
            national_goals=(1, 2),
            target_group_ids=("sja-mg-aeldre", "sja-mg-kronisk"),
            sub_goals=(
                _sub(
                    g1,
                    1,
                    "Færre forebyggelige indlæggelser blandt ældre",
                    _criterion(
                        "Antallet af forebyggelige indlæggelser blandt borgere på 65 år og derover falder",
                        "Forebyggelige indlæggelser pr. 1.000 borgere på 65 år og derover",
                        "under 38 pr. 1.000 i 2027 (2022: 44)",
                        "eSundhed",
                    ),
                ),
                _sub(
                    g1,
                    2,
                    "Færre akutte genindlæggelser efter udskrivning",
                    _criterion(
                        "Færre ældre genindlægges akut kort efter udskrivning",
                        "Andel akutte genindlæggelser inden for 30 dage blandt borgere på 67 år og derover",
                        "under 8 % i 2027",
                        "Landspatientregisteret",
                    ),
                ),
                _sub(
                    g1,
                    3,
                    "Akutfunktionerne bruges som alternativ til indlæggelse",
                    _criterion(
                        "Akutfunktionens indsats gør en indlæggelse unødvendig",
                        "Andel af forløb i den kommunale akutfunktion uden indlæggelse inden for 48 timer",
                        "mindst 85 % i 2026",
                        _SJ_PORTAL,
                    ),
                    _criterion(
                        "Almen praksis og vagtlæger kan nå akutfunktionen døgnet rundt",
                        "Andel af kommunale akutfunktioner med døgndækning og fælles telefonnummer",
                        "100 % i 2025",
                        "Kommunernes opgørelse til Sundhedssamarbejdsudvalget",
                    ),
                ),
                _sub(
                    g1,
                    4,
                    "Borgere og pårørende oplever tryghed efter udskrivning",
                    _criterion(
                        "Flere oplever sig trygge ved at komme hjem",
                        "Andel af udskrevne borgere 65+, der svarer 'i høj grad' tryg",
                        "mindst 80 % i 2027",
                        "LUP Somatik",
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g2,
            title="Sammenhængende og sikre forløb på tværs af sektorer",
            description=(
                "Overgange mellem sygehus, kommune og almen praksis sker rettidigt, med afstemt medicin og "
                "med borgeren og de pårørende som aktive deltagere."
            ),
            national_goals=(1, 3, 6),
            target_group_ids=("sja-mg-aeldre", "sja-mg-kronisk", "sja-mg-psykisk"),
            sub_goals=(
                _sub(
                    g2,
                    1,
                    "Rettidig kommunikation ved udskrivning",
                    _criterion(
                        "Egen læge og kommunen har epikrisen, når borgeren kommer hjem",
                        "Andel udskrivningsepikriser sendt senest 1 hverdag efter udskrivning",
                        "mindst 95 % i 2025",
                        "MedCom-statistik",
                    ),
                ),
                _sub(
                    g2,
                    2,
                    "Afstemt medicin i alle sektorovergange",
                    _criterion(
                        "Medicinkortet er afstemt, når borgeren udskrives",
                        "Andel udskrivninger med afstemt Fælles Medicinkort",
                        "mindst 90 % i 2026",
                        "FMK-statistik, Sundhedsdatastyrelsen",
                    ),
                    _criterion(
                        "Færre utilsigtede hændelser med medicin i overgange",
                        "Rapporterede utilsigtede hændelser om medicin i sektorovergange pr. kvartal",
                        "fald på 20 % fra 2023 til 2027",
                        "Dansk Patientsikkerhedsdatabase",
                    ),
                ),
                _sub(
                    g2,
                    3,
                    "Hurtig start på genoptræning",
                    _criterion(
                        "Genoptræningen begynder hurtigt efter udskrivning",
                        "Andel genoptræningsforløb startet inden for 7 dage efter modtaget plan",
                        "mindst 80 % i 2026",
                        _SJ_PORTAL,
                    ),
                ),
                _sub(
                    g2,
                    4,
                    "Patienter og pårørende inddrages i beslutninger om forløbet",
                    _criterion(
                        "Flere oplever at være inddraget",
                        "Andel, der oplever at være inddraget i beslutninger om udskrivning",
                        "mindst 75 % i 2027",
                        "LUP Somatik og LUP Psykiatri",
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g3,
            title="Mental sundhed og trivsel hos børn og unge",
            description=(
                "Børn og unge i mistrivsel får hjælp tidligt og tæt på deres hverdag, og forløb mellem "
                "kommune, almen praksis og børne- og ungdomspsykiatri hænger sammen."
            ),
            national_goals=(1, 5, 7),
            target_group_ids=("sja-mg-boern-unge",),
            sub_goals=(
                _sub(
                    g3,
                    1,
                    "Tidlig indsats i kommunalt regi",
                    _criterion(
                        "Flere børn og unge får et tidligt tilbud før henvisning",
                        "Andel henviste børn og unge, der forinden har fået et kommunalt tidligt tilbud",
                        "mindst 60 % i 2027",
                        _SJ_PORTAL,
                    ),
                ),
                _sub(
                    g3,
                    2,
                    "Udredning inden for udredningsretten",
                    _criterion(
                        "Børn og unge udredes til tiden",
                        "Andel udredt inden for 30 dage i børne- og ungdomspsykiatrien",
                        "mindst 90 % i 2026",
                        "eSundhed",
                    ),
                ),
                _sub(
                    g3,
                    3,
                    "Koordinerede forløb efter afsluttet behandling",
                    _criterion(
                        "Overgangen tilbage til kommunen er planlagt",
                        "Andel afsluttede forløb med fælles plan for opfølgning i kommunen",
                        "mindst 80 % i 2027",
                        "Region Sjællands psykiatriregistrering",
                    ),
                ),
                _sub(
                    g3,
                    4,
                    "Færre unge skader sig selv",
                    _criterion(
                        "Kontakter for selvskade blandt unge falder",
                        "Sygehuskontakter for selvskade pr. 10.000 10–24-årige",
                        "fald på 15 % fra 2022 til 2027",
                        "Landspatientregisteret",
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g4,
            title="Lighed i sundhed og flere sunde leveår",
            description=(
                "Forskellen i sundhed mellem borgere med kort og lang uddannelse og mellem regionens "
                "kommuner mindskes gennem forebyggelse og differentierede tilbud."
            ),
            national_goals=(2, 7),
            target_group_ids=("sja-mg-udsatte", "sja-mg-psykisk", "sja-mg-gravide"),
            sub_goals=(
                _sub(
                    g4,
                    1,
                    "Færre dagligrygere",
                    _criterion(
                        "Andelen af dagligrygere falder, også blandt kortuddannede",
                        "Andel dagligrygere blandt voksne",
                        "under 11 % i 2027 (2021: 14 %)",
                        "Den Nationale Sundhedsprofil",
                    ),
                ),
                _sub(
                    g4,
                    2,
                    "Somatisk opfølgning for mennesker med psykisk lidelse",
                    _criterion(
                        "Flere med svær psykisk lidelse får en årlig helbredsundersøgelse",
                        "Andel med svær psykisk lidelse og årlig somatisk kontrol hos egen læge",
                        "mindst 70 % i 2027",
                        "Sygesikringsregisteret",
                    ),
                ),
                _sub(
                    g4,
                    3,
                    "Sårbare gravide får en fælles plan tidligt",
                    _criterion(
                        "Sårbare gravide har en tværsektoriel plan før 24. graviditetsuge",
                        "Andel sårbare gravide med tværsektoriel plan inden uge 24",
                        "mindst 90 % i 2026",
                        "Fødeafdelingernes registrering i Sjællandsportalen",
                    ),
                ),
                _sub(
                    g4,
                    4,
                    "Patientuddannelse når de borgere, der har størst behov",
                    _criterion(
                        "Flere kortuddannede deltager i patientuddannelse",
                        "Andel deltagere med højst grundskole som uddannelse",
                        "mindst 40 % i 2027",
                        "Kommunernes registrering af forebyggelsestilbud",
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g5,
            title="Et bæredygtigt sundhedsvæsen med det nære i centrum",
            description=(
                "Opgaverne løses dér, hvor det giver mest sundhed for ressourcerne, og mere behandling flytter "
                "tættere på borgeren med understøttelse fra sygehusene."
            ),
            national_goals=(4, 8),
            target_group_ids=("sja-mg-kronisk", "sja-mg-aeldre"),
            sub_goals=(
                _sub(
                    g5,
                    1,
                    "Flere forløb i eget hjem med telemedicin",
                    _criterion(
                        "Telemedicin er et tilbud til alle relevante borgere med KOL og hjertesvigt",
                        "Antal borgere i telemedicinsk forløb",
                        "mindst 2.500 i 2027",
                        _SJ_PORTAL,
                    ),
                ),
                _sub(
                    g5,
                    2,
                    "Almen praksis er tilgængelig for kommunale samarbejdspartnere",
                    _criterion(
                        "Kommunale sygeplejersker får svar fra lægen samme dag",
                        "Andel korrespondancemeddelelser fra kommunen besvaret samme hverdag",
                        "mindst 90 % i 2026",
                        "MedCom-statistik",
                    ),
                ),
                _sub(
                    g5,
                    3,
                    "Stabile kroniske forløb følges i almen praksis",
                    _criterion(
                        "Flere stabile forløb med type 2-diabetes følges hos egen læge",
                        "Andel borgere med type 2-diabetes uden ambulant sygehuskontrol",
                        "mindst 85 % i 2027",
                        "Register for udvalgte kroniske sygdomme",
                    ),
                ),
                _sub(
                    g5,
                    4,
                    "Færre færdigbehandlingsdage",
                    _criterion(
                        "Borgere venter ikke på sygehus, når de er færdigbehandlede",
                        "Antal færdigbehandlingsdage i somatikken pr. år",
                        "under 1.500 i 2027",
                        "Region Sjællands ledelsesinformation i Sjællandsportalen",
                    ),
                ),
            ),
        ),
    )


_SJ_GENERAL_PRACTICE = (
    "Almen praksis er borgerens faste indgang til sundhedsvæsenet og tovholder for den medicinske behandling "
    "af borgere med kronisk sygdom og multisygdom. Sundhedsaftalen forpligter parterne til at styrke almen "
    "praksis' rolle i omstillingen til det nære sundhedsvæsen, så flere stabile forløb følges hos egen læge "
    "med rådgivning fra sygehusets specialister.\n\n"
    "Almen praksis rådgiver og superviserer kommunernes sygeplejersker og akutfunktioner, er tilgængelig "
    "for samarbejdspartnere i dagtiden på et fælles telefonnummer og besvarer korrespondancemeddelelser "
    "samme hverdag. Sygehusene giver almen praksis adgang til telefonisk rådgivning hos speciallæger inden for "
    "de medicinske specialer og psykiatrien.\n\n"
    "Aftalens rammer for almen praksis udmøntes i Praksisplan for almen praksis 2024–2027, og nye opgaver "
    "forudsætter en lokal aftale mellem Region Sjælland og PLO-Sjælland om implementering og ressourcer. "
    "Sundhedssamarbejdsudvalget drøfter årligt behovet for sådanne aftaler, og praktiserende læger deltager "
    "i alle fire sundhedsklyngers politiske og faglige strategiske niveau."
)

_SJ_CLUSTER_GOALS = {
    "sjaelland-holbaek": (
        "Færre indlæggelser af borgere fra plejecentre i Odsherred og Kalundborg",
        "Klyngen har flere plejecenterbeboere med akutte indlæggelser end regionens gennemsnit og afprøver "
        "fælles akutteam og faste lægeordninger på plejecentrene.",
        "Akutte indlæggelser pr. 100 plejecenterbeboere pr. år",
    ),
    "sjaelland-koege": (
        "Sammenhængende forløb for børn og unge med psykisk mistrivsel i Køge- og Roskildeområdet",
        "Klyngen har regionens største gruppe af unge og vil samle kommunernes tidlige tilbud og "
        "børne- og ungdomspsykiatrien om én fælles indgang.",
        "Andel henvisninger, der afklares på fælles visitationsmøde inden for 14 dage",
    ),
    "sjaelland-slagelse": (
        "Flere borgere med KOL og hjertesvigt i rehabilitering tæt på hjemmet",
        "Klyngen har høj forekomst af KOL og vil flytte rehabilitering fra sygehus til kommunale "
        "sundhedscentre med fælles kompetenceudvikling.",
        "Andel borgere med KOL, der påbegynder rehabilitering inden for 4 uger efter henvisning",
    ),
}


def _sj_cluster_goals(clusters: Sequence[ClusterRef]) -> tuple[ClusterGoal, ...]:
    goals = []
    for cluster in clusters:
        if cluster.id == SJAELLAND_CLUSTER_WITHOUT_GOAL or cluster.id not in _SJ_CLUSTER_GOALS:
            continue
        title, description, indicator = _SJ_CLUSTER_GOALS[cluster.id]
        goals.append(
            ClusterGoal(
                id=f"{cluster.id}-maal-1",
                cluster_id=cluster.id,
                title=title,
                description=description,
                indicator=indicator,
            )
        )
    return tuple(goals)


def _sj_collaboration_agreements() -> tuple[CollaborationAgreement, ...]:
    return (
        CollaborationAgreement(
            id="sja-sa-udskrivning",
            title="Samarbejdsaftale om udskrivning og genoptræning",
            description="Udskrivning fra somatiske sygehuse til eget hjem, plejebolig eller midlertidigt ophold.",
            goal_ids=("sja-m1", "sja-m2"),
            target_group_ids=("sja-mg-aeldre", "sja-mg-kronisk"),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Sygehuset udarbejder genoptræningsplan, kommunen leverer genoptræningen.",
                    E.GOALS: "Mål for rettidig epikrise og start på genoptræning, jf. delmål 2.1 og 2.3.",
                    E.CAPACITY: "Kommunerne melder kapacitet til midlertidige pladser kvartalsvis.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Behandlingsansvaret overgår til egen læge ved udskrivning.",
                    E.COMPETENCES_AND_ADVICE: "Sygehusets udgående team rådgiver kommunen de første 14 dage.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Medicin til 3 dage og hjælpemidler udleveres ved udskrivning.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Kvartalsvis opfølgning i klyngerne på data fra Sjællandsportalen.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Nye opgaver til kommunen forudsætter aftale om finansiering.",
                }
            ),
        ),
        CollaborationAgreement(
            id="sja-sa-akut",
            title="Samarbejdsaftale om kommunale akutfunktioner og akutte forløb",
            description="Kvalitetsstandarder, henvisning og lægelig opfølgning for de kommunale akutfunktioner.",
            goal_ids=("sja-m1", "sja-m5"),
            target_group_ids=("sja-mg-aeldre", "sja-mg-kronisk"),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Akutfunktionen løser opgaver efter Sundhedsstyrelsens kvalitetsstandarder.",
                    E.GOALS: "Mål for forløb uden indlæggelse og døgndækning, jf. delmål 1.3.",
                    E.CAPACITY: "Hver kommune sikrer døgndækning; kapaciteten drøftes årligt i klyngen.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Den henvisende læge har behandlingsansvaret under forløbet.",
                    E.COMPETENCES_AND_ADVICE: "Akutlæge på sygehuset rådgiver akutfunktionen hele døgnet.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Fælles akutmedicinliste og point-of-care-udstyr i alle kommuner.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Halvårlig opfølgning på aktivitet og kvalitet i klyngerne.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Opgaveflytning ud over standarden aftales med økonomi i klyngen.",
                }
            ),
        ),
        CollaborationAgreement(
            id="sja-sa-boern-unge",
            title="Samarbejdsaftale om børn og unge med psykisk mistrivsel",
            description="Tidlig indsats, henvisning, udredning og overgange mellem kommune og psykiatri.",
            goal_ids=("sja-m3",),
            target_group_ids=("sja-mg-boern-unge",),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Kommunen står for tidlig indsats, BUP for udredning og behandling.",
                    E.GOALS: "Mål for tidlig indsats og udredningstid, jf. delmål 3.1 og 3.2.",
                    E.CAPACITY: "Fælles visitationsmøder i hver klynge hver 14. dag.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Forløbsbeskrivelserne fra 10-årsplanen lægges til grund.",
                    E.COMPETENCES_AND_ADVICE: "Børne- og ungdomspsykiatrien rådgiver PPR og almen praksis.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Fælles plan deles via korrespondancemeddelelser og Sundhedsjournalen.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Årlig opfølgning i Sundhedssamarbejdsudvalget på data fra klyngerne.",
                },
                missing=(E.CHANGED_TASKS_AND_ECONOMY,),
            ),
        ),
        CollaborationAgreement(
            id="sja-sa-medicin",
            title="Samarbejdsaftale om medicinhåndtering",
            description="Medicinafstemning, dosisdispensering og ansvar for medicinen i sektorovergange.",
            goal_ids=("sja-m2",),
            target_group_ids=("sja-mg-aeldre", "sja-mg-psykisk"),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Den ordinerende læge afstemmer FMK; kommunen administrerer medicinen.",
                    E.GOALS: "Mål for afstemt medicinkort og færre hændelser, jf. delmål 2.2.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Ansvaret følger den læge, der senest har ordineret.",
                    E.COMPETENCES_AND_ADVICE: "Sygehusapotekets farmaceuter rådgiver kommunerne om medicin.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "FMK bruges af alle parter; medicin til 3 dage ved udskrivning.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Hændelser følges kvartalsvis i klyngernes faglige niveau.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Ændret dosisdispensering aftales særskilt med økonomi.",
                },
                not_relevant={
                    E.CAPACITY: "Aftalen flytter ingen opgaver; kapaciteten følger af de eksisterende opgaver.",
                },
            ),
        ),
        CollaborationAgreement(
            id="sja-sa-aeldre",
            title="Samarbejdsaftale om ældre medicinske patienter",
            description="Tidlig opsporing, opfølgende hjemmebesøg og fælles plan for de svageste ældre.",
            goal_ids=("sja-m1", "sja-m5"),
            target_group_ids=("sja-mg-aeldre",),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Kommunen opsporer, almen praksis vurderer, sygehuset rådgiver.",
                    E.GOALS: "Mål for forebyggelige indlæggelser og tryghed, jf. delmål 1.1 og 1.4.",
                    E.CAPACITY: "Opfølgende hjemmebesøg inden for 3 dage; kapacitet drøftes i klyngerne.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Egen læge har det lægelige ansvar mellem indlæggelser.",
                    E.COMPETENCES_AND_ADVICE: "Geriatrisk rådgivning fra sygehuset til almen praksis og kommune.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Fælles opsporingsværktøj og data i Sjællandsportalen.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Implementeres klynge for klynge i 2024–2025 med halvårlig status.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Flytning af opgaver følger principperne i afsnit 4 i aftalen.",
                }
            ),
        ),
        CollaborationAgreement(
            id="sja-sa-graviditet",
            title="Samarbejdsaftale om graviditet, fødsel og barsel",
            description="Svangreomsorg og sammenhæng for sårbare gravide mellem jordemoder, læge og sundhedspleje.",
            goal_ids=("sja-m4",),
            target_group_ids=("sja-mg-gravide",),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Opgaverne følger Sundhedsstyrelsens anbefalinger for svangreomsorgen.",
                    E.GOALS: "Mål for tværsektoriel plan for sårbare gravide, jf. delmål 4.3.",
                    E.CAPACITY: "Familieambulatoriet og sundhedsplejen aftaler kapacitet årligt.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Ansvaret overgår fra fødested til sundhedspleje ved udskrivning.",
                    E.COMPETENCES_AND_ADVICE: "Jordemødre og sundhedsplejersker har fælles temadage.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Graviditetsplanen deles digitalt med sundhedsplejen.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Opfølgning på data fra fødeafdelingerne en gang om året.",
                },
                not_relevant={
                    E.CHANGED_TASKS_AND_ECONOMY: "Aftalen ændrer ikke arbejdsdelingen i svangreomsorgen.",
                },
            ),
        ),
    )


@cache
def sjaelland_content(clusters: tuple[ClusterRef, ...]) -> AgreementContent:
    """Region Sjælland's agreement 2024–2027: 5 goals, 20 sub-goals, 6 collaboration agreements."""
    return AgreementContent(
        vision=_SJ_VISION,
        values=_SJ_VALUES,
        general_practice=_SJ_GENERAL_PRACTICE,
        overarching_goals=_sj_goals(),
        target_groups=_SJ_TARGET_GROUPS,
        cluster_goals=_sj_cluster_goals(clusters),
        collaboration_agreements=_sj_collaboration_agreements(),
        care_programmes=(
            CareProgramme(
                id="sja-fp-kol",
                title="Forløbsprogram for KOL",
                description="Tidlig opsporing, rehabilitering og opfølgning efter den generiske model.",
                target_group_ids=("sja-mg-kronisk",),
            ),
            CareProgramme(
                id="sja-fp-diabetes",
                title="Forløbsprogram for type 2-diabetes",
                description="Årskontrol i almen praksis, patientuddannelse i kommunen, specialistrådgivning.",
                target_group_ids=("sja-mg-kronisk", "sja-mg-udsatte"),
            ),
        ),
        collaboration_models=(
            CollaborationModel(
                id="sja-model-akutteam",
                title="Fælles akutteam på plejecentre",
                description=(
                    "Sygehusets akutlæger og kommunens akutsygeplejersker tilser plejecenterbeboere sammen; "
                    "udbredes til de øvrige klynger, hvis evalueringen i 2025 viser færre indlæggelser."
                ),
                cluster_ids=("sjaelland-holbaek",),
            ),
            CollaborationModel(
                id="sja-model-sundhedshus",
                title="Sundhedshus med fælles rehabilitering",
                description=(
                    "Kommune, sygehus og almen praksis deler lokaler, booking og ledelse af rehabilitering "
                    "for borgere med KOL og hjertesvigt."
                ),
                cluster_ids=("sjaelland-nykoebing", "sjaelland-slagelse"),
            ),
        ),
        attachments=(
            Attachment(
                id="sja-bilag-1",
                title="Bilag 1: Datagrundlag og risikostratificering",
                reference="bilag-1-datagrundlag.pdf",
            ),
            Attachment(
                id="sja-bilag-2",
                title="Bilag 2: Samarbejdsaftaler under Sundhedsaftalen 2024–2027",
                reference="bilag-2-samarbejdsaftaler.pdf",
            ),
            Attachment(
                id="sja-bilag-3",
                title="Bilag 3: Patientinddragelsesudvalgets høringssvar",
                reference="bilag-3-hoeringssvar.pdf",
            ),
            Attachment(
                id="sja-bilag-4",
                title="Bilag 4: Plan for formidling af aftalen",
                reference="bilag-4-formidling.pdf",
                for_review=False,
            ),
        ),
    )


@cache
def sjaelland_draft_content() -> AgreementContent:
    """The draft of Sundhedsaftale 2028–2031 as it stood in November 2026: vision, three goals and the target
    groups they build on (sub-goals, cluster goals and collaboration agreements follow in 2027)."""
    groups = (
        TargetGroup(
            id="sja28-mg-kronisk",
            name="Borgere med kronisk sygdom og multisygdom",
            knowledge_basis=("Slutstatus for Sundhedsaftale 2024–2027 (under udarbejdelse)",),
            data_sources=(
                "Ny risikostratificering af regionens befolkning, efterår 2026 (Sjællandsportalen)",
            ),
        ),
        TargetGroup(
            id="sja28-mg-psykisk",
            name="Børn, unge og voksne med psykisk mistrivsel eller lidelse",
            knowledge_basis=("10-årsplanen for psykiatri og mental sundhed",),
            data_sources=("Landspatientregisteret", "Kommunale trivselsdata i Sjællandsportalen"),
        ),
        TargetGroup(
            id="sja28-mg-udsatte",
            name="Borgere i socialt udsatte positioner",
            knowledge_basis=("Den Nationale Sundhedsprofil 2025",),
            data_sources=("Den Nationale Sundhedsprofil 2025 opdelt på kommune og uddannelse",),
        ),
    )
    return AgreementContent(
        vision=(
            "Et sundhedsvæsen, hvor borgeren oplever ét samlet tilbud tæt på hjemmet, og hvor "
            "sundhedsklyngerne er omdrejningspunktet for fælles løsninger på tværs af sektorer."
        ),
        general_practice=(
            "Udkast: almen praksis' rolle som fast indgang og tovholder videreføres fra aftalen 2024–2027 og "
            "afstemmes med den nye praksisplan for almen praksis, der udarbejdes i 2027."
        ),
        overarching_goals=(
            OverarchingGoal(
                id="sja28-m1",
                title="Flere behandles i det nære sundhedsvæsen",
                description="Udkast: delmål og succeskriterier drøftes med klyngerne i foråret 2027.",
                national_goals=(1, 8),
                target_group_ids=("sja28-mg-kronisk",),
            ),
            OverarchingGoal(
                id="sja28-m2",
                title="Mental sundhed for alle aldre",
                description="Udkast: bygger videre på målsætningen for børn og unge i aftalen 2024–2027.",
                national_goals=(5, 7),
                target_group_ids=("sja28-mg-psykisk",),
            ),
            OverarchingGoal(
                id="sja28-m3",
                title="Lige adgang til sundhed i hele regionen",
                description="Udkast: målgrupperne justeres efter den nye risikostratificering.",
                national_goals=(2, 7),
                target_group_ids=("sja28-mg-udsatte", "sja28-mg-kronisk"),
            ),
        ),
        target_groups=groups,
    )


# --- The other regions: one compact template --------------------------------------------------------------


@dataclass(frozen=True)
class _ClusterTheme:
    title: str
    indicator: str


# Cluster goals are drawn from these themes in turn, so neighbouring clusters get different ones.
_CLUSTER_THEMES = (
    _ClusterTheme(
        "Færre forebyggelige indlæggelser blandt ældre i klyngens kommuner",
        "Forebyggelige indlæggelser pr. 1.000 borgere på 65 år og derover",
    ),
    _ClusterTheme(
        "Tidlig hjælp til børn og unge i mistrivsel",
        "Andel henvisninger afklaret på fælles visitationsmøde inden for 14 dage",
    ),
    _ClusterTheme(
        "Rehabilitering for borgere med KOL og hjertesvigt tæt på hjemmet",
        "Andel borgere, der påbegynder rehabilitering inden for 4 uger efter henvisning",
    ),
    _ClusterTheme(
        "Somatisk opfølgning for borgere med psykisk lidelse",
        "Andel med svær psykisk lidelse og årlig somatisk kontrol hos egen læge",
    ),
    _ClusterTheme(
        "Færre akutte genindlæggelser fra plejecentre",
        "Akutte genindlæggelser inden for 30 dage pr. 100 plejecenterbeboere",
    ),
)


def _template_target_groups(prefix: str, portal: str) -> tuple[TargetGroup, ...]:
    return (
        TargetGroup(
            id=f"{prefix}-mg-aeldre",
            name="Ældre medicinske patienter",
            description="Borgere på 65 år og derover med medicinsk sygdom og risiko for indlæggelse.",
            knowledge_basis=(
                "Sundhedsstyrelsens anbefalinger for forebyggelse og tidlig opsporing hos ældre",
            ),
            data_sources=(f"Risikostratificering af borgere 65+ ({portal})", "eSundhed"),
        ),
        TargetGroup(
            id=f"{prefix}-mg-kronisk",
            name="Borgere med kronisk sygdom og multisygdom",
            description="Borgere med KOL, type 2-diabetes, hjertesvigt eller flere kroniske sygdomme.",
            knowledge_basis=(
                "Nationale kliniske retningslinjer og den generiske model for forløbsprogrammer",
            ),
            data_sources=("Register for udvalgte kroniske sygdomme", "Den Nationale Sundhedsprofil"),
        ),
        TargetGroup(
            id=f"{prefix}-mg-psykisk",
            name="Børn, unge og voksne med psykisk lidelse",
            description="Borgere med psykisk mistrivsel eller lidelse, herunder samtidigt misbrug.",
            knowledge_basis=("10-årsplanen for psykiatri og mental sundhed og dens forløbsbeskrivelser",),
            data_sources=("Landspatientregisteret", f"Kommunale trivselsdata ({portal})"),
        ),
        TargetGroup(
            id=f"{prefix}-mg-udsatte",
            name="Borgere i socialt udsatte positioner",
            description="Borgere med kort uddannelse eller uden for arbejdsmarkedet.",
            knowledge_basis=("Sundhedsstyrelsens viden om social ulighed i sundhed og sygdom",),
            data_sources=("Den Nationale Sundhedsprofil opdelt på uddannelse",),
        ),
    )


def _template_goals(prefix: str, portal: str) -> tuple[OverarchingGoal, ...]:
    g1, g2, g3, g4 = (f"{prefix}-m{n}" for n in (1, 2, 3, 4))
    return (
        OverarchingGoal(
            id=g1,
            title="Sammenhængende forløb og tryghed i eget hjem",
            description="Færre unødvendige indlæggelser og sikre overgange mellem sektorerne.",
            national_goals=(1, 2),
            target_group_ids=(f"{prefix}-mg-aeldre", f"{prefix}-mg-kronisk"),
            sub_goals=(
                _sub(
                    g1,
                    1,
                    "Færre forebyggelige indlæggelser",
                    _criterion(
                        "Forebyggelige indlæggelser blandt ældre falder",
                        "Forebyggelige indlæggelser pr. 1.000 borgere på 65 år og derover",
                        "fald på 10 % fra 2022 til 2027",
                        "eSundhed",
                    ),
                ),
                _sub(
                    g1,
                    2,
                    "Rettidig kommunikation ved udskrivning",
                    _criterion(
                        "Epikrisen er hos egen læge, når borgeren kommer hjem",
                        "Andel udskrivningsepikriser sendt senest 1 hverdag efter udskrivning",
                        "mindst 95 % i 2025",
                        "MedCom-statistik",
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g2,
            title="Mental sundhed og tidlig indsats",
            description="Borgere i psykisk mistrivsel får hjælp tidligt og i sammenhængende forløb.",
            national_goals=(5, 7),
            target_group_ids=(f"{prefix}-mg-psykisk",),
            sub_goals=(
                _sub(
                    g2,
                    1,
                    "Udredning til tiden",
                    _criterion(
                        "Børn og unge udredes inden for udredningsretten",
                        "Andel udredt inden for 30 dage i børne- og ungdomspsykiatrien",
                        "mindst 90 % i 2026",
                        "eSundhed",
                    ),
                ),
                _sub(
                    g2,
                    2,
                    "Somatisk opfølgning ved psykisk lidelse",
                    _criterion(
                        "Flere med svær psykisk lidelse får årlig helbredsundersøgelse",
                        "Andel med årlig somatisk kontrol hos egen læge",
                        "mindst 70 % i 2027",
                        "Sygesikringsregisteret",
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g3,
            title="Lighed i sundhed og flere sunde leveår",
            description="Forebyggelse og patientuddannelse målrettes dem, der har størst behov.",
            national_goals=(2, 7),
            target_group_ids=(f"{prefix}-mg-udsatte", f"{prefix}-mg-kronisk"),
            sub_goals=(
                _sub(
                    g3,
                    1,
                    "Færre dagligrygere",
                    _criterion(
                        "Andelen af dagligrygere falder",
                        "Andel dagligrygere blandt voksne",
                        "under 11 % i 2027",
                        "Den Nationale Sundhedsprofil",
                    ),
                ),
                _sub(
                    g3,
                    2,
                    "Patientuddannelse når kortuddannede",
                    _criterion(
                        "Flere kortuddannede deltager i patientuddannelse",
                        "Andel deltagere med højst grundskole som uddannelse",
                        "mindst 40 % i 2027",
                        portal,
                    ),
                ),
            ),
        ),
        OverarchingGoal(
            id=g4,
            title="Et bæredygtigt og nært sundhedsvæsen",
            description="Opgaver løses, hvor de giver mest sundhed for ressourcerne.",
            national_goals=(4, 8),
            target_group_ids=(f"{prefix}-mg-kronisk", f"{prefix}-mg-aeldre"),
            sub_goals=(
                _sub(
                    g4,
                    1,
                    "Flere forløb med telemedicin",
                    _criterion(
                        "Telemedicin tilbydes relevante borgere med KOL og hjertesvigt",
                        "Antal borgere i telemedicinsk forløb",
                        "fordobling fra 2023 til 2027",
                        portal,
                    ),
                ),
                _sub(
                    g4,
                    2,
                    "Færre færdigbehandlingsdage",
                    _criterion(
                        "Færdigbehandlede borgere venter ikke på sygehus",
                        "Antal færdigbehandlingsdage i somatikken pr. år",
                        "fald på 25 % fra 2023 til 2027",
                        "Regionens ledelsesinformation",
                    ),
                ),
            ),
        ),
    )


def _template_collaboration_agreements(prefix: str, portal: str) -> tuple[CollaborationAgreement, ...]:
    return (
        CollaborationAgreement(
            id=f"{prefix}-sa-udskrivning",
            title="Samarbejdsaftale om indlæggelse, udskrivning og genoptræning",
            goal_ids=(f"{prefix}-m1", f"{prefix}-m4"),
            target_group_ids=(f"{prefix}-mg-aeldre", f"{prefix}-mg-kronisk"),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Sygehuset planlægger udskrivningen, kommunen modtager og genoptræner.",
                    E.GOALS: "Mål for epikriser og genoptræning, jf. delmål 1.2.",
                    E.CAPACITY: "Kommunerne melder kapacitet til midlertidige pladser kvartalsvis.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Behandlingsansvaret overgår til egen læge ved udskrivning.",
                    E.COMPETENCES_AND_ADVICE: "Sygehuset rådgiver kommunen de første 14 dage efter udskrivning.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Medicin til 3 dage og hjælpemidler udleveres ved udskrivning.",
                    E.IMPLEMENTATION_FOLLOW_UP: f"Kvartalsvis opfølgning i klyngerne på data fra {portal}.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Nye opgaver til kommunen forudsætter aftale om finansiering.",
                }
            ),
        ),
        CollaborationAgreement(
            id=f"{prefix}-sa-psykiatri",
            title="Samarbejdsaftale om mennesker med psykisk lidelse",
            goal_ids=(f"{prefix}-m2",),
            target_group_ids=(f"{prefix}-mg-psykisk",),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Kommunen står for tidlig indsats, psykiatrien for udredning og behandling.",
                    E.GOALS: "Mål for udredning og somatisk opfølgning, jf. delmål 2.1 og 2.2.",
                    E.CAPACITY: "Fælles visitationsmøder i hver klynge hver 14. dag.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Forløbsbeskrivelserne fra 10-årsplanen lægges til grund.",
                    E.COMPETENCES_AND_ADVICE: "Psykiatrien rådgiver kommunerne og almen praksis telefonisk.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "Fælles plan deles via korrespondancemeddelelser.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Årlig opfølgning i Sundhedssamarbejdsudvalget.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Opgaveflytning aftales med økonomi i klyngen, før den sker.",
                }
            ),
        ),
        CollaborationAgreement(
            id=f"{prefix}-sa-medicin",
            title="Samarbejdsaftale om medicinhåndtering",
            goal_ids=(f"{prefix}-m1",),
            target_group_ids=(f"{prefix}-mg-aeldre",),
            elements=_elements(
                {
                    E.TASK_ALLOCATION: "Den ordinerende læge afstemmer FMK; kommunen administrerer medicinen.",
                    E.GOALS: "Mål for afstemt medicinkort ved udskrivning.",
                    E.PATIENT_COURSE_RESPONSIBILITY: "Ansvaret følger den læge, der senest har ordineret.",
                    E.COMPETENCES_AND_ADVICE: "Sygehusapoteket rådgiver kommunerne om medicin.",
                    E.MEDICINE_EQUIPMENT_DIGITAL: "FMK bruges af alle parter.",
                    E.IMPLEMENTATION_FOLLOW_UP: "Utilsigtede hændelser følges kvartalsvis i klyngerne.",
                },
                not_relevant={
                    E.CAPACITY: "Aftalen flytter ingen opgaver; kapaciteten følger af de eksisterende opgaver.",
                    E.CHANGED_TASKS_AND_ECONOMY: "Aftalen ændrer ikke arbejdsdelingen mellem sektorerne.",
                },
            ),
        ),
    )


def _template_general_practice(region_name: str) -> str:
    return (
        "Almen praksis er borgerens faste indgang til sundhedsvæsenet og tovholder for behandlingen af "
        "borgere med kronisk sygdom. Almen praksis rådgiver kommunernes sygeplejersker og akutfunktioner og er "
        "tilgængelig for samarbejdspartnere i dagtiden på et fælles telefonnummer.\n\n"
        f"Rammerne udmøntes i praksisplanen for almen praksis i {region_name}; nye opgaver forudsætter en lokal "
        "aftale med PLO om implementering og ressourcer, og behovet drøftes årligt i Sundhedssamarbejdsudvalget."
    )


@cache
def regional_content(
    region_name: str, prefix: str, portal: str, clusters: tuple[ClusterRef, ...]
) -> AgreementContent:
    """The compact agreement of a region other than Region Sjælland; complete in every respect."""
    cluster_goals = []
    for position, cluster in enumerate(clusters):
        theme = _CLUSTER_THEMES[position % len(_CLUSTER_THEMES)]
        cluster_goals.append(
            ClusterGoal(
                id=f"{cluster.id}-maal-1",
                cluster_id=cluster.id,
                title=theme.title,
                description=f"{cluster.name} har valgt målet på grundlag af klyngens egne data i {portal}.",
                indicator=theme.indicator,
            )
        )
    return AgreementContent(
        vision=(
            f"Borgerne i {region_name} oplever et sammenhængende sundhedsvæsen tæt på hjemmet, hvor region, "
            "kommuner og almen praksis tager fælles ansvar for forløbet."
        ),
        values=(
            "Borgeren som aktiv partner",
            "Lighed i sundhed",
            "Det nære sundhedsvæsen først",
            "Fælles ansvar og fælles data",
        ),
        general_practice=_template_general_practice(region_name),
        overarching_goals=_template_goals(prefix, portal),
        target_groups=_template_target_groups(prefix, portal),
        cluster_goals=tuple(cluster_goals),
        collaboration_agreements=_template_collaboration_agreements(prefix, portal),
        care_programmes=(
            CareProgramme(
                id=f"{prefix}-fp-kol",
                title="Forløbsprogram for KOL",
                target_group_ids=(f"{prefix}-mg-kronisk",),
            ),
        ),
        attachments=(
            Attachment(
                id=f"{prefix}-bilag-1",
                title="Bilag 1: Datagrundlag for målgrupper og indsatser",
                reference="bilag-1-datagrundlag.pdf",
            ),
            Attachment(
                id=f"{prefix}-bilag-2",
                title="Bilag 2: Samarbejdsaftaler",
                reference="bilag-2-samarbejdsaftaler.pdf",
            ),
        ),
    )
