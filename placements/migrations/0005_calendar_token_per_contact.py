"""Calendar feeds of a partner's placements are keyed per contact, not per organisation
(issue 8 §5: a feed stops answering when its contact is unlinked, and each owner can
rotate their own). Calendar tokens are secrets: they leave the model histories."""

import uuid

from django.db import migrations, models


def give_each_contact_a_token(apps, schema_editor):
    contacts = apps.get_model("placements", "PartnerContact").objects.all()
    for contact in contacts.only("pk"):
        contacts.filter(pk=contact.pk).update(calendar_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0004_application_school_email"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalpartnerorganisation", name="calendar_token"),
        migrations.RemoveField(model_name="historicalstudentofficer", name="calendar_token"),
        migrations.RemoveField(model_name="partnerorganisation", name="calendar_token"),
        migrations.AddField(
            model_name="partnercontact",
            name="calendar_token",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_contact_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partnercontact",
            name="calendar_token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
