"""An agenda is a draft until it is published. Agendas of meetings already held were public and stay so
(published as of the migration); agendas of meetings still to come become drafts for the secretariat to publish."""

from django.db import migrations, models
from django.utils import timezone


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Meeting = apps.get_model("governance", "Meeting")
    Meeting.objects.filter(status="held").update(agenda_published_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("governance", "0005_change_times")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="agenda_published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="dagsorden offentliggjort"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
