"""The public portal (ADR 0042): only what an explicit, audited act published reaches the public, on every public
route, as a page, as JSON, in the feed and in the files; the letters of a region reach its own users."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import docx
import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.governance.actions.meetings import agenda_publish
from sundhedsaftale.governance.models import AgendaItem, Body, Meeting, Person
from sundhedsaftale.public.actions import PublicationInvalid, body_publish
from sundhedsaftale.public.demo import demo_publications_ensure
from sundhedsaftale.public.models import BodyPublication
from sundhedsaftale.public.selectors import every_public_path
from sundhedsaftale.review.models import FindingReview, IssuedLetter, LetterKind
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
KEY = "1085-sundhedsaftale-2024-2027"
ELI = "https://www.retsinformation.dk/eli/lta/2022/1248"
ATOM = "{http://www.w3.org/2005/Atom}"

# What was never published, each with a text no public response may contain.
SECRETS = {
    "draft": "UDKASTTEKST-PORTAL-1",
    "reviewer_note": "SAGSBEHANDLERNOTE-PORTAL-2",
    "closed_item": "LUKKET-PUNKT-PORTAL-3",
    "draft_agenda": "UDKAST-DAGSORDEN-PORTAL-4",
    "email": "skjult.medlem@portal.example",
    "minutes": "UPUBLICERET-REFERAT-PORTAL-5",
    "unpublished_body": "UPUBLICERET-ORGAN-PORTAL-6",
    "unpublished_letter": "UPUBLICERET-BREV-PORTAL-7",
}


@pytest.fixture
def portal(registry) -> None:
    """Region Sjælland's and Region Hovedstaden's demo, with its publications: held meetings' agendas, the
    bodies, the approval letters."""
    for case in build_national_demo(platform().reference, today=TODAY):
        if case.region.code in ("1084", "1085"):
            case_import(case=case, actor=None, system=True)
    for meeting in Meeting.objects.filter(status="held", agenda_items__isnull=False).distinct():
        agenda_publish(
            actor=None,
            meeting_pk=meeting.pk,
            expected_version=meeting.version,
            now=timezone.now(),
            system=True,
        )
    demo_publications_ensure(TODAY)


def _unpublished_records() -> None:
    """A draft agreement version, a reviewer's note, an item for the authorities only on a published agenda, a
    draft agenda, unpublished minutes, an unpublished body, an unpublished letter and members' e-mails."""
    agreement = HealthAgreement.objects.get(key=KEY)
    newest = agreement.versions.order_by("-number").first()
    assert newest is not None
    content = json.loads(json.dumps(newest.content))
    content["overarching_goals"][0]["title"] = SECRETS["draft"]
    AgreementVersion.objects.create(
        agreement=agreement, number=newest.number + 1, label="9.9", content=content
    )
    submission = agreement.submissions.order_by("-submitted_on").first()
    assert submission is not None
    FindingReview.objects.create(
        agreement=agreement,
        submission=submission,
        rule_id="vurdering.nationale-maal",
        verdict="overruled",
        text=SECRETS["reviewer_note"],
        reason=SECRETS["reviewer_note"],
        reviewed_at=timezone.now(),
    )
    published = Meeting.objects.filter(body__region_id="1085", agenda_published_at__isnull=False).first()
    assert published is not None
    AgendaItem.objects.create(
        meeting=published, number=99, title=SECRETS["closed_item"], authorities_only=True
    )
    published.minutes = SECRETS["minutes"]
    published.save()
    draft = Meeting.objects.filter(body__region_id="1085", agenda_published_at__isnull=True).first()
    assert draft is not None
    AgendaItem.objects.create(meeting=draft, number=98, title=SECRETS["draft_agenda"])
    Body.objects.create(
        key="1085-upubliceret", region_id="1085", kind="working_group", name=SECRETS["unpublished_body"]
    )
    IssuedLetter.objects.create(
        agreement=agreement,
        submission=submission,
        kind=LetterKind.RECEIPT,
        reference=SECRETS["unpublished_letter"],
        letter_date=submission.submitted_on,
        pdf=SECRETS["unpublished_letter"].encode(),
        docx=SECRETS["unpublished_letter"].encode(),
    )
    Person.objects.filter(region_id="1085").update(email=SECRETS["email"])


def _text(path: str, response) -> str:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if path.endswith(".pdf") or kind == "application/pdf":
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if path.endswith(".docx") or kind.startswith("application/vnd.openxmlformats"):
        return " ".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    return str(body.decode("utf-8"))


def _json_twin(html: str) -> str | None:
    found = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html)
    return found.group(1) if found else None


def test_nothing_unpublished_reaches_any_public_route(portal) -> None:
    """Vejledningens afsnit 5.5 makes the agreement and the letters public; § 2, stk. 3 keeps the authorities'
    own items apart. Every public page, its JSON and every file, walked anonymously, holds none of the drafts,
    notes, closed items, contact data or unpublished records."""
    _unpublished_records()
    client = Client()
    paths = every_public_path("1085") + every_public_path("1084")[2:]
    assert any("/breve/" in p for p in paths)
    assert any("/dagsordener/" in p for p in paths)
    leaks: dict[str, list[str]] = {}
    walked = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages = [(path, _text(path, response))]
        twin = _json_twin(pages[0][1]) if response["Content-Type"].startswith("text/html") else None
        if twin:
            api = client.get(twin)
            assert api.status_code == 200, twin
            pages.append((twin, api.content.decode("utf-8")))
        for where, text in pages:
            walked += 1
            found = [name for name, secret in SECRETS.items() if secret.lower() in text.lower()]
            if found:
                leaks[where] = found
    assert walked > len(paths)
    assert not leaks, leaks
    # The unpublished records exist and are refused by their own addresses, too.
    draft_letter = IssuedLetter.objects.get(reference=SECRETS["unpublished_letter"])
    assert client.get(f"/offentlig/breve/{draft_letter.pk}.pdf").status_code == 404
    assert client.get(f"/offentlig/aftaler/{KEY}/version/2.pdf").status_code == 404
    assert client.get("/offentlig/organer/1085-upubliceret/").status_code == 404
    assert client.get("/offentlig/aftaler/1085-sundhedsaftale-2028-2031/").status_code == 404


def test_the_published_agreement_carries_eli_schema_org_and_dublin_core(portal) -> None:
    """§ 21 of bek. nr. 1248/2022 is cited with its ELI; the agreement's page describes itself for machines."""
    html = Client().get(f"/offentlig/aftaler/{KEY}/").content.decode()
    assert f'href="{ELI}"' in html
    assert '<meta name="DCTERMS.title" content="Sundhedsaftale 2024–2027">' in html
    assert '<meta name="DCTERMS.creator" content="Region Sjælland">' in html
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(ld)
    assert data["@type"] == "CreativeWork"
    assert data["isBasedOn"]["@type"] == "Legislation"
    assert data["isBasedOn"]["legislationIdentifier"] == ELI
    assert [v["version"] for v in data["workExample"]] == ["1.0"]


def test_the_published_letter_is_downloadable_as_pdf_and_docx_with_its_text(portal) -> None:
    """Sundhedsstyrelsen's approval letter, once published (afsnit 5.5), is the file that was issued."""
    letter = IssuedLetter.objects.get(agreement__key=KEY, kind=LetterKind.APPROVAL)
    assert letter.published_on is not None
    client = Client()
    pdf = client.get(f"/offentlig/breve/{letter.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Region Sjælland" in " ".join(
        (p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    word = client.get(f"/offentlig/breve/{letter.pk}.docx")
    assert "godkend" in " ".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs).lower()
    version = client.get(f"/offentlig/aftaler/{KEY}/version/1.pdf")
    assert version.status_code == 200
    assert version.content.startswith(b"%PDF")


def test_the_feed_is_atom_with_every_published_document(portal) -> None:
    response = Client().get("/offentlig/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id") is not None
    assert feed.find(f"{ATOM}updated") is not None
    entries = feed.findall(f"{ATOM}entry")
    ids = {e.findtext(f"{ATOM}id") for e in entries}
    letter = IssuedLetter.objects.get(agreement__key=KEY, kind=LetterKind.APPROVAL)
    assert f"tag:sundhedsaftale,2026:letter-{letter.pk}" in ids
    assert f"tag:sundhedsaftale,2026:agreement-{KEY}-v1" in ids
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href", "").startswith("http")  # type: ignore[union-attr]


def test_publishing_a_body_is_its_secretariats_audited_act(registry, users, login) -> None:
    """Members' names, organisations and roles become public only when the body's secretariat publishes it."""
    (case,) = [c for c in build_national_demo(platform().reference, today=TODAY) if c.region.code == "1085"]
    case_import(case=case, actor=None, system=True)
    body = Body.objects.get(key="1085-committee")
    assert Client().get("/offentlig/organer/1085-committee/").status_code in (200, 404)
    assert (
        login("medlem").post(f"/organer/{body.key}/offentliggoer/", {"version": body.version}).status_code
        == 403
    )
    stale = login("sjaelland").post(
        f"/organer/{body.key}/offentliggoer/", {"version": body.version - 1 or 99}
    )
    assert stale.status_code == 302
    assert not BodyPublication.objects.exists()
    done = login("sjaelland").post(f"/organer/{body.key}/offentliggoer/", {"version": body.version})
    assert done.status_code == 302
    publication = BodyPublication.objects.get(body=body)
    assert publication.published_by == users["sjaelland"]
    assert (
        AuditEntry.objects.filter(action="body_publish", object_id=body.key, region_code="1085").count() == 1
    )
    with pytest.raises(PublicationInvalid):
        body_publish(actor=users["sjaelland"], body_key=body.key, expected_version=body.version, on=TODAY)
    page = Client().get("/offentlig/organer/1085-committee/").content.decode()
    person = body.memberships.select_related("person").first().person  # type: ignore[union-attr]
    assert person.name in page


def test_a_withdrawn_body_publication_leaves_nothing_of_it_public(registry, users, login) -> None:
    """ADR 0048: the body's secretariat withdraws the publication (confirmed, with a reason, audited, against the
    body's version); from then on the body, its members and its meeting dates are on no public page, JSON or
    feed – and the body can be published again."""
    (case,) = [c for c in build_national_demo(platform().reference, today=TODAY) if c.region.code == "1085"]
    case_import(case=case, actor=None, system=True)
    body = Body.objects.get(key="1085-committee")
    body_publish(actor=users["sjaelland"], body_key=body.key, expected_version=body.version, on=TODAY)
    meeting = body.meetings.order_by("pk").first()
    assert meeting is not None
    person = body.memberships.select_related("person").first().person  # type: ignore[union-attr]
    public = Client()
    assert public.get(f"/offentlig/moeder/{meeting.pk}/").status_code == 200
    withdraw = f"/organer/{body.key}/offentliggoer/tilbagetraek/"
    assert (
        login("medlem").post(withdraw, {"version": body.version, "confirm": "1", "reason": "x"}).status_code
        == 403
    )
    unconfirmed = login("sjaelland").post(withdraw, {"version": body.version, "reason": "Forkert liste"})
    assert unconfirmed.status_code == 302
    stale = login("sjaelland").post(
        withdraw, {"version": body.version + 1, "confirm": "1", "reason": "Forkert"}
    )
    assert stale.status_code == 302
    assert BodyPublication.objects.get(body=body).withdrawn_on is None
    done = login("sjaelland").post(
        withdraw, {"version": body.version, "confirm": "1", "reason": "Forkert liste"}
    )
    assert done.status_code == 302
    publication = BodyPublication.objects.get(body=body)
    assert publication.withdrawn_on is not None
    entry = AuditEntry.objects.get(action="body_publication_withdraw", object_id=body.key)
    assert entry.reason == "Forkert liste"
    assert public.get(f"/offentlig/organer/{body.key}/").status_code == 404
    assert public.get(f"/api/v1/public/bodies/{body.key}").status_code == 404
    assert public.get(f"/offentlig/moeder/{meeting.pk}/").status_code == 404
    assert public.get(f"/api/v1/public/meetings/{meeting.pk}").status_code == 404
    pages = ["/offentlig/regioner/1085/", "/api/v1/public/regions/1085", "/api/v1/public/documents"]
    pages += [
        "/offentlig/feed.atom",
        "/offentlig/klynger/sjaelland-holbaek/",
        "/api/v1/public/clusters/sjaelland-holbaek",
    ]
    for path in pages:
        text = public.get(path).content.decode()
        assert person.name not in text, path
        assert f"/offentlig/organer/{body.key}/" not in text, path
    # Published again: public again, with the new day.
    body_publish(actor=users["sjaelland"], body_key=body.key, expected_version=body.version, on=TODAY)
    assert public.get(f"/offentlig/organer/{body.key}/").status_code == 200


@pytest.mark.parametrize(("username", "status"), [("medlem", 200), ("klynge", 200), ("hovedstaden", 403)])
def test_a_regions_own_users_read_its_letters(portal, login, username: str, status: int) -> None:
    """The letters are addressed to the region's councils and its committee: the region's own members read them;
    another region's secretariat does not."""
    letter = IssuedLetter.objects.get(agreement__key=KEY, kind=LetterKind.APPROVAL)
    client = login(username)
    assert client.get(f"/aftaler/{KEY}/afgoerelser/").status_code == status
    assert client.get(f"/aftaler/{KEY}/breve/{letter.pk}.pdf").status_code == status


def test_the_front_page_links_each_region_to_its_public_page(registry) -> None:
    html = Client().get("/").content.decode()
    assert '<a href="/offentlig/regioner/1085/">Region Sjælland</a>' in html
    index = Client().get("/offentlig/?dato=2027-01-01").content.decode()
    assert "Region Østdanmark" in index
    assert "Region Sjælland" not in index


def test_published_minutes_reach_the_public_meeting_page_without_closed_items(portal) -> None:
    meeting = Meeting.objects.filter(body__region_id="1085", agenda_published_at__isnull=False).first()
    assert meeting is not None
    AgendaItem.objects.create(
        meeting=meeting, number=97, title="Lukket sag", closed=True, outcome="LUKKET-BESLUTNING"
    )
    AgendaItem.objects.create(meeting=meeting, number=96, title="Åben sag", outcome="ÅBEN-BESLUTNING")
    page = Client().get(f"/offentlig/moeder/{meeting.pk}/")
    assert page.status_code == 200
    if meeting.minutes_published_at is None:
        assert "ÅBEN-BESLUTNING" not in page.content.decode()
        Meeting.objects.filter(pk=meeting.pk).update(minutes_published_at=timezone.now())
        page = Client().get(f"/offentlig/moeder/{meeting.pk}/")
    text = page.content.decode()
    assert "ÅBEN-BESLUTNING" in text
    assert "LUKKET-BESLUTNING" not in text


def test_an_agreement_under_an_earlier_order_is_not_cited_by_paragraph_21(portal) -> None:
    """§ 21 is the agreement's provision in bek. nr. 1248/2022; bek. nr. 679/2018 is cited as the order itself."""
    HealthAgreement.objects.filter(key=KEY).update(legal_basis="bek-679-2018")
    html = Client().get(f"/offentlig/aftaler/{KEY}/").content.decode()
    assert (
        "bek. nr. 679 af 30. maj 2018 (Bekendtgørelse om sundhedskoordinationsudvalg og sundhedsaftaler)"
        in html
    )
    assert "§ 21" not in html
    assert 'href="https://www.retsinformation.dk/eli/lta/2018/679"' in html
    data = json.loads(Client().get(f"/api/v1/public/agreements/{KEY}").content)
    assert data["legal_basis"]["source"] == "bek-679-2018"
