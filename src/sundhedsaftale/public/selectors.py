"""Reading the public record: only what an explicit, audited act published (ADR 0042).

The acts, and what each makes public:

- an agreement version in state ``published`` (the lifecycle's publication step, vejledningens afsnit 5.5): the
  version's content and files, the agreement's title, and the parties' recorded publications;
- an issued letter with ``published_on`` (``review.actions.letter_publish``): the letter's files;
- a meeting's published agenda (``agenda_published_at``, ADR 0023): the meeting's date, title and place and the
  agenda items not for the authorities only (§ 2, stk. 3);
- a body's publication (:class:`BodyPublication`, ``public.actions.body_publish``), until it is withdrawn: its
  members' names, organisations and roles and its meeting dates;
- what other parts register in :mod:`.extensions` (status reports, minutes).

The regions, municipalities, clusters and sundhedsråd are reference data and public as such. Nothing else is read.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from sundhedsaftale.agreements.diff import version_diff
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement, VersionState
from sundhedsaftale.core.case import AUTHORITY_PARTY, BodyKind
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.governance.body_selectors import ROLE_LABELS, body_cluster_id
from sundhedsaftale.governance.meeting_selectors import public_agenda
from sundhedsaftale.governance.models import BODY_KIND_LABELS, Body, Meeting, Membership
from sundhedsaftale.registry.models import HealthCluster, HealthCouncil, Municipality, Region
from sundhedsaftale.registry.selectors import in_danish_order, regions_on
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.platform import platform

from . import extensions
from .models import BodyPublication
from .shapes import (
    AgreementPage,
    AgreementRef,
    AgreementVersionOut,
    BodyPage,
    Citation,
    ClusterPage,
    ClusterRef,
    CouncilRef,
    DiffLine,
    DocumentFile,
    Index,
    MeetingPage,
    MeetingRef,
    Member,
    MunicipalityPage,
    MunicipalityRef,
    PartyPublication,
    PublicAgendaItem,
    PublicBodyRef,
    PublicDocument,
    RegionPage,
    RegionRef,
)

ORDER_ID = "bek-1248-2022"
GUIDANCE_ID = "vej-9008-2024"
DOCUMENT_FORMATS = ("pdf", "docx")


class NotPublic(Exception):
    """What was asked for does not exist or has not been published: the pages answer 404."""


# --- Citations ----------------------------------------------------------------------------------------------


def cite(text: str, source_id: str = ORDER_ID) -> Citation:
    """A provision of bek. nr. 1248/2022 (or the guidance) with the act's ELI as recorded in data/law/sources.yaml."""
    source = platform().corpus.source(source_id)
    return Citation(text=f"{source.short}, {text}", source=source_id, eli=source.eli)


def _portal_citations() -> list[Citation]:
    return [
        cite(_("afsnit 5.5 (offentliggørelse af sundhedsaftalen)"), GUIDANCE_ID),
        cite(_("§ 21 (sundhedsaftalen)")),
        cite(_("§ 2, stk. 3 (punkter alene for myndighederne)")),
    ]


# --- References -----------------------------------------------------------------------------------------------


def _region_ref(region: Region) -> RegionRef:
    return RegionRef(
        code=region.code,
        name=region.name,
        name_en=region.name_en,
        url=reverse("public:region", args=[region.code]),
        valid_from=region.valid_from,
        valid_to=region.valid_to,
    )


def _municipality_ref(m: Municipality) -> MunicipalityRef:
    return MunicipalityRef(code=m.code, name=m.name, url=reverse("public:municipality", args=[m.code]))


def _cluster_ref(c: HealthCluster, *, with_municipalities: bool = False) -> ClusterRef:
    municipalities = in_danish_order(c.municipalities.all()) if with_municipalities else []
    return ClusterRef(
        id=c.id,
        name=c.name,
        url=reverse("public:cluster", args=[c.id]),
        municipalities=[_municipality_ref(m) for m in municipalities],
    )


def _council_ref(c: HealthCouncil) -> CouncilRef:
    return CouncilRef(
        id=c.id,
        name=c.name,
        region_code=c.region_id,
        valid_from=c.valid_from,
        municipalities=[m.name for m in in_danish_order(c.municipalities.all())],
    )


def _kind_label(kind: str) -> str:
    try:
        return str(BODY_KIND_LABELS[BodyKind(kind)])
    except ValueError:
        return kind


def _body_ref(body: Body, published_on: dt.date | None) -> PublicBodyRef:
    return PublicBodyRef(
        key=body.key,
        name=body.name,
        kind=body.kind,
        kind_label=_kind_label(body.kind),
        url=reverse("public:body", args=[body.key]),
        published_on=published_on,
    )


def _files(name: str, *args: object) -> list[DocumentFile]:
    return [DocumentFile(format=fmt, url=reverse(name, args=[*args, fmt])) for fmt in DOCUMENT_FORMATS]


# --- What is published ------------------------------------------------------------------------------------------


def published_versions(agreement: HealthAgreement) -> list[AgreementVersion]:
    return list(agreement.versions.filter(state=VersionState.PUBLISHED).order_by("number"))


def _version_published_on(agreement: HealthAgreement, version: AgreementVersion) -> dt.date:
    """The first recorded publication of the version (afsnit 5.5); the day it was saved when none names it."""
    days = [
        dt.date.fromisoformat(str(p["published_on"]))
        for p in (agreement.records or {}).get("publications", [])
        if p.get("version_number", "") in ("", version.label)
    ]
    return min(days) if days else version.saved_at.date()


def _published_agreements(region_code: str | None = None) -> QuerySet[HealthAgreement]:
    rows = HealthAgreement.objects.filter(versions__state=VersionState.PUBLISHED).distinct()
    if region_code is not None:
        rows = rows.filter(region_id=region_code)
    return rows.select_related("region").order_by("region_id", "-election_period_start")


def _agreement_ref(a: HealthAgreement) -> AgreementRef:
    return AgreementRef(
        key=a.key,
        title=a.title,
        region_code=a.region_id,
        election_period=_period(a),
        url=reverse("public:agreement", args=[a.key]),
        versions=a.versions.filter(state=VersionState.PUBLISHED).count(),
    )


def _period(a: HealthAgreement) -> str:
    return f"{a.election_period_start}–{a.election_period_start + 3}"


def _published_letters(region_code: str | None = None) -> QuerySet[IssuedLetter]:
    rows = IssuedLetter.objects.filter(published_on__isnull=False).select_related("agreement")
    if region_code is not None:
        rows = rows.filter(agreement__region_id=region_code)
    # The files are not read for a list.
    return rows.defer("pdf", "docx").order_by("-published_on", "-pk")


def _letter_document(letter: IssuedLetter) -> PublicDocument:
    assert letter.published_on is not None
    return PublicDocument(
        id=f"letter-{letter.pk}",
        kind="letter",
        kind_label=_("Sundhedsstyrelsens brev"),
        title=_("%(kind)s: %(agreement)s (%(day)s)")
        % {
            "kind": letter.get_kind_display(),
            "agreement": letter.agreement.title,
            "day": danish_date(letter.letter_date),
        },
        region_code=letter.agreement.region_id,
        published_on=letter.published_on,
        url=reverse("public:agreement", args=[letter.agreement.key]) + f"#letter-{letter.pk}",
        files=_files("public:letter_file", letter.pk),
    )


def published_letter(letter_id: int) -> IssuedLetter:
    letter = IssuedLetter.objects.filter(pk=letter_id, published_on__isnull=False).first()
    if letter is None:
        raise NotPublic
    return letter


def _published_bodies() -> QuerySet[BodyPublication]:
    return BodyPublication.objects.in_force().select_related("body", "body__parent")


def _agenda_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(agenda_published_at__isnull=False).select_related("body")


def _public_body_keys(region_code: str | None = None) -> dict[str, dt.date | None]:
    """Every body the public may see, with the day it was published (``None``: only its published agendas)."""
    found: dict[str, dt.date | None] = {}
    agendas = _agenda_meetings()
    publications = _published_bodies()
    if region_code is not None:
        agendas = agendas.filter(body__region_id=region_code)
        publications = publications.filter(body__region_id=region_code)
    for key in agendas.values_list("body__key", flat=True):
        found[key] = None
    for key, on in publications.values_list("body__key", "published_on"):
        found[key] = on
    return found


def _bodies(keys: dict[str, dt.date | None], extra: Q | None = None) -> list[PublicBodyRef]:
    rows = Body.objects.filter(key__in=keys)
    if extra is not None:
        rows = rows.filter(extra)
    return [_body_ref(b, keys[b.key]) for b in rows.order_by("kind", "name")]


def _agenda_document(meeting: Meeting) -> PublicDocument:
    assert meeting.agenda_published_at is not None
    return PublicDocument(
        id=f"agenda-{meeting.pk}",
        kind="agenda",
        kind_label=_("Dagsorden"),
        title=_("Dagsorden: %(body)s %(day)s")
        % {"body": meeting.body.name, "day": danish_date(meeting.date)},
        region_code=meeting.body.region_id,
        published_on=meeting.agenda_published_at.date(),
        url=reverse("public:meeting", args=[meeting.pk]),
        files=_files("public:agenda_file", meeting.pk),
    )


def _version_documents(region_code: str | None) -> list[PublicDocument]:
    result = []
    for a in _published_agreements(region_code):
        for v in published_versions(a):
            result.append(
                PublicDocument(
                    id=f"agreement-{a.key}-v{v.number}",
                    kind="agreement",
                    kind_label=_("Sundhedsaftale"),
                    title=_("%(title)s, version %(label)s")
                    % {"title": a.title, "label": v.label or v.number},
                    region_code=a.region_id,
                    published_on=_version_published_on(a, v),
                    url=reverse("public:agreement", args=[a.key]) + f"#version-{v.number}",
                    files=_files("public:agreement_document", a.key, v.number),
                )
            )
    return result


def published_documents(region_code: str | None = None) -> list[PublicDocument]:
    """Every published document, newest first: agreement versions, letters, agendas and what is registered.
    The one list of what is public as a document – the feed reads it, and search will index it."""
    agendas = _agenda_meetings()
    if region_code is not None:
        agendas = agendas.filter(body__region_id=region_code)
    documents = [
        *_version_documents(region_code),
        *(_letter_document(letter) for letter in _published_letters(region_code)),
        *(_agenda_document(m) for m in agendas),
        *extensions.registered_documents(None, region_code),
    ]
    return sorted(documents, key=lambda d: (d.published_on, d.id), reverse=True)


# --- Pages ---------------------------------------------------------------------------------------------------


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise NotPublic
    return region


def councils_on(day: dt.date, region_code: str | None = None) -> list[CouncilRef]:
    rows = HealthCouncil.objects.filter(valid_from__lte=day).prefetch_related("municipalities")
    if region_code is not None:
        rows = rows.filter(region_id=region_code)
    return [_council_ref(c) for c in rows.order_by("region_id", "name")]


def portal_index(on: dt.date) -> Index:
    """The regions on ``on`` (five before 2027, four from then) and the sundhedsråd that exist on it."""
    return Index(
        on=on,
        regions=[_region_ref(r) for r in regions_on(on).order_by("code")],
        councils=councils_on(on),
        citations=_portal_citations(),
    )


def region_page(code: str, on: dt.date) -> RegionPage:
    region = _region(code)
    clusters = (
        HealthCluster.objects.filter(region_id=code).prefetch_related("municipalities").order_by("name")
    )
    return RegionPage(
        region=_region_ref(region),
        on=on,
        agreements=[_agreement_ref(a) for a in _published_agreements(code)],
        letters=[_letter_document(letter) for letter in _published_letters(code)],
        status_reports=extensions.registered_documents("status_report", code),
        bodies=_bodies(_public_body_keys(code)),
        clusters=[_cluster_ref(c) for c in clusters],
        municipalities=[_municipality_ref(m) for m in in_danish_order(region.municipalities.all())],
        councils=councils_on(on, code) or councils_on(dt.date.max, code),
        citations=_portal_citations(),
    )


def agreement_page(key: str, diff_from: int | None = None, diff_to: int | None = None) -> AgreementPage:
    """A published agreement: every published version with its files, the parties' publications and the
    difference between two published versions (by default the newest and the one before it)."""
    agreement = HealthAgreement.objects.filter(key=key).select_related("region").first()
    if agreement is None:
        raise NotPublic
    versions = published_versions(agreement)
    if not versions:
        raise NotPublic
    numbers = {v.number: v for v in versions}
    after = numbers.get(diff_to) if diff_to is not None else versions[-1]
    before = (
        numbers.get(diff_from) if diff_from is not None else (versions[-2] if len(versions) > 1 else None)
    )
    diff: list[DiffLine] = []
    if before is not None and after is not None and before != after:
        goals = platform().reference.national_goal_names()
        diff = [
            DiffLine(section=d.section, label=d.label, change=d.change.value, before=d.before, after=d.after)
            for d in version_diff(before.facts(), after.facts(), goals)
        ]
    names = _party_names(agreement.region_id)
    publications = [
        PartyPublication(
            party_code=str(p["party_code"]),
            party=names.get(str(p["party_code"]), str(p["party_code"])),
            published_on=dt.date.fromisoformat(str(p["published_on"])),
            url=str(p.get("url", "")),
            version_number=str(p.get("version_number", "")),
        )
        for p in (agreement.records or {}).get("publications", [])
    ]
    return AgreementPage(
        key=agreement.key,
        title=agreement.title,
        region=_region_ref(agreement.region),
        election_period=_period(agreement),
        legal_basis=_legal_basis(agreement.legal_basis),
        versions=[
            AgreementVersionOut(
                number=v.number,
                label=v.label,
                effective_date=v.effective_date,
                published_on=_version_published_on(agreement, v),
                files=_files("public:agreement_document", agreement.key, v.number),
            )
            for v in reversed(versions)
        ],
        publications=publications,
        letters=[_letter_document(letter) for letter in _published_letters().filter(agreement=agreement)],
        diff_from=before.number if before is not None and diff else None,
        diff_to=after.number if after is not None and diff else None,
        diff=diff,
        citations=[
            cite(_("afsnit 5.5 (offentliggørelse af sundhedsaftalen)"), GUIDANCE_ID),
            _legal_basis(agreement.legal_basis),
        ],
    )


def _legal_basis(source_id: str) -> Citation:
    """The provision an agreement was made under. § 21 is the agreement's provision in bek. nr. 1248/2022 only; an
    agreement under an earlier order (bek. nr. 679/2018, whose text the platform does not hold) is cited by the
    order itself, never by a paragraph number that order may not have."""
    if source_id == ORDER_ID or source_id not in platform().corpus.sources:
        return cite(_("§ 21 (sundhedsaftalen)"))
    source = platform().corpus.source(source_id)
    return Citation(text=f"{source.short} ({source.title})", source=source_id, eli=source.eli)


def published_version(key: str, number: int) -> tuple[HealthAgreement, AgreementVersion]:
    agreement = HealthAgreement.objects.filter(key=key).first()
    version = (
        agreement.versions.filter(number=number, state=VersionState.PUBLISHED).first()
        if agreement is not None
        else None
    )
    if agreement is None or version is None:
        raise NotPublic
    return agreement, version


def _party_names(region_code: str) -> dict[str, str]:
    names = {m.code: m.name for m in Municipality.objects.filter(region_id=region_code)}
    names.update({r.code: r.name for r in Region.objects.filter(code=region_code)})
    names[AUTHORITY_PARTY] = _("Sundhedsstyrelsen")
    return names


def _public_body(key: str) -> tuple[Body, dt.date | None]:
    body = Body.objects.filter(key=key).select_related("region", "cluster", "parent").first()
    if body is None:
        raise NotPublic
    publication = BodyPublication.objects.in_force().filter(body=body).first()
    if publication is None and not body.meetings.filter(agenda_published_at__isnull=False).exists():
        raise NotPublic
    return body, publication.published_on if publication is not None else None


def _members(body: Body, on: dt.date) -> list[Member]:
    rows = (
        Membership.objects.filter(body=body, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person", "municipality")
    )
    labels = {k.value: str(v) for k, v in ROLE_LABELS.items()}
    return [
        Member(
            name=m.person.name,
            organisation=m.person.organisation,
            role=m.role,
            role_label=labels.get(m.role, m.role),
            municipality=m.municipality.name if m.municipality is not None else "",
            chair=m.chair,
            vice_chair=m.vice_chair,
            substitute=m.substitute,
        )
        for m in rows
    ]


def _meeting_ref(m: Meeting) -> MeetingRef:
    return MeetingRef(
        pk=m.pk,
        date=m.date,
        title=m.title,
        status=m.status,
        url=reverse("public:meeting", args=[m.pk]),
        agenda_published=m.agenda_published_at is not None,
    )


def body_page(key: str, on: dt.date) -> BodyPage:
    """A body as published: members (names, organisations, roles) and every meeting date once the body is
    published; before that only the meetings whose agenda is published."""
    body, published_on = _public_body(key)
    meetings = body.meetings.order_by("date")
    if published_on is None:
        meetings = meetings.filter(agenda_published_at__isnull=False)
    cluster_id = body_cluster_id(body)
    cluster = HealthCluster.objects.filter(id=cluster_id).first() if cluster_id else None
    return BodyPage(
        body=_body_ref(body, published_on),
        region=_region_ref(body.region),
        cluster=_cluster_ref(cluster) if cluster is not None else None,
        members=_members(body, on) if published_on is not None else [],
        members_published=published_on is not None,
        meetings=[_meeting_ref(m) for m in meetings],
        citations=[cite(_("§ 2, stk. 3 (punkter alene for myndighederne)"))],
    )


def public_meeting(pk: int) -> Meeting:
    """A meeting the public may see: its agenda is published, or its body is."""
    meeting = Meeting.objects.filter(pk=pk).select_related("body", "body__region").first()
    if meeting is None:
        raise NotPublic
    if (
        meeting.agenda_published_at is None
        and not BodyPublication.objects.in_force().filter(body_id=meeting.body_id).exists()
    ):
        raise NotPublic
    return meeting


def meeting_page(pk: int) -> MeetingPage:
    meeting = public_meeting(pk)
    published = meeting.agenda_published_at
    body_published = (
        BodyPublication.objects.in_force()
        .filter(body_id=meeting.body_id)
        .values_list("published_on", flat=True)
    )
    return MeetingPage(
        pk=meeting.pk,
        date=meeting.date,
        title=meeting.title,
        status=meeting.status,
        location=meeting.location,
        body=_body_ref(meeting.body, body_published.first()),
        region=_region_ref(meeting.body.region),
        agenda_published_on=published.date() if published is not None else None,
        agenda=[
            PublicAgendaItem(number=i.number, title=i.title, description=i.description)
            for i in public_agenda(meeting)
        ],
        minutes=extensions.minutes_for(meeting.pk),
        files=_files("public:agenda_file", meeting.pk) if published is not None else [],
    )


def cluster_page(cluster_id: str) -> ClusterPage:
    cluster = HealthCluster.objects.filter(id=cluster_id).select_related("region").first()
    if cluster is None:
        raise NotPublic
    keys = _public_body_keys(cluster.region_id)
    return ClusterPage(
        cluster=_cluster_ref(cluster, with_municipalities=True),
        region=_region_ref(cluster.region),
        bodies=_bodies(keys, Q(cluster_id=cluster.id) | Q(parent__cluster_id=cluster.id)),
        agreements=[_agreement_ref(a) for a in _published_agreements(cluster.region_id)],
    )


def municipality_page(code: str, on: dt.date) -> MunicipalityPage:
    """A municipality: its region's published agreements it is a party to, their letters, and the published
    bodies of its clusters."""
    municipality = Municipality.objects.filter(code=code).select_related("region").first()
    if municipality is None:
        raise NotPublic
    clusters = list(municipality.clusters.order_by("name"))
    agreements = [
        a
        for a in _published_agreements(municipality.region_id)
        if not a.parties or municipality.code in a.parties
    ]
    keys = _public_body_keys(municipality.region_id)
    cluster_ids = [c.id for c in clusters]
    return MunicipalityPage(
        municipality=_municipality_ref(municipality),
        region=_region_ref(municipality.region),
        clusters=[_cluster_ref(c) for c in clusters],
        councils=[_council_ref(c) for c in municipality.councils.order_by("name")],
        agreements=[_agreement_ref(a) for a in agreements],
        letters=[
            _letter_document(letter)
            for letter in _published_letters(municipality.region_id).filter(agreement__in=agreements)
        ],
        bodies=_bodies(keys, Q(cluster_id__in=cluster_ids) | Q(parent__cluster_id__in=cluster_ids)),
    )


def every_public_path(region_code: str | None = None) -> list[str]:
    """Every public page's and file's path on the current records (of one region, or all): what the tests walk,
    and what a sitemap or the search index would list. The front of the portal and the feed come first."""
    regions = Region.objects.order_by("code")
    municipalities = Municipality.objects.order_by("code")
    clusters = HealthCluster.objects.order_by("id")
    meetings = Meeting.objects.filter(
        Q(agenda_published_at__isnull=False)
        | Q(body__publication__isnull=False, body__publication__withdrawn_on__isnull=True)
    ).order_by("pk")
    if region_code is not None:
        regions = regions.filter(code=region_code)
        municipalities = municipalities.filter(region_id=region_code)
        clusters = clusters.filter(region_id=region_code)
        meetings = meetings.filter(body__region_id=region_code)
    paths = [reverse("public:index"), reverse("public:feed")]
    paths += [reverse("public:region", args=[r.code]) for r in regions]
    paths += [reverse("public:municipality", args=[m.code]) for m in municipalities]
    paths += [reverse("public:cluster", args=[c.id]) for c in clusters]
    paths += [reverse("public:agreement", args=[a.key]) for a in _published_agreements(region_code)]
    paths += [reverse("public:body", args=[k]) for k in sorted(_public_body_keys(region_code))]
    paths += [reverse("public:meeting", args=[pk]) for pk in meetings.values_list("pk", flat=True)]
    paths += [f.url for doc in published_documents(region_code) for f in doc.files]
    paths += extensions.registered_paths(region_code)
    return paths


def agreement_json_ld(page: AgreementPage, url: str) -> dict[str, object]:
    """schema.org for the published agreement: a ``CreativeWork`` based on the ``Legislation`` it is made under,
    one ``workExample`` per published version with its files."""
    return {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": page.title,
        "inLanguage": "da",
        "author": {"@type": "GovernmentOrganization", "name": page.region.name},
        "publisher": {"@type": "GovernmentOrganization", "name": page.region.name},
        "spatialCoverage": {"@type": "AdministrativeArea", "name": page.region.name},
        "temporalCoverage": page.election_period.replace("–", "/"),
        "datePublished": page.versions[-1].published_on.isoformat() if page.versions else None,
        "version": page.versions[0].label if page.versions else None,
        "isBasedOn": {
            "@type": "Legislation",
            "name": page.legal_basis.text,
            "legislationIdentifier": page.legal_basis.eli,
            "url": page.legal_basis.eli,
            "sameAs": page.legal_basis.eli,
        },
        "workExample": [
            {
                "@type": "CreativeWork",
                "version": v.label or str(v.number),
                "datePublished": v.published_on.isoformat(),
                "encoding": [
                    {"@type": "MediaObject", "encodingFormat": f.format, "contentUrl": f.url} for f in v.files
                ],
            }
            for v in page.versions
        ],
    }
