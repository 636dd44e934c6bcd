"""The case: typed facts about one region that the rules evaluate.

The same pydantic models are the JSON case file format (``RegionCase.model_json_schema()``) and
what the Django side produces from its database (one mapping per bounded context).
"""

from ._files import SCHEMA_VERSION, load_case_file
from ._model import (
    NON_SEAT_ROLES,
    AgendaItem,
    AgreementSubmission,
    AppointingBody,
    Attendance,
    AuthorityDecision,
    AuthorityDecisionKind,
    Body,
    BodyKind,
    ClusterInfo,
    Decision,
    DecisionMaker,
    HealthAgreement,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Membership,
    MunicipalityInfo,
    RegionCase,
    RegionInfo,
    Representation,
)

__all__ = [
    "NON_SEAT_ROLES",
    "SCHEMA_VERSION",
    "AgendaItem",
    "AgreementSubmission",
    "AppointingBody",
    "Attendance",
    "AuthorityDecision",
    "AuthorityDecisionKind",
    "Body",
    "BodyKind",
    "ClusterInfo",
    "Decision",
    "DecisionMaker",
    "HealthAgreement",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "MemberRole",
    "Membership",
    "MunicipalityInfo",
    "RegionCase",
    "RegionInfo",
    "Representation",
    "load_case_file",
]
