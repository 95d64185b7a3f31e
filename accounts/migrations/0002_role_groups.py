"""Create one Group per role (DOMAIN.md §1). Role names are frozen here on purpose:
a migration must not change when accounts.roles does."""

from django.db import migrations

ROLES = [
    "recruitment_team",
    "diversity_placements_officer",
    "vetting_officer",
    "escorting_officer",
    "student_officer",
    "head_of_resourcing",
    "partner_contact",
    "applicant",
    "volunteer",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
