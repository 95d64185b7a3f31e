"""The vetting officer's back office for vetting checks: list, filter, search, export, and
actions that call the services. DOMAIN.md §1: "the only role that sees vetting detail" — no
other role, and no superuser without the role, opens it. The export declares its columns
and leaves the private notes out; the history does not track them (models/checks.py)."""

from django import forms
from django.contrib import admin

from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import ExportResource, SafeExportMixin, column, date_column, datetime_column

from ..models import VettingCheck
from ..rules import decides_checks
from ..services import checks as services


class VettingCheckResource(ExportResource):
    record = column("Record", "record_label")
    check = column("Check", "get_check_type_display")
    required = column("Required for clearance", "required_label")
    status = column("Status", "get_status_display")
    requested = datetime_column("Requested", "requested_at")
    decided_by = column("Decided by", "decided_by")
    decided = datetime_column("Decided", "decided_at")
    expires = date_column("Expires on", "expires_on")
    related = ("content_type", "decided_by")

    class Meta:
        model = VettingCheck
        fields = ("record", "check", "required", "status", "requested", "decided_by", "decided", "expires")


class ClearanceForm(forms.Form):
    expires_on = forms.DateField(
        label="Clearance expires on", required=False, help_text="Leave empty if it does not lapse."
    )


@admin.register(VettingCheck)
class VettingCheckAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("check_type", "record_label", "status", "required", "requested_at", "decided_at", "expires_on")
    list_filter = ("status", "check_type", "required")
    # the record's number, as the vetting officer's page and the application show it
    search_fields = ("=object_id",)
    list_select_related = ("content_type",)
    date_hierarchy = None
    resource_classes = [VettingCheckResource]
    actions = ["start_selected", "clear_selected", "refuse_selected", "withdraw_selected"]

    # --- only the vetting officer ---------------------------------------------------------

    def has_module_permission(self, request):
        return decides_checks(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return decides_checks(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return decides_checks(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False  # checks are requested on the vetting officer's page, or by starting vetting

    def has_delete_permission(self, request, obj=None):
        return False

    # --- actions call the services ---------------------------------------------------------

    @admin.action(description="Start the selected checks", permissions=["change"])
    def start_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda check: services.start_check(check, by=request.user), "started")

    @admin.action(description="Clear the selected checks…", permissions=["change"])
    def clear_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=ClearanceForm,
            service=lambda check, **answers: services.clear_check(check, by=request.user, **answers),
            done="cleared",
            title="Clear vetting checks",
            explanation="These checks will be cleared:",
            submit_label="Clear them",
        )

    @admin.action(description="Refuse the selected checks", permissions=["change"])
    def refuse_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda check: services.refuse_check(check, by=request.user), "refused")

    @admin.action(description="Withdraw the selected checks", permissions=["change"])
    def withdraw_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda check: services.withdraw_check(check, by=request.user), "withdrawn")
