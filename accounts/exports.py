"""What the accounts back office exports: people by name, email and role, and the action
log in words. Never the password hash, which import-export's every-field resource
exported for every user, staff included (issue 8)."""

from kentplacements.spreadsheets import ExportResource, column, datetime_column, yes_no_column

from .audit import state_label, verb_for, visible_reason
from .models import ActionLog, User
from .roles import Role


class UserResource(ExportResource):
    name = column("Name", "full_name")
    email = column("Email", "email")
    roles = column("Roles")
    active = yes_no_column("Active", "is_active")
    joined = datetime_column("Joined", "date_joined")
    last_login = datetime_column("Last logged in", "last_login")
    prefetch = ("groups",)

    class Meta:
        model = User
        fields = ("name", "email", "roles", "active", "joined", "last_login")

    def dehydrate_roles(self, user):
        labels = dict(Role.choices)
        return ", ".join(labels.get(group.name, group.name) for group in user.groups.all())


class ActionLogResource(ExportResource):
    when = datetime_column("When", "created_at")
    actor = column("By", "actor")
    record_type = column("Record type", "content_type__name")
    record = column("Record", "subject")
    action = column("Action", "action")
    from_state = column("From", "from_state")
    to_state = column("To", "to_state")
    reason = column("Reason", "reason")
    related = ("actor", "content_type")
    # one query per kind of record, not one per row
    prefetch = ("subject",)

    class Meta:
        model = ActionLog
        fields = ("when", "actor", "record_type", "record", "action", "from_state", "to_state", "reason")

    # In words, as the admin shows them (accounts.audit, issue 9), never the stored codes.
    def dehydrate_action(self, entry):
        return verb_for(entry)

    def dehydrate_reason(self, entry):
        return visible_reason(entry, self.viewer)

    def dehydrate_from_state(self, entry):
        return state_label(entry, entry.from_state)

    def dehydrate_to_state(self, entry):
        return state_label(entry, entry.to_state)
