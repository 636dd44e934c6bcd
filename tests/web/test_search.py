"""Full-text search in Danish (ADR 0047): Danish inflections, ranking, highlighting, filters and paging, and who
finds what – the public only what was published (vejledningens afsnit 5.5), the logged-in what
``accounts.permissions`` lets them read, never another region's draft, a reviewer's note, a closed agenda item, an
item for the authorities only (§ 2, stk. 3) or unpublished minutes. Runs on SQLite (FTS5) and PostgreSQL
(``danish`` configuration) alike: set ``DATABASE_URL`` for the latter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from sundhedsaftale.agreements.actions import agreement_create, content_save
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement, Submission, VersionState
from sundhedsaftale.core.case import AgreementContent
from sundhedsaftale.followup.models import StatusReport
from sundhedsaftale.governance.actions.meetings import agenda_publish
from sundhedsaftale.governance.models import AgendaItem, Body, Meeting
from sundhedsaftale.review.models import FindingReview, IssuedLetter, LetterKind
from sundhedsaftale.search.indexer import reindex_all
from sundhedsaftale.search.selectors import SearchFilters, search
from sundhedsaftale.search.text import parse_query, stem, stemmed

pytestmark = pytest.mark.django_db

# One unique word per record that must reach only some readers.
OWN_DRAFT = "udkastzebra"  # Region Sjælland's newest draft version
OTHER_DRAFT = "andenregionzebra"  # Region Hovedstaden's newest draft version
SUBMITTED = "indsendtzebra"  # Hovedstaden's submitted version: every logged-in reader
LETTER = "brevzebra"  # an unpublished letter to Sjælland
REPORT_DRAFT = "rapportkladdezebra"  # Sjælland's draft status report
REPORT_SENT = "rapportsendtzebra"  # Sjælland's sent status report
# Never indexed, for anyone.
NEVER = {
    "reviewer_note": "notezebra",
    "closed_item": "lukketzebra",
    "authorities_only": "myndighedzebra",
    "unpublished_minutes": "referatzebra",
    "draft_agenda": "kladdedagsordenzebra",
}
PUBLISHED = "offentligzebra"

CONTENT = {
    "vision": f"Borgerne skal opleve sammenhængende forløb. {PUBLISHED}",
    "collaboration_agreements": [
        {
            "id": "hjerte",
            "title": "Samarbejdsaftale om hjerterehabilitering",
            "description": "<b>Hjerterehabiliteringerne</b> koordineres af kommunerne & regionen.",
        }
    ],
}


def _agreement(region: str, key: str, versions: list[tuple[str, dict]]) -> HealthAgreement:
    row = HealthAgreement.objects.create(
        key=key, region_id=region, title=f"Sundhedsaftale {key}", election_period_start=2024
    )
    for number, (state, content) in enumerate(versions, start=1):
        AgreementVersion.objects.create(
            agreement=row, number=number, label=f"{number}.0", content=content, state=state
        )
    return row


@pytest.fixture
def records(users) -> dict[str, object]:
    own = _agreement(
        "1085",
        "1085-aftale",
        [
            (VersionState.PUBLISHED, CONTENT),
            (VersionState.DRAFT, {"vision": f"Et udkast om genoptræning. {OWN_DRAFT}"}),
        ],
    )
    _agreement(
        "1084",
        "1084-aftale",
        [
            (VersionState.SUBMITTED, {"vision": f"Indsendt om genoptræning. {SUBMITTED}"}),
            (VersionState.DRAFT, {"vision": f"Udkast om genoptræning. {OTHER_DRAFT}"}),
        ],
    )
    submission = Submission.objects.create(agreement=own, submitted_on=dt.date(2024, 3, 1))
    IssuedLetter.objects.create(
        agreement=own,
        submission=submission,
        kind=LetterKind.RECEIPT,
        reference=LETTER,
        letter_date=dt.date(2024, 3, 4),
        pdf=b"%PDF",
        docx=b"PK",
    )
    FindingReview.objects.create(
        agreement=own,
        submission=submission,
        rule_id="vurdering.nationale-maal",
        verdict="overruled",
        text=NEVER["reviewer_note"],
        reason=NEVER["reviewer_note"],
        reviewed_at=timezone.now(),
    )
    StatusReport.objects.create(agreement=own, kind="midterm", content={"note": REPORT_DRAFT})
    StatusReport.objects.create(
        agreement=own, kind="final", state="sent", sent_on=dt.date(2026, 1, 5), content={"note": REPORT_SENT}
    )
    body = Body.objects.create(
        key="1085-udvalg", region_id="1085", kind="working_group", name="Arbejdsgruppe"
    )
    held = Meeting.objects.create(
        key="m1",
        body=body,
        date=dt.date(2026, 5, 4),
        status="held",
        title="Møde om genoptræning",
        minutes=NEVER["unpublished_minutes"],
        agenda_published_at=timezone.now(),
    )
    AgendaItem.objects.create(meeting=held, number=1, title="Genoptræningsforløbene", description=PUBLISHED)
    AgendaItem.objects.create(meeting=held, number=2, title=NEVER["closed_item"], closed=True)
    AgendaItem.objects.create(meeting=held, number=3, title=NEVER["authorities_only"], authorities_only=True)
    draft = Meeting.objects.create(key="m2", body=body, date=dt.date(2026, 12, 1), status="planned")
    AgendaItem.objects.create(meeting=draft, number=1, title=NEVER["draft_agenda"])
    reindex_all()
    return {"own": own, "draft_meeting": draft}


def _found(user: object, word: str, **kwargs: object) -> int:
    return search(user, word, **kwargs).total  # type: ignore[arg-type]


# --- Danish words -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("inflected", ["aftale", "aftalen", "aftaler", "aftalerne", "aftalernes"])
def test_danish_inflections_share_one_stem(inflected: str) -> None:
    assert stem(inflected) == stem("aftale")


def test_the_query_reads_phrases_alternatives_and_exclusions_and_drops_stop_words() -> None:
    query = parse_query('"praktiserende læger" og kommunerne eller regionerne -psykiatrien')
    assert query.groups == ((("praktis", "læg"),), (("kommun",), ("region",)))
    assert query.excluded == (("psykiatri",),)
    assert stemmed("Regionen og kommunerne") == "region kommun"
    assert parse_query("og i at").empty


def test_an_inflected_query_finds_the_base_form_in_the_law(records) -> None:
    """§ 3, stk. 1, nr. 3 speaks of "praktiserende læger"; the search for "lægerne" finds it."""
    result = search(AnonymousUser(), "lægerne", SearchFilters(kind="law"))
    assert result.total > 0
    assert any(h.url == "/lov/bek-1248-2022/sec_3/" for h in result.hits)


def test_hjerterehabiliteringen_finds_the_published_collaboration_agreement(records) -> None:
    result = search(AnonymousUser(), "hjerterehabiliteringen", public_only=True)
    kinds = [h.kind for h in result.hits]
    # The collaboration agreement names it in its title: it ranks above the version that mentions it in passing.
    assert kinds[:2] == ["collaboration_agreement", "agreement"]
    assert result.hits[0].rank >= result.hits[1].rank


def test_the_snippet_is_escaped_html_with_only_mark_added(records) -> None:
    hit = search(AnonymousUser(), "hjerterehabilitering", SearchFilters(kind="collaboration_agreement")).hits[
        0
    ]
    assert "<mark>Hjerterehabiliteringerne</mark>" in hit.snippet_html
    # The stored "<b>" is text (SQLite shows it escaped; PostgreSQL's headline leaves tags out): the only tags are
    # the highlights, and "&" is escaped.
    assert "<" not in re.sub(r"</?mark>", "", hit.snippet_html)
    assert "&amp;" in hit.snippet_html


# --- Filters and paging ---------------------------------------------------------------------------------------


def test_filters_by_region_type_and_period(users, records) -> None:
    admin = users["admin"]
    # The law (afsnit 2.2.3 and others speak of genoptræning) belongs to no region.
    assert {h.region_code for h in search(admin, "genoptræning").hits} == {"", "1084", "1085"}
    assert {h.region_code for h in search(admin, "genoptræning", SearchFilters(region="1084")).hits} == {
        "1084"
    }
    assert {h.kind for h in search(admin, "genoptræning", SearchFilters(kind="agenda")).hits} == {"agenda"}
    in_may = SearchFilters(date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 5, 31))
    assert [h.kind for h in search(admin, "genoptræning", in_may).hits] == ["agenda"]


def test_pages_split_the_ranked_hits_and_count_them_all(users, records) -> None:
    first = search(users["admin"], "genoptræning", page_size=2)
    second = search(users["admin"], "genoptræning", page=2, page_size=2)
    assert first.total == second.total >= 4
    assert first.pages == -(-first.total // 2)
    assert not {h.url + h.title for h in first.hits} & {h.url + h.title for h in second.hits}


# --- Who finds what -----------------------------------------------------------------------------------------

FOUND_BY = {
    # role: the planted words that role finds (every other one is not found)
    "anonymous": set(),
    "medlem": {OWN_DRAFT, SUBMITTED, LETTER, REPORT_DRAFT, REPORT_SENT},
    "klynge": {OWN_DRAFT, SUBMITTED, LETTER},
    "sjaelland": {OWN_DRAFT, SUBMITTED, LETTER, REPORT_DRAFT, REPORT_SENT},
    "hovedstaden": {OTHER_DRAFT, SUBMITTED},
    "sst": {SUBMITTED, LETTER, REPORT_SENT},
    "admin": {OWN_DRAFT, OTHER_DRAFT, SUBMITTED, LETTER, REPORT_DRAFT, REPORT_SENT},
}
PLANTED = [OWN_DRAFT, OTHER_DRAFT, SUBMITTED, LETTER, REPORT_DRAFT, REPORT_SENT, *NEVER.values()]


@pytest.mark.parametrize("role", sorted(FOUND_BY))
def test_each_role_finds_only_what_it_may_read(users, records, role: str) -> None:
    user = AnonymousUser() if role == "anonymous" else users[role]
    found = {word for word in PLANTED if _found(user, word)}
    assert found == FOUND_BY[role]
    # The public search gives even an administrator only what was published.
    assert not any(_found(user, word, public_only=True) for word in PLANTED)
    assert _found(user, PUBLISHED, public_only=True) >= 2  # the agreement and the agenda's open item


def test_publishing_an_agenda_makes_its_open_items_findable_in_the_same_act(users, records) -> None:
    meeting = records["draft_meeting"]
    assert isinstance(meeting, Meeting)
    AgendaItem.objects.create(meeting=meeting, number=2, title="Udskrivningsforløbene", description="åbent")
    assert not _found(AnonymousUser(), "udskrivningsforløb")
    agenda_publish(
        actor=users["sjaelland"], meeting_pk=meeting.pk, expected_version=meeting.version, now=timezone.now()
    )
    assert _found(AnonymousUser(), "udskrivningsforløbet") == 1
    # Its other item was a draft; once published it is an open item, and public.
    assert _found(AnonymousUser(), NEVER["draft_agenda"]) == 1


def test_search_reindex_rebuilds_the_index(records, capsys) -> None:
    call_command("search_reindex")
    assert "Søgeindekset er genopbygget" in capsys.readouterr().out
    assert _found(AnonymousUser(), PUBLISHED) >= 2


# --- Pages and API ------------------------------------------------------------------------------------------


def test_the_public_page_and_its_json_twin(records) -> None:
    client = Client()
    page = client.get("/offentlig/soeg/", {"q": "hjerterehabiliteringen", "type": "collaboration_agreement"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>Hjerterehabiliteringerne</mark>" in html
    assert "1 resultat" in html
    data = client.get("/api/v1/public/search", {"q": OWN_DRAFT}).json()
    assert data["total"] == 0
    assert client.get("/api/v1/public/search", {"q": "genoptræning"}).json()["total"] >= 1


def test_the_logged_in_search_needs_a_login_and_checks_its_input(users, records, login) -> None:
    assert Client().get("/soeg/", {"q": "x"}).status_code == 302
    assert Client().get("/api/v1/search", {"q": "x"}).status_code == 401
    client = login("sjaelland")
    assert client.get("/api/v1/search", {"q": OWN_DRAFT}).json()["total"] == 1
    wrong = client.get("/soeg/", {"q": "aftale", "fra": "2026-02-01", "til": "2026-01-01"})
    assert "Til-datoen ligger før fra-datoen." in wrong.content.decode()
    assert client.get("/api/v1/search", {"q": "a\x00b"}).status_code in (400, 422)


def test_any_text_is_a_query_never_syntax(users, records) -> None:
    """FTS5 and websearch operators, quotes, stars and odd Unicode are words or nothing: never an error."""
    odd = [
        '"',
        '""',
        "-",
        "- -",
        "*",
        "aftale*",
        "NEAR(aftale kommune)",
        "aftale AND OR NOT",
        "^aftale",
        "a:b",
        "(",
        ")",
        "'; DROP TABLE x; --",
        "😀 aftale",
        "ÆØÅ æøå",
        "x" * 200,
        "og i at",
        '"-aftale" or',
    ]
    for query in odd:
        for public_only in (True, False):
            result = search(users["admin"], query, public_only=public_only)
            assert result.total >= 0
    assert search(users["admin"], "og i at").total == 0


def test_saving_a_draft_makes_it_findable_for_its_own_region_only(users) -> None:
    """A new version is indexed in the transaction that saves it; a draft stays within its region."""
    row = agreement_create(
        actor=users["sjaelland"], region_code="1085", title="Aftale om tandpleje", election_period_start=2024
    )
    content_save(
        actor=users["sjaelland"],
        agreement_key=row.key,
        expected_version=row.version,
        content=AgreementContent(vision="Tandplejeforløbene skal hænge sammen."),
        label="0.1",
        effective_date=None,
    )
    assert _found(users["sjaelland"], "tandplejeforløbet") == 1
    assert _found(users["hovedstaden"], "tandplejeforløbet") == 0
    assert _found(AnonymousUser(), "tandplejeforløbet") == 0
