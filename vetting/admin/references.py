"""References in the back office (issue 10): list, filter, search and export for the
recruitment team and the vetting officer, and withdrawing through the service. Never the
answers (they are read on the application's references page) nor the link's token."""

from django.contrib import admin
from django.utils.html import format_html

from kentplacements.admin_tools import DateHierarchyGuardMixin, ServiceOwnedFieldsMixin, run_on_each
from kentplacements.spreadsheets import ExportResource, SafeExportMixin, column, datetime_column

from ..models import Reference
from ..models.references import ANSWER_FIELDS
from ..services.references import references_page, withdraw_reference


class ReferenceResource(ExportResource):
    about = column("About", "about")
    referee = column("Referee", "referee_name")
    email = column("Referee's email", "referee_email")
    relationship = column("Relationship to the applicant", "relationship")
    status = column("Status", "get_status_display")
    link = column("Link", "link_state")
    requested_by = column("Asked by", "requested_by")
    requested_at = datetime_column("Asked", "requested_at")
    reminded_at = datetime_column("Reminded", "reminded_at")
    received_at = datetime_column("Received", "received_at")

    class Meta:
        model = Reference
        fields = (
            "about",
            "referee",
            "email",
            "relationship",
            "status",
            "link",
            "requested_by",
            "requested_at",
            "reminded_at",
            "received_at",
        )


@admin.register(Reference)
class ReferenceAdmin(DateHierarchyGuardMixin, ServiceOwnedFieldsMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("about", "referee_name", "relationship", "status", "link_state", "requested_at", "received_at")
    list_filter = ("status",)
    search_fields = ("about", "referee_name", "referee_email")
    date_hierarchy = "requested_at"
    list_select_related = ("requested_by",)
    resource_classes = [ReferenceResource]
    # the answers live on the references page only; the token never leaves the database
    exclude = ("token_hash", "content_type", "object_id", *ANSWER_FIELDS)
    readonly_fields = ("link_state", "answers")
    actions = ["withdraw_selected"]

    def has_add_permission(self, request):
        return False  # asked for from the application's references page (request_reference)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="answers")
    def answers(self, reference):
        return format_html(
            '<a href="{}">Read them on the application\'s references page</a>', references_page(reference)
        )

    @admin.action(description="Withdraw the selected requests (their links stop working)", permissions=["change"])
    def withdraw_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda r: withdraw_reference(r, by=request.user), "withdrawn")
