"""When each body, membership, meeting, decision and person last changed (rows that exist now: the time of the
migration). An import compares them with the time its file's data is from, and refuses to remove what changed
after it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("governance", "0004_person_region")]

    operations = [
        migrations.AddField(
            model_name="body",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="ændret"),
        ),
        migrations.AddField(
            model_name="localdecision",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="ændret"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="ændret"),
        ),
        migrations.AddField(
            model_name="membership",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="ændret"),
        ),
        migrations.AddField(
            model_name="person",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="ændret"),
        ),
    ]
