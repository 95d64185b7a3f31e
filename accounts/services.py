"""Writes about people and their roles. Each change is recorded in the action log."""

from django.contrib.auth.models import Group
from django.db import transaction

from .audit import record_action
from .roles import Role


@transaction.atomic
def assign_role(user, role: Role, *, by=None, reason: str = ""):
    user.groups.add(Group.objects.get(name=role))
    user.__dict__.pop("_role_names", None)
    record_action(user, action="assign_role", by=by, to_state=role, reason=reason)
