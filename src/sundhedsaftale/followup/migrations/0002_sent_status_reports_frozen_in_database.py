"""Freeze a sent status report in the database itself (kapitel 6: sent to Sundhedsstyrelsen "til orientering").

``StatusReport.save`` refuses too, but ``QuerySet.update()``, ``delete()`` or raw SQL would bypass it; a trigger
does not (as agreements migration 0003 does for submitted versions). Once a report has left the draft state, what
was sent – its content, kind, number, the report it corrects and the day it was sent – never changes; the state may
only move forward (sent → received → published), the receipt (date, journal number, letter) is added only on the
step to received (its letter also when it is missing: a restored archive puts the letter back as it was issued)
and the publication date only on the step to published. A DELETE or (PostgreSQL) TRUNCATE of a
sent report is refused. Drafts stay free. The author may be cleared (``SET_NULL`` when an account is deleted).
"""

from django.db import migrations

TABLE = "followup_statusreport"
ALWAYS = ("id", "agreement_id", "kind", "number", "corrects_id", "content", "sent_on", "created_at")
RECEIPT = ("received_on", "receipt_reference")
LETTER = ("receipt_pdf", "receipt_docx")
ALLOWED_STATE = (
    "(NEW.state = OLD.state OR (OLD.state = 'sent' AND NEW.state = 'received') "
    "OR (OLD.state = 'received' AND NEW.state = 'published'))"
)
RECEIPT_ONCE = "(OLD.state = 'sent' AND NEW.state = 'received')"
PUBLISHED_ONCE = "(OLD.state = 'received' AND NEW.state = 'published')"
UPDATE_MESSAGE = (
    "en statusrapport, der er sendt til Sundhedsstyrelsen, kan ikke ændres; opret en rettet version"
)
DELETE_MESSAGE = "en statusrapport, der er sendt til Sundhedsstyrelsen, kan ikke slettes"


def _changed(columns: tuple[str, ...], distinct: str) -> str:
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


def _refused(distinct: str) -> str:
    """The condition under which an UPDATE of a sent report is refused (``distinct``: the dialect's operator)."""
    return (
        f"({_changed(ALWAYS, distinct)}) OR NOT {ALLOWED_STATE}"
        f" OR (NOT {RECEIPT_ONCE} AND ({_changed(RECEIPT, distinct)}))"
        f" OR (NOT {PUBLISHED_ONCE} AND NEW.published_on {distinct} OLD.published_on)"
        + "".join(
            f" OR (NOT {RECEIPT_ONCE} AND OLD.{c} IS NOT NULL AND NEW.{c} {distinct} OLD.{c})" for c in LETTER
        )
    )


SQLITE = [
    f"""CREATE TRIGGER followup_report_frozen_no_update BEFORE UPDATE ON {TABLE}
        WHEN OLD.state <> 'draft' AND ({_refused("IS NOT")})
        BEGIN SELECT RAISE(ABORT, '{UPDATE_MESSAGE}'); END;""",
    f"""CREATE TRIGGER followup_report_frozen_no_delete BEFORE DELETE ON {TABLE}
        WHEN OLD.state <> 'draft'
        BEGIN SELECT RAISE(ABORT, '{DELETE_MESSAGE}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS followup_report_frozen_no_update;",
    "DROP TRIGGER IF EXISTS followup_report_frozen_no_delete;",
]
# SQLSTATE 23001 (restrict_violation) so both databases report an IntegrityError.
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION followup_report_frozen() RETURNS trigger AS $$
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
            IF {_refused("IS DISTINCT FROM")} THEN
                RAISE EXCEPTION '{UPDATE_MESSAGE}' USING ERRCODE = 'restrict_violation';
            END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER followup_report_frozen BEFORE UPDATE OR DELETE ON {TABLE}
       FOR EACH ROW EXECUTE FUNCTION followup_report_frozen();""",
    f"""CREATE TRIGGER followup_report_no_truncate BEFORE TRUNCATE ON {TABLE}
       FOR EACH STATEMENT EXECUTE FUNCTION followup_report_frozen();""",
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS followup_report_frozen ON {TABLE};",
    f"DROP TRIGGER IF EXISTS followup_report_no_truncate ON {TABLE};",
    "DROP FUNCTION IF EXISTS followup_report_frozen();",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    for sql in POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
