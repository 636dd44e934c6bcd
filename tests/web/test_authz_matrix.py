"""The authorization matrix (``authz_matrix.py``) holds for every route, role and region, with the demo data.

Each cell is one real request – a page or an API operation, as the role, on an object of the role's own region or
of another – and its outcome (served, refused, sent to log in) must be the decided one. A write is made with
input that is valid in form, so that the answer is about the permission, and is rolled back after the cell.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client

from sundhedsaftale.accounts.models import User
from sundhedsaftale.agreements.models import AgreementAnnex
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.followup.models import ReportKind, ReportState, StatusReport
from sundhedsaftale.governance.actions.meetings import document_add
from sundhedsaftale.governance.models import Body, Meeting, Membership
from sundhedsaftale.hearings.demo import DRAFT_SUBJECT
from sundhedsaftale.hearings.models import Addressee, Answer, HearingRound, RoundState
from sundhedsaftale.knowledge.demo import demo_catalogue_entry
from sundhedsaftale.lawbook.models import LawChangeVerification
from sundhedsaftale.registry.models import Municipality
from sundhedsaftale.review.models import IssuedLetter, LetterKind

from . import authz_matrix as matrix

ROOT = Path(__file__).resolve().parents[2]
OWN, OTHER = "1085", "1084"
CLUSTERS = {"own": "sjaelland-holbaek", "other": "hovedstaden-byen"}


def _openapi() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


# --- Every route has a rule, and the document says what the rules say ------------------------------------


def test_every_route_has_a_decided_rule() -> None:
    missing = matrix.undecided(_openapi())
    assert not missing, (
        "Disse ruter har ingen besluttet adgangsregel i tests/web/authz_matrix.py (RULES): "
        + ", ".join(missing)
        + ". Giv hver en politik for alle roller, og kør python tools/gen_authz_docs.py."
    )


def test_every_rule_names_a_route() -> None:
    assert matrix.stale_rules(_openapi()) == []


def test_the_documented_matrix_is_up_to_date() -> None:
    page = ROOT / "docs" / "authorization.md"
    assert page.read_text(encoding="utf-8") == matrix.markdown(_openapi()), (
        "docs/authorization.md er forældet: kør python tools/gen_authz_docs.py"
    )


# --- The objects of each cell ----------------------------------------------------------------------------


def _only_in_cluster(body: Body, cluster: str) -> int:
    """A person on ``body`` whose every seat is on one of the cluster's bodies."""
    for m in Membership.objects.filter(body=body).select_related("person").order_by("key"):
        clusters = {
            b.cluster_id or (b.parent.cluster_id if b.parent else None)
            for b in Body.objects.filter(memberships__person=m.person).select_related("parent")
        }
        if clusters == {cluster}:
            return int(m.person_id)
    raise AssertionError(f"ingen person sidder kun i klyngen {cluster}")


def _hearing(code: str, agreement: AgreementRow) -> tuple[str, str]:
    """The demo's hearing of Region Sjælland's patient involvement committee (its member answers for it); for the
    other region a sent round on its agreement with one answer, as the actions would have left it."""
    if code == OWN:
        round_ = HearingRound.objects.get(region_id=code, subject=DRAFT_SUBJECT)
        committee = round_.addressees.get(body__kind="patient_committee")
        return str(round_.pk), str(committee.pk)
    round_ = HearingRound.objects.create(
        region_id=code,
        topic="agreement_draft",
        agreement=agreement,
        subject="Høring over udkast",
        response_deadline=dt.date(2023, 8, 1),
        state=RoundState.SENT,
        sent_on=dt.date(2023, 6, 1),
    )
    body = Body.objects.get(region_id=code, kind="patient_committee")
    addressee = Addressee.objects.create(round=round_, body=body, name=body.name)
    Answer.objects.create(
        addressee=addressee, received_on=dt.date(2023, 7, 1), text="Svar", consensus_reached=True
    )
    return str(round_.pk), str(addressee.pk)


def _objects(scope: str, users: Mapping[str, User]) -> dict[str, str]:
    code = OWN if scope == "own" else OTHER
    cluster = CLUSTERS[scope]
    body = Body.objects.get(cluster_id=cluster, kind="political_level")
    meeting = Meeting.objects.filter(body=body).order_by("-date").first()
    assert meeting is not None
    document = document_add(
        actor=users["administrator"],
        meeting_pk=meeting.pk,
        title="Bilag",
        upload=SimpleUploadedFile("bilag.pdf", b"%PDF-1.7\n% bilag\n"),
    )
    agreement = AgreementRow.objects.get(key=f"{code}-sundhedsaftale-2024-2027")
    submission = agreement.submissions.order_by("-submitted_on").first()
    assert submission is not None
    # The demo's approval letter, published (ADR 0042); else one as the review would have stored it (the file is
    # not read here).
    letter = IssuedLetter.objects.filter(
        agreement=agreement, published_on__isnull=False
    ).first() or IssuedLetter.objects.create(
        agreement=agreement,
        submission=submission,
        kind=LetterKind.RECEIPT,
        letter_date=submission.submitted_on,
        pdf=b"%PDF-1.7\n",
        docx=b"PK",
    )
    round_id, addressee_id = _hearing(code, agreement)
    # A status report that was sent and received, with its receipt letter (the demo's in Region Sjælland).
    report = StatusReport.objects.filter(agreement=agreement, state=ReportState.RECEIVED).first()
    if report is None:
        report = StatusReport.objects.create(
            agreement=agreement,
            kind=ReportKind.MIDTERM,
            state=ReportState.RECEIVED,
            sent_on=submission.submitted_on,
            received_on=submission.submitted_on,
            receipt_pdf=b"%PDF-1.7\n",
            receipt_docx=b"PK",
        )
    # A published report (kapitel 6; public from its publication, ADR 0037 and 0042).
    published = StatusReport.objects.filter(agreement=agreement, state=ReportState.PUBLISHED).first()
    if published is None:
        published = StatusReport.objects.create(
            agreement=agreement,
            kind=ReportKind.MIDTERM,
            number=report.number + 1,
            state=ReportState.PUBLISHED,
            content=report.content,
            sent_on=submission.submitted_on,
            received_on=submission.submitted_on,
            published_on=submission.submitted_on,
        )
    newest = agreement.versions.order_by("-number").first()
    assert newest is not None
    # The demo's versions are submitted; an annex as a draft version would have taken it (the file is read).
    annex = AgreementAnnex(
        agreement=agreement,
        version=newest,
        title="Bilag 1",
        revision=1,
        original_name="bilag.pdf",
        kind="pdf",
        size=17,
    )
    annex.file.save("bilag.pdf", ContentFile(b"%PDF-1.7\n% bilag\n"), save=False)
    annex.save()
    goals = newest.content.get("overarching_goals") or []
    assert goals, agreement.key
    return {
        "region": code,
        "decision": f"{code}-decision-submission-deadline",
        "body": body.key,
        "patient_committee": Body.objects.get(region_id=code, kind="patient_committee").key,
        "cluster": cluster,
        "meeting": str(meeting.pk),
        "membership": str(Membership.objects.filter(body=body).order_by("key").first().pk),  # type: ignore[union-attr]
        "person": str(_only_in_cluster(body, cluster)),
        "document": str(document.pk),
        "agreement": agreement.key,
        "letter": str(letter.pk),
        "hearing": round_id,
        "addressee": addressee_id,
        "status_report": str(report.pk),
        "published_status_report": str(published.pk),
        "municipality": Municipality.objects.filter(clusters__id=cluster).order_by("code").first().pk,  # type: ignore[union-attr]
        "published_agenda": str(
            Meeting.objects.filter(body__region_id=code, agenda_published_at__isnull=False)
            .order_by("pk")[0]
            .pk
        ),
        "annex": str(annex.pk),
        # The demo's collaboration agreement marked for national spread, with its evidence (ADR 0048).
        "catalogue_entry": demo_catalogue_entry(code) or "",
        "version": "1",
        "step": "record_yearly_review",
        "section": "maalsaetninger",
        "item": str(goals[0]["id"]),
        "rule": "vurdering.nationale-maal",
        "source": "bek-1248-2022",
        "unit": "sec_10__subsec_1__point_4",
        "law_change": _verified_change(users["administrator"]),
    }


def _verified_change(administrator: User) -> str:
    """A legal change with a standing verification, for the page that withdraws one."""
    LawChangeVerification.objects.get_or_create(
        change_id="l214-2025",
        withdrawn_at=None,
        defaults={"verified_by": administrator, "verified_against": "https://www.retsinformation.dk/"},
    )
    return "l214-2025"


_QUERY = {"citation": "§ 10, stk. 1", "from_version": "1", "to_version": "1", "q": "sundhedsaftalen"}


def _url(route: matrix.Route, values: Mapping[str, str]) -> str:
    kinds = route.kinds()

    def value(param: str) -> str:
        kind = kinds[param]
        if kind == "format":
            # Issued letters are kept as PDF and DOCX only; every other document is also HTML.
            return "pdf" if "letter" in kinds.values() or "kvittering" in route.path else "html"
        return values[kind]

    path = re.sub(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", lambda m: value(m.group(1) or m.group(2)), route.path)
    path = path if path.startswith("/") else "/" + path
    query = {}
    if route.id in matrix.QUERY_SCOPED:
        query["region"] = values[matrix.QUERY_SCOPED[route.id]]
    for parameter in (route.operation or {}).get("parameters", []):
        if parameter["in"] == "query" and parameter.get("required"):
            query[parameter["name"]] = _QUERY[parameter["name"]]
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


# --- Input valid in form, from the OpenAPI document --------------------------------------------------------


def _example(schema: Mapping[str, Any], openapi: Mapping[str, Any]) -> Any:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _example(openapi["components"]["schemas"][name], openapi)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _example(options[0], openapi)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _example(properties[name], openapi) for name in schema.get("required", [])}
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2026-01-15"
    if schema.get("format") == "date-time":
        return "2026-01-15T10:00:00Z"
    return "x"


# A body the document cannot give: it names two schemas "DecisionIn" (the region's decision and the reviewer's),
# and shows the reviewer's for both. Harmless once the document's schema names are unique.
_BODIES = {
    # A year the schema's example (1) would put before the platform's range.
    "POST /api/v1/agreements/{key}/yearly-reviews": {
        "expected_version": 1,
        "year": 2026,
        "meeting": 1,
        "revise": False,
        "reasons": "x",
    },
    "POST /api/v1/regions/{code}/decisions": {
        "parameter": "x",
        "value": 1,
        "decided_by": "x",
        "decided_on": "2026-01-15",
        "reference": "x",
    },
}


def _send(client: Client, route: matrix.Route, url: str, openapi: Mapping[str, Any]) -> HttpResponse:
    method = route.method.lower()
    if route.operation is None:  # a page: an empty form
        return getattr(client, method)(url, {}) if method == "post" else client.get(url)
    content = route.operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = _BODIES.get(route.id) or _example(content["application/json"]["schema"], openapi)
        return getattr(client, method)(url, body, content_type="application/json")
    if "multipart/form-data" in content:
        # The file and the form fields an upload names (an annex names the version it adds to); a route ignores
        # the fields it does not take.
        fields = {"file": SimpleUploadedFile("fil.xlsx", b"ikke et regneark"), "expected_version": "1"}
        return getattr(client, method)(url, fields)
    return getattr(client, method)(url)


def _outcome(response: HttpResponse) -> str:
    status = response.status_code
    if status == 401 or (status in (301, 302, 303) and "/log-ind/" in response.get("Location", "")):
        return "login"
    if status == 403:
        return "deny"
    if status == 404:
        return "hidden"
    if status == 405:
        return "method not allowed"
    if status == 422 and _malformed(response):
        return "malformed request (the test's input does not fit the schema)"
    return "allow"


def _malformed(response: HttpResponse) -> bool:
    """The API refused the input by its schema, before any permission was asked."""
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    errors = response.json().get("errors", [])
    return any(e.get("loc", [""])[0] in ("body", "path", "query", "form", "file") for e in errors)


# --- Every cell ----------------------------------------------------------------------------------------------


@pytest.mark.every_route
@pytest.mark.django_db
def test_every_cell_of_the_matrix_holds(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("setup_demo", "--today", "2026-11-23", stdout=io.StringIO())
    openapi = _openapi()
    accounts = {role: User.objects.get(username=name) for role, name in matrix.USERNAMES.items()}
    values = {scope: _objects(scope, accounts) for scope in matrix.SCOPES}
    clients: dict[str, Client] = {"anonymous": Client()}
    for role, user in accounts.items():
        clients[role] = Client()
        clients[role].force_login(user)
    # Logging out (or in) changes the client's session cookie; each cell starts from the role's own session.
    sessions = {role: copy.deepcopy(client.cookies) for role, client in clients.items()}

    wrong: list[str] = []
    cells = 0
    for route in matrix.routes(openapi):
        for scope in matrix.SCOPES if route.scoped else ("own",):
            url = _url(route, values[scope])
            for role in matrix.ROLES:
                clients[role].cookies = copy.deepcopy(sessions[role])
                with transaction.atomic():
                    response = _send(clients[role], route, url, openapi)
                    transaction.set_rollback(True)  # every cell starts from the same data
                got, want = _outcome(response), matrix.expected(route, role, scope)
                cells += 1
                if got != want:
                    wrong.append(
                        f"{route.id} {url} som {role} ({scope}): besluttet {want}, fik {got} "
                        f"({response.status_code})"
                    )
    assert not wrong, f"{len(wrong)} af {cells} celler afviger:\n" + "\n".join(wrong)
    assert cells > 1000  # every role on every route, own and other region where it applies
