from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from kentplacements.admin_tools import DateHierarchyGuardMixin, ReadOnlyAdminMixin, ServiceOwnedFieldsMixin
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

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
        (None, {"fields": ("email", "full_name", "password")}),
        ("Roles", {"fields": ("is_active", "groups"), "description": "A person's roles decide what they may see."}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ("groups",)


@admin.register(ActionLog)
class ActionLogAdmin(DateHierarchyGuardMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("created_at", "actor", "content_type", "object_id", "action", "from_state", "to_state", "reason")
    resource_classes = [ActionLogResource]
    list_filter = ("action", "content_type", "created_at")
    search_fields = ("object_id", "reason", "actor__email")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "created_at"
