"""Reading the patient involvement committee's statements (§ 27, stk. 3; § 28)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Body, CommitteeStatement


def statements_of(body: Body) -> QuerySet[CommitteeStatement]:
    """The committee's statements, newest first."""
    return CommitteeStatement.objects.filter(body=body).select_related("meeting").order_by("-given_on", "-pk")


def statement_as_dict(statement: CommitteeStatement) -> dict[str, Any]:
    """One statement as the API gives it."""
    return {
        "id": statement.pk,
        "basis": statement.basis,
        "basis_label": str(statement.get_basis_display()),
        "topic": statement.topic,
        "text": statement.text,
        "given_on": statement.given_on,
        "meeting": statement.meeting.key if statement.meeting else None,
        "consensus_sought": statement.consensus_sought,
        "consensus_reached": statement.consensus_reached,
        "dissents": [dict(d) for d in statement.dissents],
        "version": statement.version,
    }
