from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.text import capfirst

from kentplacements.admin_tools import DateHierarchyGuardMixin, ReadOnlyAdminMixin, ServiceOwnedFieldsMixin
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from .audit import action_words, describe, reads_every_reason, viewable_kinds, visible_entries
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


class ActionFilter(admin.SimpleListFilter):
    """The actions of the entries the viewer may see, in words ("approved")."""

    title = "what happened"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = model_admin.get_queryset(request).order_by().values_list("action", flat=True).distinct()
        return sorted(((action, action_words(action)) for action in actions), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class RecordKindFilter(admin.SimpleListFilter):
    """Only the kinds of record the viewer may see (the rule of accounts.audit)."""

    title = "kind of record"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = viewable_kinds(request.user)
        kinds = ContentType.objects.all() if kinds is None else kinds
        return sorted(((str(kind.pk), capfirst(kind.name)) for kind in kinds), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        # ``kind`` is typed into the address by anyone: a number, or nothing is filtered
        return queryset.filter(content_type_id=self.value()) if (self.value() or "").isdigit() else queryset


@admin.register(ActionLog)
class ActionLogAdmin(DateHierarchyGuardMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    """Issue 9: each back-office role reads the entries of the records it may see, in words
    with names, a sensitive reason only with the permission it needs: the one rule of
    accounts.audit (visible_entries, visible_reason), which the staff home's "Recent
    changes" follows too, applied to the list, the record, the search, the filters and the
    export (which is made from this admin's queryset)."""

    resource_classes = [ActionLogResource]
    list_display = ("created_at", "change", "states", "reason_shown")
    list_filter = (ActionFilter, RecordKindFilter, "created_at")
    date_hierarchy = "created_at"
    fields = ("created_at", "change", "states", "reason_shown")
    readonly_fields = fields

    def get_queryset(self, request):
        return visible_entries(request.user)

    def get_search_fields(self, request):
        # actor__full_name: people are searched by name, as the log shows them
        return ("actor__email", "actor__full_name", *(("reason",) if reads_every_reason(request.user) else ()))

    def get_changelist_instance(self, request):
        """The page's entries in words, one query per kind of record on the page."""
        changelist = super().get_changelist_instance(request)
        entries = list(changelist.result_list)
        for entry, change in zip(entries, describe(entries, request.user), strict=True):
            entry.change_in_words = change
        return changelist

    def get_object(self, request, object_id, from_field=None):
        entry = super().get_object(request, object_id, from_field)
        if entry is not None:
            [entry.change_in_words] = describe([entry], request.user)
        return entry

    @admin.display(description="What happened")
    def change(self, entry):
        change = entry.change_in_words
        record = format_html('<a href="{}">{}</a>', change.url, change.record) if change.url else change.record
        return format_html("{} {} {}", change.actor, change.verb, record)

    @admin.display(description="Status")
    def states(self, entry):
        return entry.change_in_words.states

    @admin.display(description="Reason")
    def reason_shown(self, entry):
        return entry.change_in_words.reason


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
