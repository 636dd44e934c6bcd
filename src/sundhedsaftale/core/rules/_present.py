"""Findings and rules as plain JSON-ready dicts: one shape for the CLI, the API and the pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..calendar import MonthDay
from ..law import EndEffect
from ._engine import Rule
from ._explanations import message_as_dict
from ._types import Finding, RuleKind, Status


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, MonthDay):
        return {"month": value.month, "day": value.day, "year_of_period": value.year_of_period}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def finding_as_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_title": finding.rule_title,
        "kind": finding.kind.value,
        "kind_label": finding.kind.label,
        "status": finding.status.value,
        "status_label": finding.status.label,
        "subject_kind": finding.subject.kind.value,
        "subject_id": finding.subject.id,
        "subject_name": finding.subject.name,
        "region_code": finding.subject.region_code,
        "explanation": finding.explanation,
        "advice": finding.advice,
        "legal_change": finding.legal_change or None,
        "legal_change_state": finding.legal_change_state or None,
        "approval_criterion": finding.approval_criterion,
        "facts": [{"name": f.name, "value": _plain(f.value)} for f in finding.facts],
        "provisions": [
            {
                "key": p.key,
                "label": p.label,
                "source_short": p.source_short,
                "valid_from": _plain(p.valid_from),
            }
            for p in finding.provisions
        ],
        "applied": [
            {
                "parameter": a.parameter,
                "label": a.label,
                "value": _plain(a.value),
                "default": _plain(a.default),
                "citation_label": a.citation_label,
                "decision": None
                if a.decision is None
                else {
                    "id": a.decision.id,
                    "decided_by": a.decision.decided_by,
                    "decided_on": a.decision.decided_on.isoformat(),
                    "reference": a.decision.reference,
                },
            }
            for a in finding.applied
        ],
        "evaluated_on": finding.evaluated_on.isoformat(),
        # The explanation as messages (ADR 0051), so a page in English writes it from the same facts; empty for
        # a rule that writes only Danish.
        "messages": [message_as_dict(m) for m in finding.messages],
    }


def rule_as_dict(rule: Rule, end: EndEffect | None = None) -> dict[str, Any]:
    """One rule; ``end`` is the legal change that reaches it on the day shown (see ``Rulebook.rules_on``)."""
    return {
        "id": rule.id,
        "title": rule.title,
        "kind": rule.kind.value,
        "kind_label": rule.kind.label,
        "subject": rule.subject.value,
        "subject_label": rule.subject.label,
        "summary": rule.summary,
        "valid_from": rule.validity.start.isoformat(),
        "valid_until": rule.validity.end.isoformat() if rule.validity.end else None,
        "citations": [
            {"key": p.key, "label": p.label, "source_short": p.source_short} for p in rule.provisions
        ],
        "parameters": list(rule.parameters),
        "approval_criterion": rule.approval_criterion,
        "legal_change": end.as_dict() if end is not None else None,
    }


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts by status, plus how many binding requirements are broken."""
    listed = list(findings)
    counts = Counter(f.status.value for f in listed)
    result = {s.value: counts.get(s.value, 0) for s in Status}
    result["requirements_broken"] = sum(
        1 for f in listed if f.kind is RuleKind.REQUIREMENT and f.status is Status.NOT_MET
    )
    result["total"] = len(listed)
    return result
