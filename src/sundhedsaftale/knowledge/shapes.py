"""The catalogue as typed records: the pages render them, the public API returns them (ADR 0048).

A record built for the public holds only what a published agreement version, a published status report and a
committee's mark for national spread (itself an act meant for the other regions) say; one built for a logged-in
user adds what that user may read (newer versions of the agreements, status reports not yet published).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class CatalogueNationalGoal(BaseModel):
    number: int
    name: str


class CatalogueIndicatorValue(BaseModel):
    criterion: str
    indicator: str
    value: str
    unit: str
    measured_on: dt.date
    target: str


class CatalogueGoalResult(BaseModel):
    goal_id: str
    title: str
    status: str  # "" while the report gives none
    status_label: str
    values: list[CatalogueIndicatorValue] = []


class CatalogueResult(BaseModel):
    """One status report's results for the entry's goals (§ 22, stk. 1; kapitel 6)."""

    report_id: int
    title: str
    state: str
    state_label: str
    published_on: dt.date | None
    url: str
    goals: list[CatalogueGoalResult] = []


class CatalogueSpread(BaseModel):
    """The committee's mark for national spread (§ 15, stk. 2, nr. 5), with its evidence."""

    marked_on: dt.date
    body: str
    meeting_date: dt.date
    evidence: str
    document_url: str = ""
    document_name: str = ""


class CatalogueEntry(BaseModel):
    id: str
    kind: str
    kind_label: str
    title: str
    description: str
    region_code: str
    region_name: str
    agreement_key: str
    agreement_title: str
    version_number: int
    version_label: str
    version_state: str
    version_published: bool
    target_groups: list[str] = []
    goals: list[str] = []
    national_goals: list[CatalogueNationalGoal] = []
    clusters: list[str] = []
    results: list[CatalogueResult] = []
    spread: CatalogueSpread | None = None
    url: str
    files: list[str] = []


class CatalogueChoice(BaseModel):
    value: str
    label: str


class CatalogueFilters(BaseModel):
    region: str = ""
    national_goal: int | None = None
    target_group: str = ""
    kind: str = ""
    spread: bool = False
    q: str = ""


class CataloguePage(BaseModel):
    filters: CatalogueFilters
    entries: list[CatalogueEntry]
    total: int
    regions: list[CatalogueChoice]
    national_goals: list[CatalogueChoice]
    target_groups: list[CatalogueChoice]
    kinds: list[CatalogueChoice]
