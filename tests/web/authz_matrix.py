"""The decided authorization matrix: who may use which route, kept as data in one place.

Every route of the platform – each page route of the URL configuration (found by walking Django's resolver) with
the methods it answers, and each operation of the OpenAPI document – has a rule here, naming one of the
policies below. A policy decides the outcome for every role, for an object of the role's own region and of
another region. ``tests/web/test_authz_matrix.py`` requests every cell with real objects from the demo data and
compares; a route without a rule fails the suite, naming the route. ``tools/gen_authz_docs.py`` writes the
matrix to ``docs/authorization.md``.

The roles are those of ``accounts.models.Role`` and the public: *anonymous* is the public, not logged in.
*Own* means an object of Region Sjælland (1085) – the region of the member, the cluster secretariat and the
region secretariat of the demo – and, for the cluster secretariat, of its own cluster (Holbæk); *other* means an
object of Region Hovedstaden (1084). A route about no region's object (the law, the whole country, the
reviewers' queue) has one outcome per role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROLES: tuple[str, ...] = (
    "anonymous",
    "member",
    "cluster_secretariat",
    "region_secretariat",
    "reviewer",
    "administrator",
)
ROLE_LABELS = {
    "anonymous": "Anonymous (the public)",
    "member": "Member",
    "cluster_secretariat": "Cluster secretariat",
    "region_secretariat": "Region secretariat",
    "reviewer": "Reviewer (Sundhedsstyrelsen)",
    "administrator": "Administrator",
}
# The demo's accounts (``accounts.actions.demo_users_ensure``) that play each role.
USERNAMES = {
    "member": "medlem",
    "cluster_secretariat": "klynge",
    "region_secretariat": "sjaelland",
    "reviewer": "sst",
    "administrator": "admin",
}
SCOPES = ("own", "other")
OUTCOMES = {
    "allow": "the request is served or judged on its content (2xx, a redirect, 400, 409, 422)",
    "login": "sent to log in (a page redirects to the login page; the API answers 401)",
    "deny": "refused (403)",
    "hidden": "not found (404) for everyone",
}

A, D, L, H = "allow", "deny", "login", "hidden"


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    cells: Mapping[str, tuple[str, str]]  # role → (outcome for an own object, for another region's object)


def _policy(name: str, description: str, **cells: tuple[str, str]) -> Policy:
    assert set(cells) == set(ROLES), name
    return Policy(name, description, cells)


POLICIES: dict[str, Policy] = {
    p.name: p
    for p in (
        _policy(
            "anyone",
            "Public: the law, the rules, the calendar feeds (published agendas' public items only), logging in.",
            anonymous=(A, A),
            member=(A, A),
            cluster_secretariat=(A, A),
            region_secretariat=(A, A),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "logged_in",
            "Every logged-in role reads every region's governance (public administration); draft agendas and "
            "contact data inside are left out for those who do not run the body.",
            anonymous=(L, L),
            member=(A, A),
            cluster_secretariat=(A, A),
            region_secretariat=(A, A),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "body_secretariat",
            "The body's secretariat: the region's own secretariat and administrators; for a cluster's bodies "
            "(and the people who sit only on them) also the cluster's secretariat.",
            anonymous=(L, L),
            member=(D, D),
            cluster_secretariat=(A, D),
            region_secretariat=(A, D),
            reviewer=(D, D),
            administrator=(A, A),
        ),
        _policy(
            "region_secretariat",
            "The region's own secretariat and administrators: decisions, imports, the health agreement.",
            anonymous=(L, L),
            member=(D, D),
            cluster_secretariat=(D, D),
            region_secretariat=(A, D),
            reviewer=(D, D),
            administrator=(A, A),
        ),
        _policy(
            "region_or_reviewers",
            "The region's own secretariat, Sundhedsstyrelsen's reviewers and administrators: the audit log "
            "(each row by its audience), the letters, the committee's answer to a question.",
            anonymous=(L, L),
            member=(D, D),
            cluster_secretariat=(D, D),
            region_secretariat=(A, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "hearing_list",
            "A region's list of hearing rounds (ADR 0036): the region's own people, each shown the rounds they may "
            "read; Sundhedsstyrelsen's reviewers (rounds about submitted agreements) and administrators everywhere.",
            anonymous=(L, L),
            member=(A, D),
            cluster_secretariat=(A, D),
            region_secretariat=(A, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "region_users_or_reviewers",
            "Sundhedsstyrelsen's letters about an agreement: every user of the region the letters are addressed to "
            "(members and secretariats), the reviewers and administrators (ADR 0042); a published letter is public "
            "in the portal anyway.",
            anonymous=(L, L),
            member=(A, D),
            cluster_secretariat=(A, D),
            region_secretariat=(A, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "hearing_readers",
            "One hearing round and its høringsnotat (ADR 0036): the region's secretariat, the accounts named to "
            "answer for an addressee once it is sent, reviewers for a round about an agreement submitted to them "
            "(the demo's rounds are), administrators.",
            anonymous=(L, L),
            member=(A, D),
            cluster_secretariat=(D, D),
            region_secretariat=(A, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "status_report_readers",
            "A region's midterm or final status (§ 22, stk. 1; kapitel 6): the region's own secretariat and members "
            "read it from the draft on; Sundhedsstyrelsen's reviewers once it is sent (the demo's report is sent and "
            "received); every logged-in user once it is published.",
            anonymous=(L, L),
            member=(A, D),
            cluster_secretariat=(D, D),
            region_secretariat=(A, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "hearing_respondents",
            "Answering for an addressee of a hearing round (ADR 0036): the account named for it (the demo's member "
            "answers for the patient involvement committee), or the region's secretariat recording an answer "
            "received; administrators.",
            anonymous=(L, L),
            member=(A, D),
            cluster_secretariat=(D, D),
            region_secretariat=(A, D),
            reviewer=(D, D),
            administrator=(A, A),
        ),
        _policy(
            "nowhere",
            "Serves nothing: django-ninja's placeholder for reversing the API's root.",
            anonymous=(H, H),
            member=(H, H),
            cluster_secretariat=(H, H),
            region_secretariat=(H, H),
            reviewer=(H, H),
            administrator=(H, H),
        ),
        _policy(
            "saml_sign_in",
            "Sign-in with MitID Erhverv (SAML 2.0): not found unless the installation turns it on "
            "(SUNDHEDSAFTALE_SAML=1, docs/sign-in.md); then open to anyone, as logging in is.",
            anonymous=(H, H),
            member=(H, H),
            cluster_secretariat=(H, H),
            region_secretariat=(H, H),
            reviewer=(H, H),
            administrator=(H, H),
        ),
        _policy(
            "administrators",
            "Administrators only: recording that a legal change is verified, so that its ends apply, and withdrawing "
            "a verification recorded by mistake.",
            anonymous=(L, L),
            member=(D, D),
            cluster_secretariat=(D, D),
            region_secretariat=(D, D),
            reviewer=(D, D),
            administrator=(A, A),
        ),
        _policy(
            "reviewers",
            "Sundhedsstyrelsen's workspace: reviewers and administrators only.",
            anonymous=(L, L),
            member=(D, D),
            cluster_secretariat=(D, D),
            region_secretariat=(D, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
        _policy(
            "reviewer_acts",
            "Sundhedsstyrelsen's acts on an agreement or status report (receipt, verdicts, questions, decision, "
            "publication): reviewers and administrators, never in a region that has ended (ADR 0052); the cells "
            "are for a day before the end.",
            anonymous=(L, L),
            member=(D, D),
            cluster_secretariat=(D, D),
            region_secretariat=(D, D),
            reviewer=(A, A),
            administrator=(A, A),
        ),
    )
}

# --- The rules: every route, by method -------------------------------------------------------------------
# Page routes by their URL name, API operations by their path in the OpenAPI document.

RULES: dict[str, str] = {
    # Start, overview, region, decisions, audit log
    "GET web:home": "anyone",
    "GET web:dashboard": "logged_in",
    "GET web:region": "logged_in",
    # The transition to the 2027 structure (ADR 0029): the plan names people and seats; applying it writes
    "GET transition:page": "region_secretariat",
    "POST transition:page": "region_secretariat",
    "GET web:decision_create": "region_secretariat",
    "POST web:decision_create": "region_secretariat",
    "GET web:decision_edit": "region_secretariat",
    "POST web:decision_edit": "region_secretariat",
    "GET web:audit": "region_or_reviewers",
    "GET web:region_archive": "region_secretariat",
    # Accounts and language
    "GET accounts:login": "anyone",
    "POST accounts:login": "anyone",
    "POST accounts:logout": "anyone",
    "POST set_language": "anyone",
    # The logged-in user's own reminder preferences (ADR 0034): no object, only the user's own row
    "GET reminders:preferences": "logged_in",
    "POST reminders:preferences": "logged_in",
    # The signed-in person's own work and its calendar file; each shows only what the person may see (ADR 0035).
    "GET reminders:my_work": "logged_in",
    "GET reminders:my_work_ics": "logged_in",
    # Sign-in with MitID Erhverv (off in the matrix's installation)
    "GET sso:login": "saml_sign_in",
    "POST sso:acs": "saml_sign_in",
    "GET sso:ls": "saml_sign_in",
    "POST sso:ls_post": "saml_sign_in",
    "GET sso:metadata": "saml_sign_in",
    # The load balancer's health check
    "GET healthz": "anyone",
    # The law and the rules
    "GET lawbook:index": "anyone",
    "GET lawbook:lookup": "anyone",
    "GET lawbook:source": "anyone",
    "GET lawbook:unit": "anyone",
    "GET lawbook:rules": "anyone",
    "GET lawbook:references": "anyone",
    # Legal changes: the list is public; recording a verification is for administrators
    "GET lawbook:changes": "anyone",
    "POST lawbook:change_verify": "administrators",
    "GET lawbook:change_withdraw": "administrators",
    "POST lawbook:change_withdraw": "administrators",
    # Country, clusters, bodies, members, people
    "GET governance:country": "logged_in",
    "GET governance:country_findings": "logged_in",
    "GET governance:region_findings": "logged_in",
    "GET governance:cluster_findings": "logged_in",
    "GET governance:body_findings": "logged_in",
    "GET governance:cluster": "logged_in",
    "GET governance:body": "logged_in",
    "GET governance:body_edit": "body_secretariat",
    "GET governance:body_facts": "logged_in",
    "GET governance:body_facts_edit": "body_secretariat",
    "POST governance:body_facts_edit": "body_secretariat",
    # The patient involvement committee's statements: its secretariat is the region's (§ 26, stk. 3)
    "GET governance:statements": "logged_in",
    "GET governance:statement_create": "region_secretariat",
    "POST governance:statement_create": "region_secretariat",
    # Hearing rounds (ADR 0036): prepared, sent, disposed and closed by the region's secretariat; answered by the
    # account named for an addressee
    "GET hearings:list": "hearing_list",
    "GET hearings:new": "region_secretariat",
    "POST hearings:new": "region_secretariat",
    "GET hearings:round": "hearing_readers",
    "GET hearings:edit": "region_secretariat",
    "POST hearings:edit": "region_secretariat",
    "GET hearings:send": "region_secretariat",
    "POST hearings:send": "region_secretariat",
    "GET hearings:close": "region_secretariat",
    "POST hearings:close": "region_secretariat",
    "GET hearings:answer": "hearing_respondents",
    "POST hearings:answer": "hearing_respondents",
    "GET hearings:dispose": "region_secretariat",
    "POST hearings:dispose": "region_secretariat",
    "GET hearings:notat": "hearing_readers",
    "POST governance:body_edit": "body_secretariat",
    "GET governance:membership_create": "body_secretariat",
    "POST governance:membership_create": "body_secretariat",
    "GET governance:group_create": "body_secretariat",
    "POST governance:group_create": "body_secretariat",
    "GET governance:membership_edit": "body_secretariat",
    "POST governance:membership_edit": "body_secretariat",
    "GET governance:membership_end": "body_secretariat",
    "POST governance:membership_end": "body_secretariat",
    "GET governance:person_edit": "body_secretariat",
    "POST governance:person_edit": "body_secretariat",
    # Linking a person to a login: the region's secretariat keeps the person (ADR 0022)
    "GET governance:person_account": "region_secretariat",
    "POST governance:person_account": "region_secretariat",
    # Meetings
    "GET governance:meeting_list": "logged_in",
    "GET governance:meeting_create": "body_secretariat",
    "POST governance:meeting_create": "body_secretariat",
    "GET governance:meeting_ical": "anyone",
    "GET governance:meeting_detail": "logged_in",
    "GET governance:meeting_edit": "body_secretariat",
    "POST governance:meeting_edit": "body_secretariat",
    "GET governance:meeting_cancel": "body_secretariat",
    "POST governance:meeting_cancel": "body_secretariat",
    "GET governance:meeting_attendance": "body_secretariat",
    "POST governance:meeting_attendance": "body_secretariat",
    "GET governance:meeting_agenda": "body_secretariat",
    "POST governance:meeting_agenda": "body_secretariat",
    "POST governance:meeting_agenda_publish": "body_secretariat",
    "GET governance:meeting_documents": "body_secretariat",
    "POST governance:meeting_documents": "body_secretariat",
    "GET governance:meeting_document": "logged_in",
    "GET governance:meeting_invitations": "body_secretariat",
    "POST governance:meeting_invitations": "body_secretariat",
    "GET governance:meeting_rsvp": "logged_in",
    "POST governance:meeting_rsvp": "logged_in",
    "GET governance:meeting_minutes": "body_secretariat",
    "POST governance:meeting_minutes": "body_secretariat",
    "POST governance:meeting_minutes_approve": "body_secretariat",
    "POST governance:meeting_minutes_publish": "body_secretariat",
    "POST governance:meeting_minutes_item": "body_secretariat",
    "GET governance:meeting_agenda_pack": "logged_in",
    "GET governance:meeting_minutes_pdf": "logged_in",
    "GET governance:meeting_minutes_docx": "logged_in",
    # Export and import
    "GET governance:region_export_xlsx": "logged_in",
    "GET governance:region_export_csv": "logged_in",
    "GET governance:region_export_json": "logged_in",
    "GET governance:region_import": "region_secretariat",
    "POST governance:region_import": "region_secretariat",
    # Health agreements
    "GET agreements:list": "logged_in",
    "GET agreements:new": "region_secretariat",
    "POST agreements:new": "region_secretariat",
    "GET agreements:detail": "logged_in",
    "GET agreements:step": "region_secretariat",
    "POST agreements:step": "region_secretariat",
    "GET agreements:versions": "logged_in",
    "GET agreements:approvals": "logged_in",
    "POST agreements:approvals": "region_secretariat",
    "GET agreements:annexes": "logged_in",
    "POST agreements:annexes": "region_secretariat",
    "GET agreements:annex_download": "logged_in",
    "GET agreements:document": "logged_in",
    "GET agreements:content_edit": "region_secretariat",
    "GET agreements:content_basics": "region_secretariat",
    "POST agreements:content_basics": "region_secretariat",
    "GET agreements:content_scope": "region_secretariat",
    "POST agreements:content_scope": "region_secretariat",
    "GET agreements:content_item_add": "region_secretariat",
    "POST agreements:content_item_add": "region_secretariat",
    "GET agreements:content_item_edit": "region_secretariat",
    "POST agreements:content_item_edit": "region_secretariat",
    "GET agreements:content_item_remove": "region_secretariat",
    "POST agreements:content_item_remove": "region_secretariat",
    # Follow-up: the yearly review and the status reports (ADR 0037)
    "GET followup:overview": "logged_in",
    "GET followup:review_new": "region_secretariat",
    "POST followup:review_new": "region_secretariat",
    "POST followup:report_new": "region_secretariat",
    "GET followup:published": "logged_in",
    "GET followup:report": "status_report_readers",
    "GET followup:report_document": "status_report_readers",
    "GET followup:receipt_letter": "status_report_readers",
    "GET followup:report_edit": "region_secretariat",
    "POST followup:report_edit": "region_secretariat",
    "POST followup:report_send": "region_secretariat",
    "POST followup:report_receipt": "reviewer_acts",
    "POST followup:report_publish": "region_secretariat",
    "GET followup:public_report_document": "anyone",
    "GET agreements:region_obligations": "logged_in",
    # Register indicators (ADR 0049): aggregated per unit and period, suppressed before they are stored ("<5"),
    # synthetic in the demo; read like the rest of a region's governance by every logged-in user. Filling a status
    # report's criteria from them writes the report, so it is the region's secretariat's.
    "GET datasupport:cluster": "logged_in",
    "GET datasupport:cluster_export_csv": "logged_in",
    "GET datasupport:cluster_export_xlsx": "logged_in",
    "GET datasupport:region": "logged_in",
    "GET datasupport:region_export_csv": "logged_in",
    "GET datasupport:region_export_xlsx": "logged_in",
    "POST datasupport:report_fetch_values": "region_secretariat",
    "GET /api/v1/clusters/{cluster_id}/indicators": "logged_in",
    "GET /api/v1/regions/{code}/indicators": "logged_in",
    "GET agreements:region_obligations_ical": "anyone",
    # Sundhedsstyrelsen's workspace, and the region's view of its letters
    "GET review:queue": "reviewers",
    "GET review:case": "reviewers",
    "GET review:case_file": "reviewers",
    "POST review:receipt": "reviewer_acts",
    "POST review:finding": "reviewer_acts",
    "POST review:information_request": "reviewer_acts",
    "POST review:decision": "reviewer_acts",
    "POST review:publish": "reviewer_acts",
    "GET review:region_letters": "region_users_or_reviewers",
    "POST review:information_answer": "region_or_reviewers",
    "GET review:letter_file": "region_users_or_reviewers",
    # The API's own pages
    "GET api:openapi-json": "anyone",
    "GET api:openapi-view": "anyone",
    "GET api:api-root": "nowhere",
    # API: the law
    "GET /api/v1/law/sources": "anyone",
    "GET /api/v1/law/provision": "anyone",
    "GET /api/v1/law/sources/{source_id}/units/{unit_id}": "anyone",
    "GET /api/v1/law/rules": "anyone",
    "GET /api/v1/law/sources/{source_id}/defects": "anyone",
    "GET /api/v1/law/sources/{source_id}/references": "anyone",
    "GET /api/v1/law/regime": "anyone",
    # API: regions and decisions
    "GET /api/v1/regions": "logged_in",
    "GET /api/v1/sundhedsraad": "logged_in",
    "GET /api/v1/regions/{code}/findings": "logged_in",
    "GET /api/v1/regions/{code}/case": "logged_in",
    "GET /api/v1/regions/{code}/decisions": "logged_in",
    "POST /api/v1/regions/{code}/decisions": "region_secretariat",
    "PUT /api/v1/regions/{code}/decisions/{key}": "region_secretariat",
    # API: bodies, members, people, findings
    "GET /api/v1/bodies/{key}": "logged_in",
    "PUT /api/v1/bodies/{key}": "body_secretariat",
    "POST /api/v1/bodies/{key}/groups": "body_secretariat",
    "POST /api/v1/bodies/{key}/memberships": "body_secretariat",
    "PUT /api/v1/memberships/{pk}": "body_secretariat",
    "POST /api/v1/memberships/{pk}/end": "body_secretariat",
    "PUT /api/v1/persons/{pk}": "body_secretariat",
    "GET /api/v1/bodies/{key}/findings": "logged_in",
    "GET /api/v1/bodies/{key}/facts": "logged_in",
    "PUT /api/v1/bodies/{key}/facts": "body_secretariat",
    "GET /api/v1/bodies/{committee_key}/statements": "logged_in",
    # Hearing rounds (ADR 0036)
    "GET /api/v1/regions/{code}/hearings": "hearing_list",
    "POST /api/v1/regions/{code}/hearings": "region_secretariat",
    "GET /api/v1/hearings/{round_id}": "hearing_readers",
    "POST /api/v1/hearings/{round_id}/send": "region_secretariat",
    "POST /api/v1/hearings/{round_id}/addressees/{addressee_id}/answer": "hearing_respondents",
    "PUT /api/v1/hearings/{round_id}/addressees/{addressee_id}/dispositions": "region_secretariat",
    "POST /api/v1/hearings/{round_id}/close": "region_secretariat",
    "GET /api/v1/hearings/{round_id}/notat.{fmt}": "hearing_readers",
    "POST /api/v1/bodies/{committee_key}/statements": "region_secretariat",
    "GET /api/v1/clusters/{cluster_id}/findings": "logged_in",
    "GET /api/v1/country/findings": "logged_in",
    # API: meetings
    "GET /api/v1/bodies/{body_key}/meetings": "logged_in",
    "POST /api/v1/bodies/{body_key}/meetings": "body_secretariat",
    "GET /api/v1/meetings/{pk}": "logged_in",
    "PUT /api/v1/meetings/{pk}": "body_secretariat",
    "POST /api/v1/meetings/{pk}/cancel": "body_secretariat",
    "PUT /api/v1/meetings/{pk}/attendance": "body_secretariat",
    "PUT /api/v1/meetings/{pk}/agenda": "body_secretariat",
    "POST /api/v1/meetings/{pk}/agenda/publish": "body_secretariat",
    "GET /api/v1/meetings/{pk}/invitations": "body_secretariat",
    "POST /api/v1/meetings/{pk}/invitations": "body_secretariat",
    "PUT /api/v1/meetings/{pk}/rsvp": "logged_in",
    "PUT /api/v1/meetings/{pk}/minutes": "body_secretariat",
    "POST /api/v1/meetings/{pk}/minutes/approve": "body_secretariat",
    "POST /api/v1/meetings/{pk}/minutes/publish": "body_secretariat",
    # API: export and import
    "GET /api/v1/regions/{code}/export": "logged_in",
    "POST /api/v1/regions/{code}/import": "region_secretariat",
    # API: health agreements and obligations
    "GET /api/v1/agreements": "logged_in",
    "GET /api/v1/agreements/{key}": "logged_in",
    "GET /api/v1/agreements/{key}/versions": "logged_in",
    "GET /api/v1/agreements/{key}/versions/{number}": "logged_in",
    "GET /api/v1/agreements/{key}/diff": "logged_in",
    "PUT /api/v1/agreements/{key}/content": "region_secretariat",
    "POST /api/v1/agreements/{key}/steps/{step}": "region_secretariat",
    "GET /api/v1/agreements/{key}/document.{fmt}": "logged_in",
    "GET /api/v1/agreements/{key}/approvals": "logged_in",
    # Annexes (ADR 0040): read by whoever reads the agreement, uploaded by the region's secretariat
    "GET /api/v1/agreements/{key}/annexes": "logged_in",
    "POST /api/v1/agreements/{key}/annexes": "region_secretariat",
    "GET /api/v1/agreements/{key}/annexes/{annex_id}/file": "logged_in",
    "PUT /api/v1/agreements/{key}/approvals": "region_secretariat",
    "GET /api/v1/regions/{code}/obligations": "logged_in",
    # API: follow-up (ADR 0037)
    "GET /api/v1/agreements/{key}/yearly-reviews": "logged_in",
    "POST /api/v1/agreements/{key}/yearly-reviews": "region_secretariat",
    "GET /api/v1/agreements/{key}/status-reports": "logged_in",
    "POST /api/v1/agreements/{key}/status-reports": "region_secretariat",
    "GET /api/v1/status-reports/{report}": "status_report_readers",
    "PUT /api/v1/status-reports/{report}": "region_secretariat",
    "POST /api/v1/status-reports/{report}/send": "region_secretariat",
    "POST /api/v1/status-reports/{report}/receipt": "reviewer_acts",
    "POST /api/v1/status-reports/{report}/publish": "region_secretariat",
    # API: Sundhedsstyrelsen's review
    "GET /api/v1/review/agreements/{key}/assessment": "reviewers",
    "POST /api/v1/review/agreements/{key}/findings/{rule_id}": "reviewer_acts",
    "POST /api/v1/review/agreements/{key}/decision": "reviewer_acts",
    "GET /api/v1/review/agreements/{key}/letters/{letter_id}.{fmt}": "region_users_or_reviewers",
    # The public portal (ADR 0042): what an explicit, audited act published, for everyone, with its JSON and feed;
    # publishing a body is its secretariat's act.
    "GET public:index": "anyone",
    "GET public:feed": "anyone",
    "GET public:region": "anyone",
    "GET public:municipality": "anyone",
    "GET public:cluster": "anyone",
    "GET public:agreement": "anyone",
    "GET public:agreement_document": "anyone",
    "GET public:letter_file": "anyone",
    "GET public:body": "anyone",
    "GET public:meeting": "anyone",
    "GET public:agenda_file": "anyone",
    "POST public:body_publish": "body_secretariat",
    "POST public:body_publication_withdraw": "body_secretariat",
    # The knowledge-sharing catalogue (ADR 0048): its public part from published versions and reports, for
    # everyone; the logged-in catalogue for every logged-in user (each sees what they may read); the committee's
    # mark for national spread by the region's secretariat (§ 15, stk. 2, nr. 5); following by anyone logged in.
    "GET knowledge:public_catalogue": "anyone",
    "GET knowledge:public_catalogue_file": "anyone",
    "GET knowledge:public_entry": "anyone",
    "GET knowledge:public_entry_file": "anyone",
    "GET knowledge:public_evidence": "anyone",
    "GET knowledge:catalogue": "logged_in",
    "GET knowledge:entry": "logged_in",
    "GET knowledge:evidence": "logged_in",
    "POST knowledge:mark": "region_secretariat",
    "POST knowledge:unmark": "region_secretariat",
    "POST knowledge:follow": "logged_in",
    "POST knowledge:unfollow": "logged_in",
    "GET /api/v1/public/catalogue": "anyone",
    "GET /api/v1/public/catalogue/{entry}": "anyone",
    "GET /api/v1/public": "anyone",
    "GET /api/v1/public/documents": "anyone",
    "GET /api/v1/public/regions/{code}": "anyone",
    "GET /api/v1/public/agreements/{key}": "anyone",
    "GET /api/v1/public/bodies/{key}": "anyone",
    "GET /api/v1/public/meetings/{pk}": "anyone",
    "GET /api/v1/public/clusters/{cluster_id}": "anyone",
    "GET /api/v1/public/municipalities/{municipality_code}": "anyone",
    # Search (ADR 0047): the public search finds only what was published; the logged-in search what
    # accounts.permissions.can_find lets the reader read (never another region's draft).
    "GET search:public": "anyone",
    "GET search:search": "logged_in",
    "GET /api/v1/public/search": "anyone",
    "GET /api/v1/search": "logged_in",
}


# --- The routes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One method of one route. ``path`` is the pattern: ``moeder/<int:pk>/`` or ``/api/v1/meetings/{pk}``."""

    method: str
    name: str  # the URL name of a page route; the path of an API operation
    path: str
    operation: Mapping[str, Any] | None = None  # the OpenAPI operation

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"

    @property
    def params(self) -> list[str]:
        return [a or b for a, b in _PARAM.findall(self.path)]

    def kinds(self) -> dict[str, str]:
        """What each path parameter names: a region, a body, a meeting, a version number …"""
        result = {}
        for param in self.params:
            kind = _KIND_BY_NAME.get(param)
            if kind is None:  # "key" and "pk" name what the path segment before them names
                before = re.split(r"<(?:\w+:)?" + param + r">|\{" + param + r"\}", self.path)[0]
                segment = [s for s in re.split(r"[/.]", before) if s][-1]
                kind = _KIND_BY_SEGMENT.get((param, segment))
            if kind is None:
                raise KeyError(f"{self.id}: ingen regel for, hvad parameteren '{param}' i {self.path} er")
            result[param] = kind
        return result

    @property
    def scoped(self) -> bool:
        """Whether the route is about an object of a region (so has an own and an other outcome)."""
        return self.id in QUERY_SCOPED or any(k in SCOPED_KINDS for k in self.kinds().values())


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")
_KIND_BY_NAME = {
    "code": "region",
    "body_key": "body",
    "committee_key": "patient_committee",
    "cluster_id": "cluster",
    "doc_pk": "document",
    "letter_id": "letter",
    "source_id": "source",
    "unit_id": "unit",
    "annex_pk": "annex",
    "annex_id": "annex",
    "fmt": "format",
    "number": "version",
    "step": "step",
    "section": "section",
    "item_id": "item",
    "rule_id": "rule",
    "round_id": "hearing",
    "addressee_id": "addressee",
    "report": "status_report",
    "municipality_code": "municipality",
    "entry": "catalogue_entry",
    "change_id": "law_change",
}
_KIND_BY_SEGMENT = {
    ("key", "beslutninger"): "decision",
    ("key", "decisions"): "decision",
    ("key", "aftaler"): "agreement",
    ("key", "agreements"): "agreement",
    ("key", "bodies"): "body",
    ("pk", "moeder"): "meeting",
    ("pk", "meetings"): "meeting",
    ("pk", "medlemskaber"): "membership",
    ("pk", "memberships"): "membership",
    ("pk", "personer"): "person",
    ("pk", "persons"): "person",
    ("pk", "statusrapporter"): "status_report",
    ("pk", "rapporter"): "published_status_report",
    ("pk", "dagsordener"): "published_agenda",
}
SCOPED_KINDS = frozenset(
    {
        "region",
        "decision",
        "body",
        "patient_committee",
        "cluster",
        "meeting",
        "membership",
        "person",
        "document",
        "agreement",
        "letter",
        "hearing",
        "addressee",
        "status_report",
        "published_status_report",
        "municipality",
        "published_agenda",
        "annex",
        "catalogue_entry",
    }
)
# Routes about a region named in the query string rather than the path.
QUERY_SCOPED = {"GET web:audit": "region"}


# The API's operations come from the OpenAPI document, not from the URL patterns ninja registers for them.
_API_OPERATIONS = "ninja.operation"


def page_routes() -> list[tuple[str, str]]:
    """``(name, pattern)`` of every route of the URL configuration that is not an API operation."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[None]:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = (
                    f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
                )
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                if getattr(p.callback, "__module__", "") == _API_OPERATIONS:
                    continue
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
                found.append((name or f"<unnamed {prefix}{p.pattern}>", prefix + str(p.pattern)))
                yield None

    list(walk(get_resolver().url_patterns, "", ""))
    return found


def api_routes(openapi: Mapping[str, Any]) -> list[Route]:
    return [
        Route(method.upper(), path, path, operation)
        for path, operations in openapi["paths"].items()
        for method, operation in operations.items()
    ]


def undecided(openapi: Mapping[str, Any]) -> list[str]:
    """Routes (with a method, for the API) that have no rule: what a new route must be given."""
    missing = [
        f"{name} ({pattern})"
        for name, pattern in page_routes()
        if not any(
            rule.split(" ", 1)[1] == name for rule in RULES if not rule.split(" ", 1)[1].startswith("/")
        )
    ]
    missing += [route.id for route in api_routes(openapi) if route.id not in RULES]
    return missing


def routes(openapi: Mapping[str, Any]) -> list[Route]:
    """Every route with a rule, pages first, in the order of the rules."""
    patterns = dict(page_routes())
    api = {r.id: r for r in api_routes(openapi)}
    result: list[Route] = []
    for rule in RULES:
        method, name = rule.split(" ", 1)
        if name.startswith("/"):
            if rule in api:
                result.append(api[rule])
        elif name in patterns:
            result.append(Route(method, name, patterns[name]))
    return result


def stale_rules(openapi: Mapping[str, Any]) -> list[str]:
    """Rules that name no route (any more)."""
    known = {r.id for r in routes(openapi)}
    return [rule for rule in RULES if rule not in known]


def expected(route: Route, role: str, scope: str) -> str:
    own, other = POLICIES[RULES[route.id]].cells[role]
    return own if scope == "own" else other


# --- The document ----------------------------------------------------------------------------------------

_MARK = {"allow": "yes", "deny": "403", "login": "log in", "hidden": "404"}


def markdown(openapi: Mapping[str, Any]) -> str:
    """docs/authorization.md: the policies, then every route with its outcome per role (own / other region)."""
    lines = [
        "# Authorization matrix",
        "",
        "Generated by `tools/gen_authz_docs.py` from the rules in `tests/web/authz_matrix.py`, the URL",
        "configuration and the OpenAPI document (`/api/v1/openapi.json`); `tests/web/test_authz_matrix.py`",
        "requests every cell with the demo data and fails when a route has no rule or a cell differs. Who may do",
        "what is decided in `src/sundhedsaftale/accounts/permissions.py`; this page is what that gives, route by",
        "route.",
        "",
        "Roles are those of `accounts.models.Role`; *anonymous* is the public (not logged in). In a cell, the",
        "first outcome is for an object of the role's own region (Region Sjælland, 1085; for the cluster",
        "secretariat an object of its own cluster, Holbæk), the second for an object of another region (Region",
        "Hovedstaden, 1084). A route about no region's object has one outcome. *yes*: served or judged on its",
        "content (2xx, a redirect, 400, 409 or 422); *403*: refused; *log in*: the login page (pages) or 401 (API).",
        "",
        "Within what a role may read, some data is narrowed further (`accounts.permissions`): a person's contact",
        "data only to the body's secretariat (`can_view_contacts`); a draft agenda only to the body's secretariat,",
        "and the public feed only a published agenda's items not for the authorities only (`can_view_agenda_drafts`,",
        "§ 2, stk. 3); the audit log row by row by its audience (`audit_audiences`): a reviewer's verdicts and",
        "internal reasons to Sundhedsstyrelsen only, a person's contact data to the region's secretariat only.",
        "",
        "## Policies",
        "",
        "| Policy | Who | " + " | ".join(ROLE_LABELS[r] for r in ROLES) + " |",
        "| --- | --- | " + " | ".join("---" for _ in ROLES) + " |",
    ]
    for policy in POLICIES.values():
        cells = [_cell(policy.cells[r], True) for r in ROLES]
        lines.append(f"| `{policy.name}` | {policy.description} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Routes",
        "",
        "| Route | Path | Policy | " + " | ".join(ROLE_LABELS[r] for r in ROLES) + " |",
        "| --- | --- | --- | " + " | ".join("---" for _ in ROLES) + " |",
    ]
    for route in routes(openapi):
        policy = POLICIES[RULES[route.id]]
        cells = [_cell(policy.cells[r], route.scoped) for r in ROLES]
        name = f"`{route.method} {route.name}`" if not route.name.startswith("/") else f"`{route.method}`"
        path = route.path if route.name.startswith("/") else "/" + route.path
        lines.append(f"| {name} | `{path}` | `{policy.name}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(outcomes: tuple[str, str], scoped: bool) -> str:
    own, other = (_MARK[o] for o in outcomes)
    return own if own == other or not scoped else f"{own} / {other}"
