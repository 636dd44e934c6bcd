"""Give every person the region whose secretariat keeps it: the region of the person's first membership (or,
without one, of the first meeting the person attended). A person who was seated in two regions stays with the
region that seated the person first."""

import django.db.models.deletion
from django.db import migrations, models


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Person = apps.get_model("governance", "Person")
    Membership = apps.get_model("governance", "Membership")
    Attendance = apps.get_model("governance", "Attendance")
    first: dict[int, str] = {}
    for person_id, region_id in Membership.objects.order_by("id").values_list("person_id", "body__region_id"):
        first.setdefault(person_id, region_id)
    for person_id, region_id in Attendance.objects.order_by("id").values_list(
        "person_id", "meeting__body__region_id"
    ):
        first.setdefault(person_id, region_id)
    by_region: dict[str, list[int]] = {}
    for person_id, region_id in first.items():
        by_region.setdefault(region_id, []).append(person_id)
    for region_id, ids in by_region.items():
        Person.objects.filter(pk__in=ids).update(region_id=region_id)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_body_facts"),
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="persons",
                to="registry.region",
                verbose_name="region",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
