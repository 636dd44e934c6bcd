"""The audit log can be added to, never changed or deleted: not through the models, not in the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import AuditEntry

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
