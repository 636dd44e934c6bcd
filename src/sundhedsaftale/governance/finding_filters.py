"""Findings you can work with: one filter for the findings list, its export and the API.

Filters on stored findings (``finding_as_dict`` rows with their ``area``): status, kind, area, subject (a body,
cluster, region or agreement), provision and region. Without a status only what needs action is listed: what is
not met and what needs judgement. An unknown value is refused with a message naming it; nothing is guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sundhedsaftale.core.rules import RuleKind, Status

from .stored_findings import AREAS, OPEN

ALL = "alle"
STATUSES = tuple(s.value for s in Status)
KINDS = tuple(k.value for k in RuleKind)
# Worst first: how a list of findings is ordered.
STATUS_ORDER = {"not_met": 0, "needs_judgement": 1, "not_yet_due": 2, "met": 3, "not_recorded": 4}


class FilterError(ValueError):
    """A filter value that is not one of the accepted ones; the message names it and what is accepted."""


@dataclass(frozen=True)
class FindingFilter:
    statuses: tuple[str, ...] = OPEN
    kind: str = ""
    area: str = ""
    subject: str = ""
    provision: str = ""
    region: str = ""

    @property
    def needs_action_only(self) -> bool:
        return self.statuses == OPEN

    def matches(self, f: Mapping[str, Any], *, ignore_status: bool = False) -> bool:
        return (
            (ignore_status or f["status"] in self.statuses)
            and (not self.kind or f["kind"] == self.kind)
            and (not self.area or f.get("area") == self.area)
            and (not self.subject or f["subject_id"] == self.subject)
            and (not self.provision or any(p["key"] == self.provision for p in f["provisions"]))
            and (not self.region or f["region_code"] == self.region)
        )


def _one_of(name: str, value: str, accepted: Iterable[str]) -> str:
    allowed = tuple(accepted)
    if value and value not in allowed:
        raise FilterError(f"{name}: '{value}' er ikke en af {', '.join(allowed)}")
    return value


def finding_filter(
    *,
    status: str = "",
    kind: str = "",
    area: str = "",
    subject: str = "",
    provision: str = "",
    region: str = "",
) -> FindingFilter:
    """A filter from the values a page or the API was given; ``status`` is one status, ``alle`` for every
    status, or empty for what needs action (not met, needs judgement)."""
    status = status.strip()
    if status == ALL:
        statuses: tuple[str, ...] = STATUSES
    elif status:
        statuses = (_one_of("status", status, (*STATUSES, ALL)),)
    else:
        statuses = OPEN
    return FindingFilter(
        statuses=statuses,
        kind=_one_of("art", kind.strip(), KINDS),
        area=_one_of("omraade", area.strip(), AREAS),
        subject=subject.strip(),
        provision=provision.strip(),
        region=region.strip(),
    )


def filtered(findings: Iterable[dict[str, Any]], chosen: FindingFilter) -> list[dict[str, Any]]:
    """The findings ``chosen`` lets through, worst first, then by subject and rule."""
    return sorted(
        (f for f in findings if chosen.matches(f)),
        key=lambda f: (
            STATUS_ORDER.get(f["status"], 9),
            f["kind"] != "krav",
            f["region_code"],
            f["subject_name"],
            f["rule_id"],
        ),
    )


def status_counts(findings: Iterable[dict[str, Any]], chosen: FindingFilter) -> dict[str, int]:
    """How many findings each status has under every filter but the status: the counts beside the choice."""
    counts = Counter(f["status"] for f in findings if chosen.matches(f, ignore_status=True))
    return {s: counts.get(s, 0) for s in STATUSES}


def choices(findings: Iterable[dict[str, Any]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The subjects and provisions that occur in ``findings``, as (value, label) for the filter form."""
    subjects: dict[str, str] = {}
    provisions: dict[str, str] = {}
    for f in findings:
        subjects.setdefault(f["subject_id"], f["subject_name"])
        for p in f["provisions"]:
            provisions.setdefault(p["key"], f"{p['label']} ({p['source_short']})")
    return (
        sorted(subjects.items(), key=lambda kv: kv[1]),
        sorted(provisions.items(), key=lambda kv: (kv[0].split("/")[0], kv[1])),
    )


def plain_summary(findings: Iterable[dict[str, Any]]) -> dict[str, int]:
    """As ``core.rules.summarise``, for findings in the shape of ``finding_as_dict``."""
    listed = list(findings)
    counts = Counter(f["status"] for f in listed)
    result = {s: counts.get(s, 0) for s in STATUSES}
    result["requirements_broken"] = sum(1 for f in listed if f["status"] == "not_met" and f["kind"] == "krav")
    result["total"] = len(listed)
    return result
