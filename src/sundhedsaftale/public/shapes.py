"""What the portal shows, as plain typed records: the pages render them and the public API returns them as JSON.

Everything here is public by construction: a selector in :mod:`.selectors` puts in a record only what an explicit,
audited act made public (ADR 0042). No field carries contact data, a draft, a reviewer's note or an agenda item
for the authorities only.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class Citation(BaseModel):
    """A provision cited on a public page, with the act's ELI on Retsinformation."""

    text: str
    source: str
    eli: str


class DocumentFile(BaseModel):
    format: str
    url: str


class PublicDocument(BaseModel):
    """One published document: an agreement version, a letter, an agenda – and what later sources register
    (status reports, minutes). ``id`` is stable: the feed's entry id and the key search will index by."""

    id: str
    kind: str
    kind_label: str
    title: str
    region_code: str
    published_on: dt.date
    url: str
    files: list[DocumentFile] = []


class RegionRef(BaseModel):
    code: str
    name: str
    name_en: str
    url: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class CouncilRef(BaseModel):
    id: str
    name: str
    region_code: str
    valid_from: dt.date
    municipalities: list[str]


class MunicipalityRef(BaseModel):
    code: str
    name: str
    url: str


class ClusterRef(BaseModel):
    id: str
    name: str
    url: str
    municipalities: list[MunicipalityRef] = []


class PublicBodyRef(BaseModel):
    key: str
    name: str
    kind: str
    kind_label: str
    url: str
    published_on: dt.date | None = None


class Member(BaseModel):
    """A seat as the public sees it: name, organisation and role – never e-mail or phone."""

    name: str
    organisation: str
    role: str
    role_label: str
    municipality: str = ""
    chair: bool = False
    vice_chair: bool = False
    substitute: bool = False


class MeetingRef(BaseModel):
    pk: int
    date: dt.date
    title: str
    status: str
    url: str
    agenda_published: bool


class PublicAgendaItem(BaseModel):
    number: int
    title: str
    description: str


class AgreementRef(BaseModel):
    key: str
    title: str
    region_code: str
    election_period: str
    url: str
    versions: int


class AgreementVersionOut(BaseModel):
    number: int
    label: str
    effective_date: dt.date | None
    published_on: dt.date
    files: list[DocumentFile]


class PartyPublication(BaseModel):
    """A party's publication of the agreement on its own website (vejledningens afsnit 5.5)."""

    party_code: str
    party: str
    published_on: dt.date
    url: str
    version_number: str


class DiffLine(BaseModel):
    section: str
    label: str
    change: str
    before: str
    after: str


class Index(BaseModel):
    on: dt.date
    regions: list[RegionRef]
    councils: list[CouncilRef]
    citations: list[Citation]


class RegionPage(BaseModel):
    region: RegionRef
    on: dt.date
    agreements: list[AgreementRef]
    letters: list[PublicDocument]
    status_reports: list[PublicDocument]
    bodies: list[PublicBodyRef]
    clusters: list[ClusterRef]
    municipalities: list[MunicipalityRef]
    councils: list[CouncilRef]
    citations: list[Citation]


class AgreementPage(BaseModel):
    key: str
    title: str
    region: RegionRef
    election_period: str
    legal_basis: Citation
    versions: list[AgreementVersionOut]
    publications: list[PartyPublication]
    letters: list[PublicDocument]
    diff_from: int | None
    diff_to: int | None
    diff: list[DiffLine]
    citations: list[Citation]


class BodyPage(BaseModel):
    body: PublicBodyRef
    region: RegionRef
    cluster: ClusterRef | None
    members: list[Member]
    members_published: bool
    meetings: list[MeetingRef]
    citations: list[Citation]


class MeetingPage(BaseModel):
    pk: int
    date: dt.date
    title: str
    status: str
    location: str
    body: PublicBodyRef
    region: RegionRef
    agenda_published_on: dt.date | None
    agenda: list[PublicAgendaItem]
    minutes: str
    files: list[DocumentFile]


class ClusterPage(BaseModel):
    cluster: ClusterRef
    region: RegionRef
    bodies: list[PublicBodyRef]
    agreements: list[AgreementRef]


class MunicipalityPage(BaseModel):
    municipality: MunicipalityRef
    region: RegionRef
    clusters: list[ClusterRef]
    councils: list[CouncilRef]
    agreements: list[AgreementRef]
    letters: list[PublicDocument]
    bodies: list[PublicBodyRef]
