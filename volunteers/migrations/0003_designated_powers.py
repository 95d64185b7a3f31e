"""The four designated powers of seed 002 are reference data, not demo data: every
database holds them, so a role can list the ones it may be granted."""

from django.db import migrations

POWERS = ("request_name_address", "control_traffic", "place_traffic_signs", "enter_premises")


def add_powers(apps, schema_editor):
    DesignatedPower = apps.get_model("volunteers", "DesignatedPower")
    for power in POWERS:
        DesignatedPower.objects.get_or_create(power=power)


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0002_applications_powers")]

    operations = [migrations.RunPython(add_powers, migrations.RunPython.noop)]
