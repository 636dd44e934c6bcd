"""Shaping core results for templates: findings grouped, provisions linked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from sundhedsaftale.core.rules import Finding, finding_as_dict


def provision_url(key: str) -> str:
    source_id, unit_id = key.split("/", 1)
    return reverse("lawbook:unit", args=[source_id, unit_id])


def finding_for_page(finding: Finding) -> dict[str, Any]:
    data = finding_as_dict(finding)
    for provision in data["provisions"]:
        provision["url"] = provision_url(provision["key"])
    return data


def plain_finding_for_page(data: dict[str, Any]) -> dict[str, Any]:
    """As :func:`finding_for_page`, for a finding already in the shape of ``finding_as_dict`` (stored)."""
    for provision in data["provisions"]:
        provision["url"] = provision_url(provision["key"])
    return data


_STATUS_ORDER = {
    "not_met": 0,
    "needs_judgement": 1,
    "not_yet_due": 2,
    "met": 3,
    "not_recorded": 4,
    "not_applicable": 5,
}


def findings_by_subject(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Group findings per subject (body, agreement), worst first, for the region page."""
    return plain_findings_by_subject(finding_as_dict(f) for f in findings)


def plain_findings_by_subject(findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """As :func:`findings_by_subject`, for findings already in the shape of ``finding_as_dict`` (stored)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for data in findings:
        key = (data["subject_kind"], data["subject_id"])
        names[key] = data["subject_name"]
        for provision in data["provisions"]:
            provision["url"] = provision_url(provision["key"])
        groups[key].append(data)
    result: list[dict[str, Any]] = []
    for key, items in groups.items():
        items.sort(key=lambda d: (_STATUS_ORDER[d["status"]], d["rule_id"]))
        result.append(
            {
                "kind": key[0],
                "id": key[1],
                "name": names[key],
                "findings": items,
                "broken": sum(1 for d in items if d["status"] == "not_met" and d["kind"] == "krav"),
                "advice": sum(1 for d in items if d["status"] == "not_met" and d["kind"] == "anbefaling"),
            }
        )
    result.sort(key=lambda g: (-g["broken"], -g["advice"], g["name"]))
    return result
