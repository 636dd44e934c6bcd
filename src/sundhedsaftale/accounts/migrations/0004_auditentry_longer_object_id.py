"""Let an audit row name an object by a key of up to 200 characters.

A catalogue entry's key is its agreement's key, the kind and the item's id, and grows past 64 characters. On
PostgreSQL the column is widened in place, which neither rewrites the rows nor touches the append-only triggers.
SQLite does not enforce a column's length, and a change through Django would rebuild the table and drop its
triggers, so there only the model's state changes.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE accounts_auditentry ALTER COLUMN object_id TYPE varchar(200)")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The column stays wide: rows written since may hold longer keys, and the append-only log is never cut short
    # (a restore migrates every app back to zero before it loads an archive, with such rows in place).
    pass


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_auditentry_audience")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="object_id",
                    field=models.CharField(max_length=200, verbose_name="objekt"),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
