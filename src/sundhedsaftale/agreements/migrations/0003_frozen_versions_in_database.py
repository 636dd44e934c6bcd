"""Freeze submitted and published agreement versions in the database itself (ADR 0016).

``AgreementVersion.save`` refuses too, but ``QuerySet.update()``, ``delete()`` or raw SQL would bypass it; a
trigger does not. Once a version has left the draft state its content, label, effective date, note, author
and time are what the councils approved and the authority assessed: an UPDATE may only move the state from
submitted to published, and a DELETE or (PostgreSQL) TRUNCATE is refused. Drafts stay free.
"""

from django.db import migrations

# Every column of the row, except the state, which may move forward once.
FROZEN = (
    "id",
    "agreement_id",
    "number",
    "label",
    "effective_date",
    "content",
    "note",
    "saved_by_id",
    "saved_at",
)
ALLOWED_STATE = "(NEW.state = OLD.state OR (OLD.state = 'submitted' AND NEW.state = 'published'))"
UPDATE_MESSAGE = "en indsendt eller offentliggjort aftaleversion kan ikke ændres"
DELETE_MESSAGE = "en indsendt eller offentliggjort aftaleversion kan ikke slettes"

SQLITE = [
    f"""CREATE TRIGGER agreements_version_frozen_no_update BEFORE UPDATE ON agreements_agreementversion
        WHEN OLD.state <> 'draft' AND (
            {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)} OR NOT {ALLOWED_STATE})
        BEGIN SELECT RAISE(ABORT, '{UPDATE_MESSAGE}'); END;""",
    f"""CREATE TRIGGER agreements_version_frozen_no_delete BEFORE DELETE ON agreements_agreementversion
        WHEN OLD.state <> 'draft'
        BEGIN SELECT RAISE(ABORT, '{DELETE_MESSAGE}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS agreements_version_frozen_no_update;",
    "DROP TRIGGER IF EXISTS agreements_version_frozen_no_delete;",
]
# SQLSTATE 23001 (restrict_violation) so both databases report an IntegrityError.
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION agreements_version_frozen() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                RAISE EXCEPTION '{DELETE_MESSAGE}' USING ERRCODE = 'restrict_violation';
            END IF;
            IF OLD.state = 'draft' THEN
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END IF;
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION '{DELETE_MESSAGE}' USING ERRCODE = 'restrict_violation';
            END IF;
            IF ({", ".join(f"NEW.{c}" for c in FROZEN)}) IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in FROZEN)})
               OR NOT {ALLOWED_STATE} THEN
                RAISE EXCEPTION '{UPDATE_MESSAGE}' USING ERRCODE = 'restrict_violation';
            END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER agreements_version_frozen BEFORE UPDATE OR DELETE ON agreements_agreementversion
       FOR EACH ROW EXECUTE FUNCTION agreements_version_frozen();""",
    """CREATE TRIGGER agreements_version_no_truncate BEFORE TRUNCATE ON agreements_agreementversion
       FOR EACH STATEMENT EXECUTE FUNCTION agreements_version_frozen();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS agreements_version_frozen ON agreements_agreementversion;",
    "DROP TRIGGER IF EXISTS agreements_version_no_truncate ON agreements_agreementversion;",
    "DROP FUNCTION IF EXISTS agreements_version_frozen();",
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
    dependencies = [("agreements", "0002_versions_content_records")]
    operations = [migrations.RunPython(forwards, backwards)]
