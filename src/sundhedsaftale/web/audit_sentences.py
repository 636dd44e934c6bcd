"""The audit log as sentences: "Anne Jensen tilføjede Mette Hansen som praktiserende læge i
Sundhedssamarbejdsudvalget for Region Sjælland", with the changed fields as label: before → after.

Built from what each row stores (``accounts.audit.record_change``: action, object, before, after), with the names
of the bodies, agreements, municipalities and clusters a row refers to looked up once per page. Every action code
the platform writes has a sentence here (``SENTENCES``); an unknown code gets a neutral sentence, never the row's
stored data as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.governance.models import Body
from sundhedsaftale.registry.models import HealthCluster, Municipality
from sundhedsaftale.web.platform import platform

from . import words
from .words import Names, field_value

__all__ = ["SENTENCES", "AuditLine", "audit_lines"]

# Fields that name the record rather than describe it, or count saves: not listed as changes.
_NOT_SHOWN = {"key", "version", "person", "body", "meeting_id", "meeting", "chaired_by"}

# Per action code: the sentence, with %(actor)s and %(what)s (how the object is named, see ``_what``).
SENTENCES: dict[str, Promise] = {
    "membership_add": gettext_lazy("%(actor)s tilføjede %(what)s"),
    "indicators_compute": gettext_lazy("%(actor)s beregnede registerindikatorerne fra %(what)s"),
    "membership_update": gettext_lazy("%(actor)s ændrede %(what)s"),
    "membership_end": gettext_lazy("%(actor)s afsluttede %(what)s"),
    "person_create": gettext_lazy("%(actor)s oprettede personen %(what)s"),
    "person_update": gettext_lazy("%(actor)s ændrede personen %(what)s"),
    "body_create": gettext_lazy("%(actor)s oprettede %(what)s"),
    "body_update": gettext_lazy("%(actor)s ændrede %(what)s"),
    "body_facts_update": gettext_lazy("%(actor)s ændrede forholdene for %(what)s"),
    "decision_create": gettext_lazy("%(actor)s registrerede en lokal beslutning: %(what)s"),
    "decision_update": gettext_lazy("%(actor)s ændrede en lokal beslutning: %(what)s"),
    "meeting_create": gettext_lazy("%(actor)s planlagde mødet %(what)s"),
    "meeting_update": gettext_lazy("%(actor)s ændrede mødet %(what)s"),
    "meeting_cancel": gettext_lazy("%(actor)s aflyste mødet %(what)s"),
    "agenda_set": gettext_lazy("%(actor)s ændrede dagsordenen for mødet %(what)s"),
    "agenda_publish": gettext_lazy("%(actor)s offentliggjorde dagsordenen for mødet %(what)s"),
    "attendance_record": gettext_lazy("%(actor)s registrerede fremmødet ved mødet %(what)s"),
    "meeting_chair_set": gettext_lazy("%(actor)s angav mødelederen for mødet %(what)s"),
    "document_add": gettext_lazy("%(actor)s tilføjede et dokument til mødet %(what)s"),
    "committee_statement_add": gettext_lazy("%(actor)s registrerede en udtalelse: %(what)s"),
    "agreement_create": gettext_lazy("%(actor)s oprettede %(what)s"),
    "agreement_content_save": gettext_lazy("%(actor)s gemte indholdet af %(what)s"),
    "agreement_annex_add": gettext_lazy("%(actor)s vedhæftede et bilag til %(what)s"),
    "agreement_start_hearing": gettext_lazy("%(actor)s sendte %(what)s i høring"),
    "agreement_record_hearing_answer": gettext_lazy("%(actor)s registrerede et høringssvar om %(what)s"),
    "agreement_record_cluster_input": gettext_lazy("%(actor)s registrerede klyngernes input til %(what)s"),
    "agreement_record_council_approval": gettext_lazy("%(actor)s registrerede en godkendelse af %(what)s"),
    "agreement_submit": gettext_lazy("%(actor)s indsendte %(what)s til Sundhedsstyrelsen"),
    "agreement_register_receipt": gettext_lazy("%(actor)s registrerede modtagelsen af %(what)s"),
    "agreement_request_information": gettext_lazy("%(actor)s bad om oplysninger om %(what)s"),
    "agreement_answer_information": gettext_lazy("%(actor)s besvarede spørgsmål om %(what)s"),
    "agreement_approve": gettext_lazy("%(actor)s godkendte %(what)s"),
    "agreement_object": gettext_lazy("%(actor)s gjorde indsigelse mod %(what)s"),
    "agreement_revise": gettext_lazy("%(actor)s registrerede en ændret udgave af %(what)s"),
    "agreement_publish": gettext_lazy("%(actor)s registrerede offentliggørelsen af %(what)s"),
    "agreement_record_yearly_review": gettext_lazy(
        "%(actor)s registrerede den årlige gennemgang af %(what)s"
    ),
    "agreement_send_status_report": gettext_lazy("%(actor)s registrerede en statusrapport om %(what)s"),
    "finding_review": gettext_lazy("%(actor)s vurderede fundet %(what)s"),
    "letter_issue": gettext_lazy("%(actor)s udstedte et brev om %(what)s"),
    "letter_publish": gettext_lazy("%(actor)s offentliggjorde et brev om %(what)s"),
    "case_import": gettext_lazy("%(actor)s importerede regionens sag"),
    "transition_apply": gettext_lazy("%(actor)s overførte regionens sag til den nye struktur"),
    "region_archive": gettext_lazy("%(actor)s hentede regionens arkiv"),
    "region_archive_restore": gettext_lazy("%(actor)s genskabte regionen fra et arkiv"),
    "backup_restore": gettext_lazy("%(actor)s genskabte platformen fra en sikkerhedskopi"),
    "sync_reference_data": gettext_lazy("%(actor)s opdaterede referencedata"),
    "law_change_verify": gettext_lazy("%(actor)s verificerede en lovændring"),
    "law_change_verification_withdraw": gettext_lazy("%(actor)s tilbagekaldte verifikationen af %(what)s"),
    "reminder_preferences_update": gettext_lazy("%(actor)s ændrede sine påmindelser"),
    "user_create": gettext_lazy("%(actor)s oprettede brugeren %(what)s"),
    "user_update": gettext_lazy("%(actor)s ændrede brugeren %(what)s"),
    "sso_link": gettext_lazy("%(actor)s knyttede brugeren %(what)s til log-in med MitID Erhverv"),
    "sign_in_refused": gettext_lazy("Et log-in blev afvist"),
    "body_publish": gettext_lazy("%(actor)s offentliggjorde %(what)s i den offentlige portal"),
    "body_publication_withdraw": gettext_lazy(
        "%(actor)s trak offentliggørelsen af %(what)s i den offentlige portal tilbage"
    ),
    "catalogue_mark": gettext_lazy("%(actor)s markerede %(what)s til national udbredelse"),
    "catalogue_unmark": gettext_lazy(
        "%(actor)s trak markeringen af %(what)s til national udbredelse tilbage"
    ),
    "catalogue_follow": gettext_lazy("%(actor)s begyndte at følge %(what)s i vidensdelingskataloget"),
    "catalogue_unfollow": gettext_lazy("%(actor)s holdt op med at følge %(what)s i vidensdelingskataloget"),
    "hearing_round_create": gettext_lazy("%(actor)s oprettede høringen %(what)s"),
    "hearing_round_update": gettext_lazy("%(actor)s ændrede høringen %(what)s"),
    "hearing_round_send": gettext_lazy("%(actor)s sendte høringen %(what)s"),
    "hearing_round_close": gettext_lazy("%(actor)s afsluttede høringen %(what)s"),
    "hearing_answer_record": gettext_lazy("%(actor)s registrerede høringssvaret fra %(what)s"),
    "hearing_dispositions_set": gettext_lazy("%(actor)s behandlede et høringssvar"),
    "invitations_send": gettext_lazy("%(actor)s sendte indkaldelsen til mødet %(what)s"),
    "rsvp_answer": gettext_lazy("%(actor)s svarede på en indkaldelse"),
    "person_account_link": gettext_lazy("%(actor)s knyttede personen til en brugerkonto"),
    "minutes_save": gettext_lazy("%(actor)s skrev referatet af mødet %(what)s"),
    "minutes_item_add": gettext_lazy(
        "%(actor)s satte godkendelse af referat på dagsordenen for mødet %(what)s"
    ),
    "minutes_approve": gettext_lazy("%(actor)s registrerede godkendelsen af referatet af mødet %(what)s"),
    "minutes_publish": gettext_lazy("%(actor)s offentliggjorde referatet af mødet %(what)s"),
    "yearly_review_record": gettext_lazy("%(actor)s registrerede den årlige gennemgang %(what)s"),
    "status_report_create": gettext_lazy("%(actor)s oprettede %(what)s"),
    "status_report_update": gettext_lazy("%(actor)s ændrede %(what)s"),
    "status_report_send": gettext_lazy("%(actor)s sendte %(what)s til Sundhedsstyrelsen"),
    "status_report_receipt": gettext_lazy("%(actor)s kvitterede for %(what)s"),
    "status_report_publish": gettext_lazy("%(actor)s offentliggjorde %(what)s"),
}
_UNKNOWN = gettext_lazy("%(actor)s foretog en ændring")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditLine:
    entry: AuditEntry
    sentence: str
    changes: tuple[Change, ...]


def audit_lines(entries: Iterable[AuditEntry]) -> list[AuditLine]:
    """Each row as a sentence with its changed fields, names looked up once for all rows."""
    rows = list(entries)
    names = _names(rows)
    return [AuditLine(e, _sentence(e, names), _changes(e, names)) for e in rows]


def _names(rows: list[AuditEntry]) -> Names:
    body_keys: set[str] = set()
    agreement_keys: set[str] = set()
    for e in rows:
        for data in (e.before, e.after):
            if isinstance(data, dict):
                for field in ("body", "parent"):
                    if isinstance(data.get(field), str):
                        body_keys.add(data[field])
        if e.object_type == "body":
            body_keys.add(e.object_id)
        if e.object_type == "health_agreement":
            agreement_keys.add(e.object_id)
        if e.object_type == "finding_review":
            agreement_keys.add(e.object_id.split(":")[0])
        if isinstance(e.after, dict) and isinstance(e.after.get("agreement"), str):
            agreement_keys.add(e.after["agreement"])
    return Names(
        bodies=dict(Body.objects.filter(key__in=body_keys).values_list("key", "name")),
        agreements=dict(HealthAgreement.objects.filter(key__in=agreement_keys).values_list("key", "title")),
        municipalities=dict(Municipality.objects.values_list("code", "name")),
        clusters=dict(HealthCluster.objects.values_list("id", "name")),
    )


def _data(e: AuditEntry) -> dict[str, Any]:
    after = e.after if isinstance(e.after, dict) else {}
    before = e.before if isinstance(e.before, dict) else {}
    return {**before, **after}


def _what(e: AuditEntry, names: Names) -> str:
    data = _data(e)
    kind = e.object_type
    if kind == "membership":
        person = str(data.get("person_name") or gettext("et medlem"))
        body = names.bodies.get(str(data.get("body")), gettext("et organ"))
        role = field_value("role", data.get("role"), names)
        return gettext("%(person)s som %(role)s i %(body)s") % {
            "person": person,
            "role": role.lower(),
            "body": body,
        }
    if kind == "person":
        return str(data.get("name") or gettext("uden navn"))
    if kind == "body":
        return str(data.get("name") or names.bodies.get(e.object_id) or gettext("et organ"))
    if kind in ("meeting", "meeting_document"):
        title = str(data.get("title") or "")
        day = words.in_words(data.get("date")) if data.get("date") else ""
        return ", ".join(p for p in (title, day) if p) or gettext("et møde")
    if kind == "local_decision":
        key = str(data.get("parameter", ""))
        return f"{words.parameter_label(key)} = {words.parameter_value(key, data.get('value'))}"
    if kind == "committee_statement":
        return str(data.get("topic") or gettext("en udtalelse"))
    if kind == "health_agreement":
        return names.agreements.get(e.object_id) or gettext("sundhedsaftalen")
    if kind == "finding_review":
        key, _sep, rule_id = e.object_id.partition(":")
        agreement = names.agreements.get(key) or gettext("sundhedsaftalen")
        return gettext("%(rule)s i %(agreement)s") % {
            "rule": words.rule_title(rule_id),
            "agreement": agreement,
        }
    if kind == "issued_letter":
        return names.agreements.get(str(data.get("agreement", ""))) or gettext("sundhedsaftalen")
    if kind == "user":
        return str(data.get("username") or e.object_id)
    if kind == "hearing_round":
        return str(data.get("subject") or gettext("uden overskrift"))
    if kind == "hearing_answer":
        return str(data.get("addressee") or gettext("en adressat"))
    if kind == "status_report":
        label = {"midterm": gettext("midtvejsstatus"), "final": gettext("slutstatus")}.get(
            str(data.get("kind")), gettext("en statusrapport")
        )
        return f"{label} {data['number']}" if data.get("number") else label
    if kind == "yearly_review":
        return str(data.get("year") or "")
    if kind == "catalogue_entry":
        return str(data.get("title") or gettext("et tiltag"))
    if kind == "indicator_run":
        return str(data.get("source") or gettext("et register"))
    if kind == "law_change":
        change = platform().changes.get(e.object_id)
        return change.act.short if change is not None else gettext("en lovændring")
    return ""


def _sentence(e: AuditEntry, names: Names) -> str:
    actor = e.actor_name if e.actor_name and e.actor_name != "system" else gettext("Platformen")
    template = SENTENCES.get(e.action, _UNKNOWN)
    text = str(template) % {"actor": actor, "what": _what(e, names)}
    if e.reason:
        text += " " + gettext("(begrundelse: %(reason)s)") % {"reason": e.reason}
    return text.rstrip() + "."


def _changes(e: AuditEntry, names: Names) -> tuple[Change, ...]:
    before = e.before if isinstance(e.before, dict) else {}
    after = e.after if isinstance(e.after, dict) else {}
    result = []
    for field in [*before, *(f for f in after if f not in before)]:
        if field in _NOT_SHOWN or (field == "person_name" and e.object_type == "membership"):
            continue
        old, new = before.get(field), after.get(field)
        if before and old == new:
            continue
        if not before and new in (None, "", [], {}, False):
            continue
        if field == "value" and e.object_type == "local_decision":
            parameter = str(after.get("parameter") or before.get("parameter", ""))
            shown = (words.parameter_value(parameter, old), words.parameter_value(parameter, new))
        else:
            shown = (
                field_value(field, old, names) if field in before else "",
                field_value(field, new, names),
            )
        result.append(Change(words.field_label(field), *shown))
    return tuple(result)
