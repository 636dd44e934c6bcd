"""API for the statements of the patient involvement committee (§ 27, stk. 3; § 28; ADR 0033): the committee's
statements, and a new one by its secretariat. A statement about an individual patient's case is refused (422,
§ 28, stk. 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.governance.actions.bodies import Invalid, can_edit_body
from sundhedsaftale.governance.actions.statements import (
    TEXT_LIMIT,
    TOPIC_LIMIT,
    VIEW_LIMIT,
    DissentIn,
    StatementIn,
    committee_statement_add,
    is_patient_committee,
)
from sundhedsaftale.governance.body_selectors import body_get
from sundhedsaftale.governance.models import Body
from sundhedsaftale.governance.statement_selectors import statement_as_dict, statements_of

from .schemas import ApiDate, ErrorOut, InputSchema

router = Router(auth=django_auth)


class DissentOut(Schema):
    membership: str
    member: str
    view: str


class StatementOut(Schema):
    id: int
    basis: str = Field(
        description="own_initiative (§ 28, stk. 2), committee_topic (§ 28, stk. 1, nr. 1), practice_plan (nr. 2)"
    )
    basis_label: str
    topic: str
    text: str
    given_on: dt.date
    meeting: str | None
    consensus_sought: bool
    consensus_reached: bool
    dissents: list[DissentOut]
    version: int


class DissentBody(Schema):
    membership: str = Field(max_length=100, description="Medlemskabets id")
    view: str = Field(max_length=VIEW_LIMIT)


class StatementBody(InputSchema):
    basis: str = Field(max_length=20, description="own_initiative, committee_topic eller practice_plan")
    topic: str = Field(max_length=TOPIC_LIMIT)
    text: str = Field(max_length=TEXT_LIMIT)
    given_on: ApiDate
    meeting: str = Field("", max_length=100, description="Mødets id (valgfrit)")
    consensus_sought: bool = True
    consensus_reached: bool
    dissents: list[DissentBody] = Field(default_factory=list, max_length=100)
    individual_case: bool = Field(
        False, description="Henvendelsen drejer sig om en enkelt patients sag (afvises, § 28, stk. 2)"
    )


def _committee(request: HttpRequest, key: str) -> Body:
    body = body_get(key)
    if body is None or not is_patient_committee(body):
        raise Http404(f"Ukendt patientinddragelsesudvalg '{key}'")
    if not can_view_region(request.user, body.region_id):
        raise PermissionDenied
    return body


@router.get(
    "/bodies/{committee_key}/statements",
    response={200: list[StatementOut], 403: ErrorOut, 404: ErrorOut},
    summary="Patientinddragelsesudvalgets udtalelser (§ 27, stk. 3; § 28)",
)
def statement_list(request: HttpRequest, committee_key: str) -> list[dict[str, Any]]:
    return [statement_as_dict(s) for s in statements_of(_committee(request, committee_key))]


@router.post(
    "/bodies/{committee_key}/statements",
    response={201: StatementOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Registrér en udtalelse fra patientinddragelsesudvalget (enkeltsager afvises, § 28, stk. 2)",
)
def statement_post(request: HttpRequest, committee_key: str, payload: StatementBody) -> Status[Any]:
    body = _committee(request, committee_key)
    # Who may record is decided before the input is read: a refusal says nothing about the input.
    if not can_edit_body(request.user, body):
        raise PermissionDenied("Kun udvalgets sekretariat kan registrere udtalelser.")
    data = StatementIn(
        basis=payload.basis,
        topic=payload.topic,
        text=payload.text,
        given_on=payload.given_on,
        consensus_sought=payload.consensus_sought,
        consensus_reached=payload.consensus_reached,
        meeting=payload.meeting,
        dissents=tuple(DissentIn(d.membership, d.view) for d in payload.dissents),
        individual_case=payload.individual_case,
    )
    try:
        statement = committee_statement_add(actor=request.user, body_key=body.key, data=data)
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, statement_as_dict(statement))
