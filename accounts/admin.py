from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from kentplacements.admin_tools import DateHierarchyGuardMixin, ReadOnlyAdminMixin, ServiceOwnedFieldsMixin
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from .audit import SENSITIVE_REASONS, visible_reason
from .exports import ActionLogResource, UserResource
from .forms import StaffUserChangeForm, StaffUserCreationForm
from .models import ActionLog, User


@admin.register(User)
class UserAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin, DjangoUserAdmin):
    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "last_login", "date_joined")
    resource_classes = [UserResource]
    list_filter = ("is_active", "is_superuser", "groups")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        # Not "password": Django's widget shows the hash's algorithm and the start of its
        # salt and hash. People set their own password from the reset email (issue 8 §1).
        (None, {"fields": ("email", "full_name")}),
        ("Roles", {"fields": ("is_active", "groups"), "description": "A person's roles decide what they may see."}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ("groups",)


@admin.register(ActionLog)
class ActionLogAdmin(DateHierarchyGuardMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    resource_classes = [ActionLogResource]
    list_filter = ("action", "content_type", "created_at")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "created_at"

    # Issue 9: a vetting decision's or a conduct reason's text only for the roles that
    # may read it (accounts.audit.SENSITIVE_REASONS), in the list, the record and the export.
    def get_list_display(self, request):
        def reason(entry):
            return visible_reason(entry, request.user)

        reason.short_description = "Reason"
        return ("created_at", "actor", "content_type", "object_id", "action", "from_state", "to_state", reason)

    def get_search_fields(self, request):
        # a search on the reason would tell whoever guesses part of a withheld one that it is there
        readable = all(request.user.has_perm(permission) for permission in SENSITIVE_REASONS.values())
        return ("object_id", "actor__email", *(("reason",) if readable else ()))

    def get_exclude(self, request, obj=None):
        if obj is not None and visible_reason(obj, request.user) != obj.reason:
            return ("reason",)
        return super().get_exclude(request, obj)

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "viewer": request.user}


# allauth's own admin shows and edits an authenticator's ``data``: the TOTP secret and the
# recovery-code seed. Ours lists who has which second factor and lets an administrator
# remove one (a lost phone), never read or change it (issue 8 §1).
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    exclude = ("data",)
    readonly_fields = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
