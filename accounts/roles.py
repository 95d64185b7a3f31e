"""Roles are Groups (DOMAIN.md §1). The Group rows come from migration 0002; which
model permissions each role holds in the admin is the table below."""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import models


class Role(models.TextChoices):
    # staff: log in with MFA
    RECRUITMENT_TEAM = "recruitment_team", "Corporate Recruitment Team"
    DIVERSITY_PLACEMENTS_OFFICER = "diversity_placements_officer", "Diversity Placements Officer"
    VETTING_OFFICER = "vetting_officer", "Vetting officer"
    ESCORTING_OFFICER = "escorting_officer", "Escorting officer"
    STUDENT_OFFICER = "student_officer", "Student officer"
    HEAD_OF_RESOURCING = "head_of_resourcing", "Head of Resourcing"
    # public
    PARTNER_CONTACT = "partner_contact", "Partner organisation contact"
    APPLICANT = "applicant", "Work-experience applicant"
    VOLUNTEER = "volunteer", "Volunteer"


STAFF_ROLES = frozenset(
    {
        Role.RECRUITMENT_TEAM,
        Role.DIVERSITY_PLACEMENTS_OFFICER,
        Role.VETTING_OFFICER,
        Role.ESCORTING_OFFICER,
        Role.STUDENT_OFFICER,
        Role.HEAD_OF_RESOURCING,
    }
)
# The back office (Django admin) is for the people who run the processes; escorting
# and student officers use their own staff pages only (least privilege).
BACK_OFFICE_ROLES = frozenset(
    {Role.RECRUITMENT_TEAM, Role.DIVERSITY_PLACEMENTS_OFFICER, Role.VETTING_OFFICER, Role.HEAD_OF_RESOURCING}
)

# role -> "app_label.codename" permissions it holds in the admin. Later issues add rows.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.RECRUITMENT_TEAM: [
        # the Work Placement Agreement (issue 10): versions published by an admin action calling
        # the service (change: the action; every field is read-only); agreements and their
        # signatures' evidence read only
        "vetting.view_agreementversion",
        "vetting.change_agreementversion",
        "vetting.view_workplacementagreement",
        "vetting.view_signature",
        "notifications.view_notification",
        "notifications.change_notification",
        "accounts.view_actionlog",
        "accounts.view_user",
        "placements.view_workexperienceprogramme",
        "placements.add_workexperienceprogramme",
        "placements.change_workexperienceprogramme",
        "placements.view_eligibilityquestion",
        "placements.add_eligibilityquestion",
        "placements.change_eligibilityquestion",
        "placements.delete_eligibilityquestion",
        "placements.view_expressionofinterest",
        "placements.view_workexperienceapplication",
        "placements.change_workexperienceapplication",
        "placements.view_attendancerecord",
        "placements.view_activity",
        "placements.view_riskassessment",
        "placements.view_dynamicriskassessment",
        "volunteers.view_volunteerrole",
        "volunteers.add_volunteerrole",
        "volunteers.change_volunteerrole",
        "volunteers.view_recruitmentcampaign",
        "volunteers.add_recruitmentcampaign",
        "volunteers.change_recruitmentcampaign",
        "volunteers.view_volunteerapplication",
        "volunteers.change_volunteerapplication",
        # issue 11: interview times, fitness tests and medical certificates, made on the team's
        # pages; change: the admin actions recording outcomes (every field is read-only)
        "volunteers.view_interviewslot",
        "volunteers.change_interviewslot",
        "volunteers.view_fitnesstest",
        "volunteers.change_fitnesstest",
        "volunteers.view_medicalcertificate",
        "volunteers.change_medicalcertificate",
        # issue 11: the training and the designated powers, written by the services; a power is
        # withdrawn by an admin action (change), each field read-only
        "volunteers.view_trainingcourse",
        "volunteers.view_trainingsession",
        "volunteers.view_trainingattendance",
        "volunteers.view_grantedpower",
        "volunteers.change_grantedpower",
        "volunteers.view_dutylog",  # volunteers' hours (issue 11), logged by the volunteers themselves
        # issue 10: references (their answers on the references page, not the admin)
        "vetting.view_reference",
        "vetting.change_reference",
    ],
    Role.DIVERSITY_PLACEMENTS_OFFICER: [
        "notifications.view_notification",
        "accounts.view_actionlog",
        "placements.view_community",
        "placements.view_partnerorganisation",
        "placements.change_partnerorganisation",
        "placements.view_partnercontact",
        "placements.view_cohort",
        "placements.add_cohort",
        "placements.change_cohort",
        "placements.view_studentofficer",
        "placements.add_studentofficer",
        "placements.change_studentofficer",
        "placements.view_hostingoffer",
        "placements.view_communityplacement",
        "placements.change_communityplacement",
        "placements.view_presentationsession",
        "placements.add_presentationsession",
        "placements.change_presentationsession",
        "placements.view_presentationinvitation",
        "placements.view_placementreflection",
        "placements.view_placementfeedback",
        # local businesses' interest in supporting recruitment (issue 12): from the public form;
        # followed up by admin actions calling the services (change); what they typed can be corrected
        "outreach.view_businessinterest",
        "outreach.change_businessinterest",
        # outreach events (issue 12): added and edited here; published, resized and cancelled by
        # admin actions calling the services; registrations read, cancelled by an action
        "outreach.view_outreachevent",
        "outreach.add_outreachevent",
        "outreach.change_outreachevent",
        "outreach.view_eventregistration",
        "outreach.change_eventregistration",
        # the Positive Action Programme (issue 12): intakes added and edited here; enrolments read,
        # moved by admin actions calling the services (every service field read-only)
        "outreach.view_programmeintake",
        "outreach.add_programmeintake",
        "outreach.change_programmeintake",
        "outreach.view_programmeenrolment",
        "outreach.change_programmeenrolment",
    ],
    # issue 9: the applications in vetting, read-only; issue 10: their vetting checks,
    # changed only through the services' admin actions (vetting/admin/checks.py)
    Role.VETTING_OFFICER: [
        "accounts.view_actionlog",
        "placements.view_workexperienceapplication",
        "vetting.view_vettingcheck",
        "vetting.change_vettingcheck",
        "vetting.view_reference",
        "vetting.change_reference",
    ],
    Role.HEAD_OF_RESOURCING: [
        "accounts.view_actionlog",
        "accounts.view_user",
        "notifications.view_notification",
        "placements.view_partnerorganisation",
        "placements.view_cohort",
        "placements.view_studentofficer",
        "placements.view_hostingoffer",
        "placements.view_communityplacement",
        "placements.view_presentationsession",
        "placements.view_placementfeedback",
        "placements.view_workexperienceprogramme",
        "volunteers.view_recruitmentcampaign",
        # issue 13: the disposal log, read-only (the nightly run alone writes it)
        "retention.view_disposallog",
    ],
}


def sync_role_permissions(app_config=None, **kwargs):
    """Make every role's Group exist (a database flush empties it too) and hold exactly
    the permissions in ROLE_PERMISSIONS. post_migrate is sent once per app, and each app's
    permissions are made by its own signal, so the table is applied once, after the last
    app's: every permission exists by then, and a migrate or a flush (each transactional
    test's teardown) reads the permissions once instead of once per app and role."""
    if app_config is not None and app_config != _last_app_with_models():
        return
    permissions = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type")
    }
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([permissions[name] for name in ROLE_PERMISSIONS.get(role, []) if name in permissions])


def _last_app_with_models():
    """The last app post_migrate is sent for (django.core.management.sql.emit_post_migrate_signal)."""
    return [config for config in django_apps.get_app_configs() if config.models_module is not None][-1]


def role_names(user) -> frozenset[str]:
    """The user's role names, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user, role: str) -> bool:
    return role in role_names(user)


def is_staff_member(user) -> bool:
    """Staff log in with MFA and see the staff dashboard."""
    return user.is_authenticated and (user.is_superuser or bool(role_names(user) & STAFF_ROLES))


def role_labels(user) -> list[str]:
    return [Role(name).label for name in sorted(role_names(user)) if name in Role.values]
