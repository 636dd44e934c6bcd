"""Give every audit row an audience, and classify the rows written before there was one.

The column is added with a database default (a plain ADD COLUMN, so SQLite keeps the table and its append-only
triggers). Rows already written with a reviewer's verdict and internal reason, or a person's contact data, are
then given their narrower audience: the only UPDATE this table ever gets, made with the append-only triggers
lifted for that one statement and put back in the same transaction. Nothing but the audience changes.
"""

from django.db import migrations, models
from django.db.models import Value

# Actions whose rows only Sundhedsstyrelsen may read, and those that carry a person's contact data.
AUTHORITY_ACTIONS = ("finding_review",)
SECRETARIAT_ACTIONS = ("person_create", "person_update")

SQLITE_TRIGGER = """CREATE TRIGGER accounts_auditentry_no_update BEFORE UPDATE ON accounts_auditentry
       BEGIN SELECT RAISE(ABORT, 'revisionssporet kan ikke ændres'); END;"""


def _classify(schema_editor, audience: str, actions: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    marks = ", ".join(["%s"] * len(actions))
    schema_editor.execute(
        f"UPDATE accounts_auditentry SET audience = %s WHERE action IN ({marks})", [audience, *actions]
    )


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(
            "ALTER TABLE accounts_auditentry DISABLE TRIGGER accounts_auditentry_append_only"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS accounts_auditentry_no_update")
    _classify(schema_editor, "authority", AUTHORITY_ACTIONS)
    _classify(schema_editor, "secretariat", SECRETARIAT_ACTIONS)
    if postgres:
        schema_editor.execute(
            "ALTER TABLE accounts_auditentry ENABLE TRIGGER accounts_auditentry_append_only"
        )
    else:
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_audit_append_only")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="audience",
            field=models.CharField(
                choices=[
                    ("region", "Regionens sekretariat og Sundhedsstyrelsen"),
                    ("authority", "Kun Sundhedsstyrelsen"),
                    ("secretariat", "Kun regionens sekretariat"),
                ],
                db_default=Value("region"),
                max_length=16,
                null=True,
                verbose_name="synlighed",
            ),
        ),
        # Going back only drops the column (the classification goes with it).
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
