from datetime import datetime

from django import forms
from django.contrib import admin
from django.db import models

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ReadOnlyAdminMixin, ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from .exports import DutyLogResource, RecruitmentCampaignResource, VolunteerApplicationResource
from .forms import RejectForm
from .models import DutyLog, RecruitmentCampaign, VolunteerApplication, VolunteerRole
from .months import last_day_of, month_name
from .services.applications import APPLICATION_FIELDS, reject_application, shortlist_application
from .services.campaigns import close_campaign, open_campaign


@admin.register(VolunteerRole)
class VolunteerRoleAdmin(ServiceOwnedFieldsMixin, SimpleHistoryAdmin):
    list_display = ("name", "minimum_age", "monthly_hours", "needs_fitness_test", "needs_medical_certificate")
    search_fields = ("name",)
    # Four powers (seed 002): plain tick boxes. The admin's two-list filter widget carries ARIA
    # attributes that axe refuses on its help icon (WCAG 4.1.2).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(RecruitmentCampaign)
class RecruitmentCampaignAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "area", "opens_at", "closes_at", "status")
    resource_classes = [RecruitmentCampaignResource]
    list_filter = ("status", "role")
    list_select_related = ("role",)
    search_fields = ("title", "area", "role__name")
    # The status changes only through the services (RecruitmentCampaign.SERVICE_OWNED_FIELDS).
    actions = ["open_selected", "close_selected"]

    @admin.action(description="Open for applications", permissions=["change"])
    def open_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: open_campaign(c, by=request.user), "opened")

    @admin.action(description="Close for applications", permissions=["change"])
    def close_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: close_campaign(c, by=request.user), "closed")


class CampaignFilter(admin.SimpleListFilter):
    """The campaigns by name, their roles read in the same query (a campaign is named by its role)."""

    title = "campaign"
    parameter_name = "campaign"

    def lookups(self, request, model_admin):
        return [(campaign.pk, str(campaign)) for campaign in RecruitmentCampaign.objects.select_related("role")]

    def queryset(self, request, queryset):
        return queryset.filter(campaign=self.value()) if self.value() else queryset


@admin.register(VolunteerApplication)
class VolunteerApplicationAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("applicant", "campaign", "status", "submitted_at")
    resource_classes = [VolunteerApplicationResource]
    list_filter = (QueueFilter, "status", CampaignFilter)
    list_select_related = ("applicant", "campaign__role")
    search_fields = ("applicant__full_name", "applicant__email", "campaign__title", "campaign__area")
    # Every status change goes through a service (VolunteerApplication.SERVICE_OWNED_FIELDS);
    # the campaign and the answers are the applicant's own, read here, never rewritten.
    readonly_fields = ("applicant", "campaign", *APPLICATION_FIELDS)
    actions = ["shortlist_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False  # applications come from applicants, never typed in

    @admin.action(description="Shortlist", permissions=["change"])
    def shortlist_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda a: shortlist_application(a, by=request.user), "shortlisted")

    @admin.action(description="Reject (with a reason)…", permissions=["change"])
    def reject_selected(self, request, queryset):
        """The reason is required (issue 11), so this asks for it first."""
        return run_with_form(
            self,
            request,
            queryset,
            form_class=RejectForm,
            service=lambda application, reason: reject_application(application, by=request.user, reason=reason),
            done="rejected",
            title="Reject volunteer applications",
            explanation="These applications will not be taken further, and each applicant emailed the reason:",
            submit_label="Reject them",
        )


class DutyCampaignFilter(CampaignFilter):
    def queryset(self, request, queryset):
        return queryset.filter(application__campaign=self.value()) if self.value() else queryset


class MonthFilter(admin.SimpleListFilter):
    """The months that have duties, newest first (issue 11: hours count by the month)."""

    title = "month"
    parameter_name = "month"

    def lookups(self, request, model_admin):
        return [(f"{month:%Y-%m}", month_name(month)) for month in DutyLog.objects.dates("date", "month", "DESC")]

    def queryset(self, request, queryset):
        try:
            month = datetime.strptime(self.value() or "", "%Y-%m").date()
        except ValueError:
            return queryset  # no month chosen, or one typed into the address that is no month
        return queryset.filter(date__gte=month, date__lte=last_day_of(month))


@admin.register(DutyLog)
class DutyLogAdmin(ServiceOwnedFieldsMixin, ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    """Read only: volunteers log, correct and remove their own duties (volunteers.services.hours);
    the team reads the months' totals on the "Volunteer hours" page."""

    list_display = ("date", "volunteer", "campaign", "figure", "activity")
    resource_classes = [DutyLogResource]
    list_filter = (DutyCampaignFilter, MonthFilter)
    list_select_related = ("application__applicant", "application__campaign__role")
    search_fields = ("application__applicant__full_name",)

    @admin.display(description="volunteer", ordering="application__applicant__full_name")
    def volunteer(self, duty):
        return duty.application.applicant

    @admin.display(description="campaign")
    def campaign(self, duty):
        return duty.application.campaign

    @admin.display(description="hours", ordering="hours")
    def figure(self, duty):
        return duty.figure
