"""Make the audit log append-only in the database itself: UPDATE and DELETE are refused by a trigger.

Model methods refuse too, but a queryset ``update()`` or raw SQL would bypass them; the trigger does not.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER accounts_auditentry_no_update BEFORE UPDATE ON accounts_auditentry
       BEGIN SELECT RAISE(ABORT, 'revisionssporet kan ikke ændres'); END;""",
    """CREATE TRIGGER accounts_auditentry_no_delete BEFORE DELETE ON accounts_auditentry
       BEGIN SELECT RAISE(ABORT, 'revisionssporet kan ikke slettes'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS accounts_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS accounts_auditentry_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION accounts_auditentry_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'revisionssporet kan ikke ændres eller slettes'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER accounts_auditentry_append_only BEFORE UPDATE OR DELETE ON accounts_auditentry
       FOR EACH ROW EXECUTE FUNCTION accounts_auditentry_refuse();""",
    """CREATE TRIGGER accounts_auditentry_no_truncate BEFORE TRUNCATE ON accounts_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION accounts_auditentry_refuse();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS accounts_auditentry_append_only ON accounts_auditentry;",
    "DROP TRIGGER IF EXISTS accounts_auditentry_no_truncate ON accounts_auditentry;",
    "DROP FUNCTION IF EXISTS accounts_auditentry_refuse();",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
