"""One Community row per community partners may serve (DOMAIN.md §3). Codes are frozen
here: a migration must not change when the enum does."""

from django.db import migrations

CODES = ["mental_ill_health", "physical_disability", "learning_disability", "older_people", "dementia", "other"]


def create(apps, schema_editor):
    Community = apps.get_model("placements", "Community")
    for code in CODES:
        Community.objects.get_or_create(code=code)


def remove(apps, schema_editor):
    apps.get_model("placements", "Community").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
