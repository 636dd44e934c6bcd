"""The audit log can be added to, never changed or deleted: not through the models, not in the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.governance.models import Person

from .test_review import BLOCKING_RULE, _review, received  # noqa: F401  (received: the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(users) -> AuditEntry:
    return record_change(
        actor=users["sjaelland"], action="test", object_type="thing", object_id=1, after={"a": 1}
    )


def test_model_refuses_to_change_or_delete_an_entry(entry) -> None:
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_database_refuses_bulk_update_and_delete(entry) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditentry")
    assert AuditEntry.objects.get(pk=entry.pk).action == "test"


def test_audit_page_shows_changes_to_those_allowed(login, users) -> None:
    record_change(
        actor=users["sjaelland"],
        action="decision_create",
        object_type="local_decision",
        object_id="x",
        region_code="1085",
        after={"value": 1},
    )
    record_change(
        actor=users["hovedstaden"],
        action="decision_create",
        object_type="local_decision",
        object_id="y",
        region_code="1084",
        after={"value": 2},
    )
    everything = login("admin").get("/revisionsspor/").content.decode()
    assert "local_decision x" in everything
    assert "local_decision y" in everything
    own = login("sjaelland").get("/revisionsspor/").content.decode()
    assert "local_decision x" in own
    assert "local_decision y" not in own
    assert login("medlem").get("/revisionsspor/").status_code == 403


# --- Who reads which rows ---------------------------------------------------------------------------------


def test_a_reviewers_internal_reason_never_reaches_the_region(received, login) -> None:  # noqa: F811
    reason = "Internt: vi lader fundet passere, fordi ministeriet har bedt om hurtig godkendelse."
    assert _review(login("sst"), BLOCKING_RULE, verdict="overruled", reason=reason).status_code == 302
    row = AuditEntry.objects.get(action="finding_review")
    assert (row.region_code, row.audience) == ("1085", "authority")

    region = login("sjaelland").get("/revisionsspor/").content.decode()
    assert "finding_review" not in region
    assert "ministeriet" not in region
    assert "ministeriet" not in login("sjaelland").get("/revisionsspor/?region=1085").content.decode()
    assert "ministeriet" in login("sst").get("/revisionsspor/").content.decode()
    assert "ministeriet" in login("admin").get("/revisionsspor/?region=1085").content.decode()


def test_a_persons_contact_data_in_the_log_stays_with_the_regions_secretariat(sjaelland, login) -> None:
    client = login("sjaelland")
    person = Person.objects.get(key="holbaek-p1")
    response = client.post(
        f"/personer/{person.pk}/rediger/",
        {"name": person.name, "email": "p1@example.dk", "organisation": "", "version": person.version},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="person_update").audience == "secretariat"
    assert "p1@example.dk" in client.get("/revisionsspor/").content.decode()
    assert "p1@example.dk" in login("admin").get("/revisionsspor/").content.decode()
    reviewer = login("sst").get("/revisionsspor/").content.decode()
    assert "p1@example.dk" not in reviewer
    assert "person_update" not in reviewer


def test_a_row_without_an_audience_is_read_by_administrators_only(users, login) -> None:
    record_change(actor=None, action="legacy", object_type="thing", object_id=7, region_code="1085")
    with connection.cursor() as cursor:  # a row as written by hand, with no audience at all
        cursor.execute(
            "INSERT INTO accounts_auditentry (at, actor_name, action, object_type, object_id, region_code, "
            "reason, audience) VALUES (CURRENT_TIMESTAMP, 'x', 'unclassified', 'thing', '8', '1085', '', NULL)"
        )
    assert "unclassified" in login("admin").get("/revisionsspor/").content.decode()
    assert "unclassified" not in login("sst").get("/revisionsspor/").content.decode()
    assert "unclassified" not in login("sjaelland").get("/revisionsspor/").content.decode()
    assert "legacy" in login("sjaelland").get("/revisionsspor/").content.decode()
