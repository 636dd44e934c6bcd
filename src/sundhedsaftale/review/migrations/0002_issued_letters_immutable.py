"""Make issued letters immutable in the database itself (ADR 0016).

``IssuedLetter.save`` and ``delete`` refuse too, but ``QuerySet.update()``, ``QuerySet.delete()`` or raw SQL
would bypass them; a trigger does not. What was sent never changes; the only UPDATE allowed sets the day the
letter was published, once (vejl. afsnit 5.5). DELETE and (PostgreSQL) TRUNCATE are refused.
"""

from django.db import migrations

# Every column of the row, except the day of publication.
FROZEN = (
    "id",
    "agreement_id",
    "submission_id",
    "kind",
    "reference",
    "letter_date",
    "pdf",
    "docx",
    "issued_by_id",
    "issued_at",
)
ALLOWED_PUBLICATION = "(OLD.published_on IS NULL OR NEW.published_on IS OLD.published_on)"
UPDATE_MESSAGE = "et udstedt brev kan ikke ændres"
DELETE_MESSAGE = "et udstedt brev kan ikke slettes"

SQLITE = [
    f"""CREATE TRIGGER review_issuedletter_no_update BEFORE UPDATE ON review_issuedletter
        WHEN {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)} OR NOT {ALLOWED_PUBLICATION}
        BEGIN SELECT RAISE(ABORT, '{UPDATE_MESSAGE}'); END;""",
    f"""CREATE TRIGGER review_issuedletter_no_delete BEFORE DELETE ON review_issuedletter
        BEGIN SELECT RAISE(ABORT, '{DELETE_MESSAGE}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS review_issuedletter_no_update;",
    "DROP TRIGGER IF EXISTS review_issuedletter_no_delete;",
]
# SQLSTATE 23001 (restrict_violation) so both databases report an IntegrityError.
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION review_issuedletter_immutable() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                RAISE EXCEPTION '{DELETE_MESSAGE}' USING ERRCODE = 'restrict_violation';
            END IF;
            IF ({", ".join(f"NEW.{c}" for c in FROZEN)}) IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in FROZEN)})
               OR NOT (OLD.published_on IS NULL OR NEW.published_on IS NOT DISTINCT FROM OLD.published_on) THEN
                RAISE EXCEPTION '{UPDATE_MESSAGE}' USING ERRCODE = 'restrict_violation';
            END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER review_issuedletter_immutable BEFORE UPDATE OR DELETE ON review_issuedletter
       FOR EACH ROW EXECUTE FUNCTION review_issuedletter_immutable();""",
    """CREATE TRIGGER review_issuedletter_no_truncate BEFORE TRUNCATE ON review_issuedletter
       FOR EACH STATEMENT EXECUTE FUNCTION review_issuedletter_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS review_issuedletter_immutable ON review_issuedletter;",
    "DROP TRIGGER IF EXISTS review_issuedletter_no_truncate ON review_issuedletter;",
    "DROP FUNCTION IF EXISTS review_issuedletter_immutable();",
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
    dependencies = [("review", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
