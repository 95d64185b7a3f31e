"""The disposal log in the back office: read-only (the nightly run alone writes it), with
its CSV export."""

from django.contrib import admin

from kentplacements.admin_tools import DateHierarchyGuardMixin, ReadOnlyAdminMixin
from kentplacements.spreadsheets import SafeExportMixin

from .exports import DisposalLogResource
from .models import DisposalLog


@admin.register(DisposalLog)
class DisposalLogAdmin(DateHierarchyGuardMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("ran_at", "label", "action", "records", "files", "rule")
    list_filter = ("action", "label")
    search_fields = ("label", "rule")
    date_hierarchy = "ran_at"
    resource_classes = [DisposalLogResource]
