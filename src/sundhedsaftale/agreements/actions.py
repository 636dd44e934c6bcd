"""Writing agreements: new agreements, new content versions, and each step of the agreement's legal life.

Every action owns its transaction, its permission check and its audit row. Whether a step is legal is decided by
the core's lifecycle (:func:`sundhedsaftale.core.lifecycle.apply_step`), never here; this module only writes
what the core returned. A save made against an older ``version`` of the agreement is a conflict.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import BaseModel, ValidationError

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region, can_review_region
from sundhedsaftale.core.case import (
    AUTHORITY_PARTY,
    AgreementContent,
    AgreementSubmission,
    AuthorityDecision,
    HealthAgreement,
    Publication,
    RegionCase,
    validation_messages,
)
from sundhedsaftale.core.lifecycle import Record, Step, apply_step
from sundhedsaftale.registry.clock import refuse_if_region_ended
from sundhedsaftale.search.indexer import index_agreement
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .importing import submissions_and_decisions_write, submitted_version_publish
from .models import AgreementVersion
from .models import HealthAgreement as AgreementRow
from .snapshot import agreement_snapshot, records_document

Actor = User | AnonymousUser

# Steps the authority takes; every other step is the region's (its secretariat records the councils' acts).
AUTHORITY_STEPS = frozenset({Step.REGISTER_RECEIPT, Step.REQUEST_INFORMATION, Step.APPROVE, Step.OBJECT})


class AgreementConflict(RecordConflict):
    def __init__(self, current: AgreementRow) -> None:
        super().__init__(
            current,
            _(
                "Sundhedsaftalen er ændret af en anden (version %(version)s) efter, at du åbnede den. "
                "Intet er overskrevet; åbn den igen og gentag din ændring."
            )
            % {"version": current.version},
        )


class AgreementInvalid(Exception):
    """Content or data that does not fit the case (unknown cluster, duplicate id, bad dates)."""


def _is_authority_step(step: Step, record: BaseModel | None) -> bool:
    if step is Step.PUBLISH:
        return isinstance(record, Publication) and record.party_code == AUTHORITY_PARTY
    return step in AUTHORITY_STEPS


def may_take_step(actor: Actor, region_code: str, step: Step, record: BaseModel | None = None) -> bool:
    """Whether ``actor`` may record ``step`` for an agreement of the region. Without a record (a page offering
    the step), a publication is open to both: each party publishes on its own website."""
    if step is Step.PUBLISH and record is None:
        return can_review_region(actor, region_code) or can_edit_region(actor, region_code)
    if step is Step.ANSWER_INFORMATION:
        # The committee's answer goes to the authority, so its reviewer may register it as well as the region.
        return can_edit_region(actor, region_code) or can_review_region(actor, region_code)
    if _is_authority_step(step, record):
        return can_review_region(actor, region_code)
    return can_edit_region(actor, region_code)


def _require_step(actor: Actor, row: AgreementRow, step: Step, record: BaseModel | None) -> None:
    if may_take_step(actor, row.region_id, step, record):
        return
    refuse_if_region_ended(row.region_id)
    if _is_authority_step(step, record):
        raise PermissionDenied(_("Kun Sundhedsstyrelsen kan registrere dette trin."))
    raise PermissionDenied(
        _("Du har ikke adgang til at redigere sundhedsaftaler i region %(code)s.") % {"code": row.region_id}
    )


def _require_edit(actor: Actor, region_code: str) -> None:
    if not can_edit_region(actor, region_code):
        raise PermissionDenied(
            _("Du har ikke adgang til at redigere sundhedsaftaler i region %(code)s.") % {"code": region_code}
        )


def _validated_in_case(case: RegionCase, agreement: HealthAgreement) -> HealthAgreement:
    """Check the agreement against the region (clusters, parties) by validating the case it would make."""
    others = [a.model_dump(mode="json") for a in case.agreements if a.id != agreement.id]
    data = case.model_dump(mode="json")
    data["agreements"] = [*others, agreement.model_dump(mode="json")]
    try:
        RegionCase.model_validate(data)
    except ValidationError as exc:
        raise AgreementInvalid("; ".join(validation_messages(exc))) from None
    return agreement


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "–": "-"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


@transaction.atomic
def agreement_create(
    *, actor: Actor, region_code: str, title: str, election_period_start: int, term_years: int | None = None
) -> AgreementRow:
    """A new agreement for the region, with every council of the region as a party and an empty first draft."""
    _require_edit(actor, region_code)
    case = case_snapshot(region_code)
    key = f"{region_code}-{_slug(title)}"
    if AgreementRow.objects.filter(key=key).exists():
        raise AgreementInvalid(
            _("Der findes allerede en sundhedsaftale med titlen '%(title)s'.") % {"title": title}
        )
    if not title.strip():
        raise AgreementInvalid(_("Titel mangler."))
    row = AgreementRow.objects.create(
        key=key,
        region_id=region_code,
        title=title.strip(),
        election_period_start=election_period_start,
        term_years=term_years,
        parties=[case.region.code, *(m.code for m in case.municipalities)],
    )
    AgreementVersion.objects.create(
        agreement=row, number=1, content={}, saved_by=_user(actor), note=_("Oprettet")
    )
    record_change(
        actor=actor,
        action="agreement_create",
        object_type="health_agreement",
        object_id=row.key,
        region_code=region_code,
        after={"title": row.title, "election_period_start": election_period_start, "term_years": term_years},
    )
    index_agreement(row)
    return row


def content_save(
    *,
    actor: Actor,
    agreement_key: str,
    expected_version: int,
    content: AgreementContent,
    label: str,
    effective_date: dt.date | None,
    note: str = "",
) -> AgreementVersion:
    """Save the content as a new version. Earlier versions are kept as they were; submitted ones are frozen."""
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        _require_edit(actor, row.region_id)
        if row.version != expected_version:
            raise AgreementConflict(row)
        case = case_snapshot(row.region_id)
        current = case.agreement(row.key)
        assert current is not None
        _validated_in_case(
            case,
            current.model_copy(
                update={"content": content, "version_number": label, "effective_date": effective_date}
            ),
        )
        newest = row.versions.order_by("-number").first()
        version = AgreementVersion.objects.create(
            agreement=row,
            number=(newest.number + 1) if newest else 1,
            label=label.strip(),
            effective_date=effective_date,
            content=content.model_dump(mode="json"),
            note=note.strip(),
            saved_by=_user(actor),
        )
        row.version += 1
        row.save(update_fields=["version"])
        record_change(
            actor=actor,
            action="agreement_content_save",
            object_type="health_agreement",
            object_id=row.key,
            region_code=row.region_id,
            before={"version": newest.number if newest else None},
            after={
                "version": version.number,
                "label": version.label,
                "effective_date": effective_date,
                "goals": len(content.overarching_goals),
                "collaboration_agreements": len(content.collaboration_agreements),
            },
            reason=note,
        )
        index_agreement(row)
    return version


def step_record(
    *,
    actor: Actor,
    agreement_key: str,
    expected_version: int,
    step: Step,
    record: Record,
    on: dt.date,
    permitted_by_hearing: bool = False,
) -> HealthAgreement:
    """Record one step of the agreement's life after the core's lifecycle has accepted it.

    ``permitted_by_hearing``: the hearing round's action has already decided that ``actor`` may act (the account
    answering for the patient involvement committee records the hearing's answer, ADR 0036); only the hearing
    steps accept it. Raises :class:`~sundhedsaftale.core.lifecycle.IllegalStep` (with the provision) when the step
    is not legal now.
    """
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        if not (permitted_by_hearing and step in (Step.START_HEARING, Step.RECORD_HEARING_ANSWER)):
            _require_step(actor, row, step, record)
        if row.version != expected_version:
            raise AgreementConflict(row)
        case = case_snapshot(row.region_id)
        before = case.agreement(row.key)
        assert before is not None
        record = _with_version_number(record, before)
        after = apply_step(platform(), case, before, step, record, on)
        submissions_and_decisions_write(row, after, row.versions.order_by("-number").first())
        if step is Step.PUBLISH:
            submitted_version_publish(row)
        row.version += 1
        row.records = records_document(after)
        row.save(update_fields=["version", "records"])
        record_change(
            actor=actor,
            action=f"agreement_{step.value}",
            object_type="health_agreement",
            object_id=row.key,
            region_code=row.region_id,
            after={
                "step": step.value,
                "on": on,
                "record": record.model_dump(mode="json") if record else None,
            },
        )
        # A step may submit or publish a version: who finds it changes with it (ADR 0047).
        index_agreement(row)
    return agreement_snapshot(row)


def _with_version_number(record: Record, agreement: HealthAgreement) -> Record:
    """A submission that names no version number sends the newest version; a decision that names none answers
    the submission received last before it. Filled in before the step, so records and rows say the same."""
    if isinstance(record, AgreementSubmission) and not record.version_number:
        return record.model_copy(update={"version_number": agreement.version_number})
    if isinstance(record, AuthorityDecision) and not record.version_number:
        received = [
            s.version_number
            for s in agreement.submissions
            if s.received_on is not None and s.received_on <= record.decided_on
        ]
        return record.model_copy(update={"version_number": received[-1] if received else ""})
    return record


def _user(actor: Actor | None) -> User | None:
    return actor if isinstance(actor, User) else None
