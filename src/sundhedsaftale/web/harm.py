"""Warn before harm: a change that would leave a requirement unmet says so before it is saved (ADR 0039).

``change_guarded`` runs the change (an action) inside a transaction, evaluates the rulebook on the region's case
as it then is, and compares it with the findings before. A finding that is not met after the change and was not
before is a new breach. Unless the change is confirmed, the transaction is rolled back: nothing is written, not
even the audit row, and the page shows each new breach with its explanation and the provision quoted, asking
"Gem alligevel" or "Fortryd". Confirmed, the same change is committed and the page names what is still broken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext

from sundhedsaftale.core.errors import CitationError
from sundhedsaftale.core.law import Citation
from sundhedsaftale.core.rules import Finding, Status
from sundhedsaftale.governance.stored_findings import region_findings_plain
from sundhedsaftale.registry.clock import today

from .cases import region_findings
from .platform import platform
from .presenters import finding_for_page

__all__ = ["CONFIRM_FIELD", "Guarded", "announce", "change_guarded", "confirmed"]

T = TypeVar("T")

# The name of the button that confirms a change despite its warning ("Gem alligevel").
CONFIRM_FIELD = "gem_alligevel"


@dataclass(frozen=True)
class Guarded(Generic[T]):
    """The outcome: ``saved`` with the action's ``result``, or held back because of ``breaches``."""

    saved: bool
    result: T | None
    breaches: list[dict[str, Any]] = field(default_factory=list)

    def message(self, saved_text: str) -> str:
        """The message after saving: the plain ``saved_text``, or it followed by the requirements now unmet."""
        if not self.breaches:
            return saved_text
        titles = ", ".join(f"«{b['rule_title']}» ({_labels(b)})" for b in self.breaches)
        return (
            saved_text
            + " "
            + ngettext(
                "Dette krav er nu ikke opfyldt: %(titles)s.",
                "Disse krav er nu ikke opfyldt: %(titles)s.",
                len(self.breaches),
            )
            % {"titles": titles}
        )


def announce(request: HttpRequest, outcome: Guarded[Any], text: str) -> None:
    """After saving: green only when the change broke nothing; otherwise a warning naming what it broke."""
    if outcome.breaches:
        messages.warning(request, outcome.message(text))
    else:
        messages.success(request, text)


def confirmed(request: HttpRequest) -> bool:
    """The change was sent again with "Gem alligevel" after its warning."""
    return request.POST.get(CONFIRM_FIELD) == "1"


def _labels(finding: dict[str, Any]) -> str:
    return ", ".join(p["label"] for p in finding["provisions"]) or gettext("uden hjemmel")


def _key(f: Finding) -> tuple[str, str, str]:
    return (f.rule_id, f.subject.kind.value, f.subject.id)


def _unmet(findings: list[Finding]) -> dict[tuple[str, str, str], Finding]:
    return {_key(f): f for f in findings if f.status is Status.NOT_MET}


def change_guarded(*, region_code: str, change: Callable[[], T], confirmed: bool) -> Guarded[T]:
    """Run ``change``; keep it only if it breaks no requirement that held before, or if ``confirmed``.

    The exceptions of the action (invalid input, a conflict) pass through and nothing is written."""
    at = today()
    # Before: the stored findings (ADR 0032), computed once per change of the record and usually ready.
    before = {
        (f["rule_id"], f["subject_kind"], f["subject_id"])
        for f in region_findings_plain(region_code, at)
        if f["status"] == Status.NOT_MET.value
    }
    with transaction.atomic():
        result = change()
        after = _unmet(region_findings(region_code, at))
        new = [f for key, f in after.items() if key not in before]
        breaches = [_shown(f) for f in new]
        if breaches and not confirmed:
            transaction.set_rollback(True)
            return Guarded(saved=False, result=None, breaches=breaches)
    return Guarded(saved=True, result=result, breaches=breaches)


def _shown(finding: Finding) -> dict[str, Any]:
    """The finding as a page shows it, each provision with its text quoted (in Danish, as the law is)."""
    data = finding_for_page(finding)
    corpus = platform().rulebook.corpus
    for provision in data["provisions"]:
        source_id, _sep, unit_id = provision["key"].partition("/")
        try:
            provision["quote"] = corpus.full_text(corpus.resolve(Citation(source_id, unit_id)))
        except CitationError:  # a provision that cannot be quoted is still named
            provision["quote"] = ""
    return data
