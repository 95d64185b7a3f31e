"""The recruitment team's read-only view of what happened on placement days; records
are written by escorting officers and staff through the placement-day pages."""

from django.contrib import admin

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ReadOnlyAdminMixin, ServiceOwnedFieldsMixin
from kentplacements.spreadsheets import SafeExportMixin

from ..models import Activity, AttendanceRecord, DynamicRiskAssessment, RiskAssessment
from .exports import (
    ActivityResource,
    AttendanceRecordResource,
    DynamicRiskAssessmentResource,
    RiskAssessmentResource,
)


class ReadOnlyAdmin(ServiceOwnedFieldsMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    pass


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("date", "application", "kind", "escorting_officer")
    resource_classes = [ActivityResource]
    list_filter = ("kind", "date", "application__programme")
    list_select_related = ("application__applicant", "application__programme", "escorting_officer")
    search_fields = ("application__applicant__full_name", "escorting_officer__full_name")


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("application", "owner", "assessed_on", "review_due", "last_reviewed_on")
    resource_classes = [RiskAssessmentResource]
    list_filter = (QueueFilter, "review_due", "application__programme")
    list_select_related = ("application__applicant", "application__programme", "owner")
    search_fields = ("application__applicant__full_name",)


@admin.register(DynamicRiskAssessment)
class DynamicRiskAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "application", "recorded_by")
    resource_classes = [DynamicRiskAssessmentResource]
    list_filter = ("occurred_at", "application__programme")
    list_select_related = ("application__applicant", "application__programme", "recorded_by")
    search_fields = ("application__applicant__full_name", "event")


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(ReadOnlyAdmin):
    list_display = ("date", "application", "present", "note")
    resource_classes = [AttendanceRecordResource]
    list_filter = ("present", "date", "application__programme")
    list_select_related = ("application__applicant", "application__programme")
    search_fields = ("application__applicant__full_name",)
