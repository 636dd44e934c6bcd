"""The councils' approvals of one agreement version, recorded in one place (ADR 0033).

The regional council and every municipal council approve the agreement before it is submitted (§ 19, stk. 1;
vejledningens afsnit 5.1). The approvals are the agreement's own lifecycle records (``council_approvals`` in the
records document); this module only reads them as one table per version and records several at once, each through
the core's lifecycle (:func:`~sundhedsaftale.core.lifecycle.apply_step`), all or none.

A date is refused when it lies after the platform's today (``registry.clock.today``) or before the version the
councils approve was made. The day a version was made is known only for a version saved in the platform by a
person; a version read from a case file (demo data, import) carries the day it was read in, not the day it was
written, so it sets no lower bound (the lifecycle still holds the approval after the hearing, § 29, stk. 2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.core.case import CouncilApproval, HealthAgreement, RegionCase
from sundhedsaftale.core.collation import danish_sort_key
from sundhedsaftale.core.lifecycle import (
    IllegalStep,
    Step,
    apply_step,
    council_approvals_in_cycle,
    missing_approvals,
)
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.registry import clock
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .actions import Actor, AgreementConflict, may_take_step
from .models import AgreementVersion
from .models import HealthAgreement as AgreementRow
from .snapshot import agreement_snapshot, records_document

__all__ = [
    "ApprovalEntry",
    "ApprovalError",
    "ApprovalParty",
    "ApprovalsInvalid",
    "ApprovalsSheet",
    "approvals_sheet",
    "council_approvals_record",
]

# The longest reference and document text a record keeps (as the step form's text fields).
TEXT_LIMIT = 300


@dataclass(frozen=True)
class ApprovalParty:
    """One party on the page: its council, and its approval in the current cycle when it is recorded."""

    code: str
    name: str
    approval: CouncilApproval | None

    @property
    def missing(self) -> bool:
        return self.approval is None


@dataclass(frozen=True)
class ApprovalsSheet:
    """The approvals of the version the councils approve now: the newest version of the agreement."""

    agreement: HealthAgreement
    version: AgreementVersion | None
    made_on: dt.date | None  # the day the version was made, when the platform knows it
    today: dt.date
    parties: tuple[ApprovalParty, ...]  # the regional council first, then the municipalities in Danish order

    @property
    def missing(self) -> tuple[ApprovalParty, ...]:
        return tuple(p for p in self.parties if p.missing)

    @property
    def recorded(self) -> tuple[ApprovalParty, ...]:
        return tuple(p for p in self.parties if not p.missing)


@dataclass(frozen=True)
class ApprovalEntry:
    """One row of the table as entered: a row left empty records nothing."""

    party_code: str
    approved_on: dt.date | None = None
    reference: str = ""
    document: str = ""

    @property
    def empty(self) -> bool:
        return self.approved_on is None and not self.reference.strip() and not self.document.strip()


@dataclass(frozen=True)
class ApprovalError:
    """What is wrong with one row: the party, the field (``approved_on``, ``reference``, ``document``,
    ``party_code``) and the message, which names both."""

    party_code: str
    field: str
    message: str


class ApprovalsInvalid(Exception):
    """One or more rows are wrong; nothing was saved."""

    def __init__(self, errors: list[ApprovalError]) -> None:
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))


def made_on(version: AgreementVersion | None) -> dt.date | None:
    """The day ``version`` was made, when a person saved it in the platform (see the module's docstring)."""
    if version is None or version.saved_by_id is None:
        return None
    return timezone.localdate(version.saved_at)


def approvals_sheet(row: AgreementRow, case: RegionCase, at: dt.date | None = None) -> ApprovalsSheet:
    """The table of approvals for the agreement's newest version on ``at`` (default: the platform's today)."""
    day = at or clock.today()
    agreement = case.agreement(row.key)
    assert agreement is not None
    approvals = council_approvals_in_cycle(agreement, case, day)
    municipalities = sorted(case.municipalities, key=lambda m: danish_sort_key(m.name))
    codes = [case.region.code, *(m.code for m in municipalities)]
    if agreement.parties:
        codes = [code for code in codes if code in agreement.parties]
    version = row.versions.select_related("saved_by").order_by("-number").first()
    return ApprovalsSheet(
        agreement=agreement,
        version=version,
        made_on=made_on(version),
        today=day,
        parties=tuple(ApprovalParty(code, case.party_name(code), approvals.get(code)) for code in codes),
    )


def _row_errors(entry: ApprovalEntry, name: str, sheet: ApprovalsSheet) -> list[ApprovalError]:
    def error(field: str, message: str) -> ApprovalError:
        return ApprovalError(entry.party_code, field, message)

    errors: list[ApprovalError] = []
    if entry.approved_on is None:
        errors.append(
            error("approved_on", _("%(party)s: Datoen for godkendelsen mangler.") % {"party": name})
        )
    elif entry.approved_on > sheet.today:
        errors.append(
            error(
                "approved_on",
                _(
                    "%(party)s: Datoen %(date)s ligger efter i dag (%(today)s); en godkendelse registreres, når den er givet."
                )
                % {"party": name, "date": danish_date(entry.approved_on), "today": danish_date(sheet.today)},
            )
        )
    elif sheet.made_on is not None and entry.approved_on < sheet.made_on:
        errors.append(
            error(
                "approved_on",
                _(
                    "%(party)s: Datoen %(date)s ligger før version %(number)s blev udarbejdet (%(made)s); "
                    "rådet kan ikke have godkendt den før."
                )
                % {
                    "party": name,
                    "date": danish_date(entry.approved_on),
                    "number": sheet.version.number if sheet.version else "",
                    "made": danish_date(sheet.made_on),
                },
            )
        )
    if not entry.reference.strip():
        errors.append(
            error(
                "reference",
                _("%(party)s: Mødereferencen (referat, sagsnummer eller link) mangler.") % {"party": name},
            )
        )
    elif len(entry.reference.strip()) > TEXT_LIMIT:
        errors.append(
            error(
                "reference",
                _("%(party)s: Mødereferencen er længere end %(limit)s tegn.")
                % {"party": name, "limit": TEXT_LIMIT},
            )
        )
    if len(entry.document.strip()) > TEXT_LIMIT:
        errors.append(
            error(
                "document",
                _("%(party)s: Dokumentet er længere end %(limit)s tegn.")
                % {"party": name, "limit": TEXT_LIMIT},
            )
        )
    return errors


def _checked(
    entries: list[ApprovalEntry], sheet: ApprovalsSheet, case: RegionCase
) -> tuple[list[tuple[ApprovalEntry, str]], list[ApprovalError]]:
    """The filled rows with their party names, and every error in them (the lifecycle's checks come later)."""
    parties = {p.code: p for p in sheet.parties}
    errors: list[ApprovalError] = []
    filled: list[tuple[ApprovalEntry, str]] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.empty:
            continue
        party = parties.get(entry.party_code)
        if party is None:
            errors.append(
                ApprovalError(
                    entry.party_code,
                    "party_code",
                    _("'%(code)s' er ikke part i aftalen (§ 19, stk. 1).") % {"code": entry.party_code},
                )
            )
            continue
        if not party.missing or entry.party_code in seen:
            assert party.approval is not None or entry.party_code in seen
            errors.append(
                ApprovalError(
                    entry.party_code,
                    "party_code",
                    _("%(party)s: Godkendelsen er allerede registreret.") % {"party": party.name},
                )
            )
            continue
        seen.add(entry.party_code)
        errors.extend(_row_errors(entry, party.name, sheet))
        filled.append((entry, party.name))
    return filled, errors


def council_approvals_record(
    *, actor: Actor, agreement_key: str, expected_version: int, entries: list[ApprovalEntry]
) -> HealthAgreement:
    """Record the filled rows as council approvals of the newest version, all or none.

    Raises :class:`ApprovalsInvalid` with every wrong row (party and field named) and writes nothing, an
    :class:`~.actions.AgreementConflict` when the agreement changed after ``expected_version``, and
    ``PermissionDenied`` for anyone but the region's secretariat (never in an ended region).
    """
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        if not may_take_step(actor, row.region_id, Step.RECORD_COUNCIL_APPROVAL):
            raise PermissionDenied(
                _("Du har ikke adgang til at redigere sundhedsaftaler i region %(code)s.")
                % {"code": row.region_id}
            )
        if row.version != expected_version:
            raise AgreementConflict(row)
        case = case_snapshot(row.region_id)
        sheet = approvals_sheet(row, case)
        filled, errors = _checked(entries, sheet, case)
        if not filled and not errors:
            raise ApprovalsInvalid(
                [
                    ApprovalError(
                        "",
                        "",
                        _("Ingen godkendelser er udfyldt; udfyld dato og reference for mindst én part."),
                    )
                ]
            )
        label = sheet.version.label if sheet.version is not None else ""
        agreement = sheet.agreement
        records: list[CouncilApproval] = []
        if not errors:
            # Each approval through the lifecycle, oldest first, so its checks (hearing first, § 29, stk. 2; not
            # after submission) see the approvals before it.
            for entry, name in sorted(filled, key=lambda item: item[0].approved_on or sheet.today):
                assert entry.approved_on is not None
                record = CouncilApproval(
                    party_code=entry.party_code,
                    approved_on=entry.approved_on,
                    reference=entry.reference.strip(),
                    version_label=label,
                    document=entry.document.strip(),
                )
                try:
                    agreement = apply_step(
                        platform(), case, agreement, Step.RECORD_COUNCIL_APPROVAL, record, sheet.today
                    )
                except IllegalStep as exc:
                    errors.append(ApprovalError(entry.party_code, "approved_on", f"{name}: {exc}"))
                    continue
                records.append(record)
        if errors:
            raise ApprovalsInvalid(errors)
        row.records = records_document(agreement)
        row.version += 1
        row.save(update_fields=["version", "records"])
        for record in records:
            record_change(
                actor=actor,
                action=f"agreement_{Step.RECORD_COUNCIL_APPROVAL.value}",
                object_type="health_agreement",
                object_id=row.key,
                region_code=row.region_id,
                after={
                    "step": Step.RECORD_COUNCIL_APPROVAL.value,
                    "on": sheet.today,
                    "record": record.model_dump(mode="json"),
                },
            )
    return agreement_snapshot(row)


def missing_names(case: RegionCase, agreement: HealthAgreement, at: dt.date) -> list[str]:
    """The councils whose approval is still missing on ``at``, by name (for the submission page)."""
    missing = set(missing_approvals(agreement, case, at))
    municipalities = sorted(case.municipalities, key=lambda m: danish_sort_key(m.name))
    ordered = [case.region.code, *(m.code for m in municipalities)]
    return [case.party_name(code) for code in ordered if code in missing]
