"""Which fields each lifecycle step asks for, and how the answers become the core's record.

Pages and the API share this table, so a step is entered the same way wherever it is entered. The step's
legality is the core's business (``apply_step``); here we only shape input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from pydantic import BaseModel

from sundhedsaftale.core.case import (
    AgreementSubmission,
    AuthorityDecision,
    AuthorityDecisionKind,
    ClusterInput,
    CouncilApproval,
    HealthAgreement,
    Hearing,
    InformationRequest,
    Publication,
    StatusReport,
    YearlyReview,
)
from sundhedsaftale.core.lifecycle import Record, Step, open_record
from sundhedsaftale.core.periods import as_date
from sundhedsaftale.registry import clock


@dataclass(frozen=True)
class StepSpec:
    step: Step
    model: type[BaseModel] | None
    fields: tuple[str, ...]  # the record's fields the user enters, the first being the step's date
    fixed: tuple[tuple[str, Any], ...] = ()  # values the step implies (e.g. the decision's kind)


STEP_SPECS: dict[Step, StepSpec] = {
    spec.step: spec
    for spec in (
        StepSpec(Step.START_HEARING, Hearing, ("sent_on", "response_deadline", "version_label", "renewed")),
        StepSpec(Step.RECORD_HEARING_ANSWER, Hearing, ("answered_on",)),
        StepSpec(Step.RECORD_CLUSTER_INPUT, ClusterInput, ("given_on", "cluster_id", "summary")),
        StepSpec(
            Step.RECORD_COUNCIL_APPROVAL,
            CouncilApproval,
            ("approved_on", "party_code", "reference", "version_label"),
        ),
        StepSpec(Step.SUBMIT, AgreementSubmission, ("submitted_on", "version_number")),
        StepSpec(Step.REGISTER_RECEIPT, AgreementSubmission, ("received_on",)),
        StepSpec(Step.REQUEST_INFORMATION, InformationRequest, ("asked_on", "question")),
        StepSpec(Step.ANSWER_INFORMATION, InformationRequest, ("answered_on", "answer")),
        StepSpec(
            Step.APPROVE,
            AuthorityDecision,
            ("decided_on", "reference"),
            (("kind", AuthorityDecisionKind.APPROVED),),
        ),
        StepSpec(
            Step.OBJECT,
            AuthorityDecision,
            ("decided_on", "deficiencies", "remedy_deadline", "reference"),
            (("kind", AuthorityDecisionKind.OBJECTION),),
        ),
        StepSpec(Step.REVISE, None, ()),
        StepSpec(Step.PUBLISH, Publication, ("published_on", "party_code", "url")),
        StepSpec(Step.RECORD_YEARLY_REVIEW, YearlyReview, ("held_on", "revision_needed", "note")),
        StepSpec(Step.SEND_STATUS_REPORT, StatusReport, ("sent_on", "kind", "reference")),
    )
}


class MissingOpenRecord(Exception):
    """An answering step with nothing open to answer."""


def build_record(agreement: HealthAgreement, step: Step, values: dict[str, Any]) -> tuple[Record, dt.date]:
    """The core record for ``step`` from entered ``values``, and the date the step takes effect.

    Raises pydantic's ``ValidationError`` for values the record refuses, :class:`MissingOpenRecord` when an
    answering step has nothing to answer.
    """
    spec = STEP_SPECS[step]
    if spec.model is None:
        # A step without a record takes effect on the day given (a date or an ISO string), or today.
        return None, as_date(values["on"]) if values.get("on") else clock.today()
    answering = spec.fields[0] in ("answered_on", "received_on")
    open_ = open_record(agreement, step) if answering else None
    if answering and open_ is None:
        raise MissingOpenRecord(step)
    base = open_.model_dump() if open_ is not None else {}
    data = {**base, **{name: values.get(name) for name in spec.fields if name in values}, **dict(spec.fixed)}
    data = {key: value for key, value in data.items() if value is not None and value != ""}
    record = cast(Record, spec.model.model_validate(data))
    on = getattr(record, spec.fields[0])
    return record, on
