import pytest
from django.contrib.auth.models import Group, Permission

from accounts.models import ActionLog
from accounts.roles import BACK_OFFICE_ROLES, ROLE_PERMISSIONS, STAFF_ROLES, Role, has_role, is_staff_member
from accounts.services import assign_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_has_its_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_every_permission_named_for_a_role_exists_and_is_granted():
    for role, names in ROLE_PERMISSIONS.items():
        granted = {
            f"{app}.{codename}"
            for app, codename in Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        for name in names:
            app_label, codename = name.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), name
        assert granted == set(names), role


@pytest.mark.parametrize("role", list(Role))
def test_admin_access_follows_the_role(role):
    user = UserFactory(roles=[role])
    assert has_role(user, role)
    assert is_staff_member(user) == (role in STAFF_ROLES)
    assert user.is_staff == (role in BACK_OFFICE_ROLES)


def test_a_person_without_roles_is_not_staff():
    user = UserFactory()
    assert not is_staff_member(user)
    assert not user.is_staff


def test_deactivated_back_office_user_loses_admin_access():
    user = UserFactory(roles=[Role.RECRUITMENT_TEAM], is_active=False)
    assert not user.is_staff


def test_assigning_a_role_is_recorded_in_the_action_log():
    manager = UserFactory(roles=[Role.HEAD_OF_RESOURCING])
    user = UserFactory()
    assign_role(user, Role.VETTING_OFFICER, by=manager, reason="joined the vetting unit")
    entry = ActionLog.objects.filter(object_id=str(user.pk), action="assign_role").get()
    assert (entry.actor, entry.to_state, entry.reason) == (manager, Role.VETTING_OFFICER, "joined the vetting unit")
    assert has_role(user, Role.VETTING_OFFICER)  # the cached role set was refreshed


def test_role_changes_are_kept_in_the_user_history():
    user = UserFactory()
    assign_role(user, Role.APPLICANT)
    user.save()
    latest = user.history.latest()
    assert [g.group.name for g in latest.groups.all()] == [Role.APPLICANT]


def test_email_is_unique_whatever_its_case():
    from django.db import IntegrityError, transaction

    UserFactory(email="Sam@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="sam@EXAMPLE.org")
