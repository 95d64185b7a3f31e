"""The recruitment team's read-only view of what happened on placement days; records
are written by escorting officers and staff through the placement-day pages."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ReadOnlyAdminMixin, ServiceOwnedFieldsMixin
from kentplacements.spreadsheets import SafeExportMixin

from ..models import Activity, AttendanceRecord, DynamicRiskAssessment, RiskAssessment
from ..selectors.placement_days import ON_PLACEMENT
from .exports import (
    ActivityResource,
    AttendanceRecordResource,
    DynamicRiskAssessmentResource,
    RiskAssessmentResource,
)


class ReadOnlyAdmin(ServiceOwnedFieldsMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    pass


def participant_page_link(application):
    """The way from a back-office list to the page where the team acts on a participant
    (the risk assessment, the escorting officer): issue 9, the staff home's counts of
    participants without a risk assessment and of overdue reviews open these lists."""
    if application.status not in ON_PLACEMENT:
        return "—"
    url = reverse("staff_participant", args=[application.pk])
    return format_html('<a href="{}">{}\u2019s placement page</a>', url, application.applicant.full_name)


class ParticipantPageColumn:
    """Adds ``participant_page`` to the list for those who act on that page."""

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if request.user.has_perm("placements.supervise_placement_days"):
            return (*columns, "participant_page")
        return columns


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("date", "application", "kind", "escorting_officer")
    resource_classes = [ActivityResource]
    list_filter = ("kind", "date", "application__programme")
    list_select_related = ("application__applicant", "application__programme", "escorting_officer")
    search_fields = ("application__applicant__full_name", "escorting_officer__full_name")


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(ParticipantPageColumn, ReadOnlyAdmin):
    list_display = ("application", "owner", "assessed_on", "review_due", "last_reviewed_on")
    resource_classes = [RiskAssessmentResource]
    list_filter = (QueueFilter, "review_due", "application__programme")
    list_select_related = ("application__applicant", "application__programme", "owner")
    search_fields = ("application__applicant__full_name",)

    @admin.display(description="review it")
    def participant_page(self, assessment):
        return participant_page_link(assessment.application)


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
