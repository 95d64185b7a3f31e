from datetime import datetime

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ReadOnlyAdminMixin, ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from . import admin_steps  # noqa: F401  (registers the interview, fitness and medical admins: issue 11)
from .admin_filters import ApplicationCampaignFilter, CampaignFilter
from .exports import (
    DutyLogResource,
    GrantedPowerResource,
    RecruitmentCampaignResource,
    TrainingAttendanceResource,
    VolunteerApplicationResource,
)
from .forms import RejectForm
from .models import (
    DutyLog,
    GrantedPower,
    RecruitmentCampaign,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
    VolunteerApplication,
    VolunteerRole,
)
from .months import last_day_of, month_name
from .services.applications import APPLICATION_FIELDS, reject_application, shortlist_application
from .services.campaigns import close_campaign, open_campaign
from .services.powers import withdraw_power
from .services.training import complete_training, set_up_training
from .services.vetting import start_vetting
from .training_forms import WithdrawPowerForm


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
    actions = ["open_selected", "close_selected", "set_up_training_selected"]

    @admin.action(description="Open for applications", permissions=["change"])
    def open_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: open_campaign(c, by=request.user), "opened")

    @admin.action(description="Close for applications", permissions=["change"])
    def close_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: close_campaign(c, by=request.user), "closed")

    @admin.action(description="Set up the training (five weekends from its training date)", permissions=["change"])
    def set_up_training_selected(self, request, queryset):
        run_on_each(
            self, request, queryset, lambda c: set_up_training(c, by=request.user), "given their training weekends"
        )


@admin.register(VolunteerApplication)
class VolunteerApplicationAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("applicant", "campaign", "status", "submitted_at")
    resource_classes = [VolunteerApplicationResource]
    list_filter = (QueueFilter, "status", CampaignFilter)
    list_select_related = ("applicant", "campaign__role")
    search_fields = ("applicant__full_name", "applicant__email", "campaign__title", "campaign__area")
    # issue 13: one count of the applications a page, not two (a filtered list says "Show all"
    # rather than the total)
    show_full_result_count = False
    # Every status change goes through a service (VolunteerApplication.SERVICE_OWNED_FIELDS);
    # the campaign and the answers are the applicant's own, read here, never rewritten.
    readonly_fields = ("applicant", "campaign", *APPLICATION_FIELDS)
    actions = ["shortlist_selected", "reject_selected", "start_vetting_selected", "complete_training_selected"]

    def has_add_permission(self, request):
        return False  # applications come from applicants, never typed in

    @admin.action(description="Shortlist", permissions=["change"])
    def shortlist_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda a: shortlist_application(a, by=request.user), "shortlisted")

    @admin.action(description="Start vetting", permissions=["change"])
    def start_vetting_selected(self, request, queryset):
        """Issue 11: the vetting checks every volunteer needs, for applications whose earlier steps are done."""
        run_on_each(self, request, queryset, lambda a: start_vetting(a, by=request.user), "sent to vetting")

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

    @admin.action(description="Complete training (every weekend attended)", permissions=["change"])
    def complete_training_selected(self, request, queryset):
        run_on_each(
            self, request, queryset, lambda a: complete_training(a, by=request.user), "moved to Active volunteer"
        )


# --- training and designated powers (issue 11) ------------------------------------------------


class ReadOnlyAdmin(ServiceOwnedFieldsMixin, ReadOnlyAdminMixin, SafeExportMixin, SimpleHistoryAdmin):
    """Written by the services only (the team's training page and application page)."""


class TrainingSessionInline(ServiceOwnedFieldsMixin, admin.TabularInline):
    """The weekends, read here; changed on the campaign's training page (reschedule_session
    emails the trainees)."""

    model = TrainingSession
    fields = ("starts_at", "ends_at", "location")
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingCourse)
class TrainingCourseAdmin(ServiceOwnedFieldsMixin, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("campaign", "set_up_by", "set_up_at", "training_page")
    list_select_related = ("campaign__role", "set_up_by")
    search_fields = ("campaign__title", "campaign__area")
    inlines = [TrainingSessionInline]

    @admin.display(description="registers and weekends")
    def training_page(self, course):
        url = reverse("volunteer_staff_training", args=[course.campaign_id])
        return format_html('<a href="{}">The training page</a>', url)


class TrainingCampaignFilter(CampaignFilter):
    field = "session__course__campaign"


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(ReadOnlyAdmin):
    list_display = ("application", "session", "attended", "recorded_by", "recorded_at")
    resource_classes = [TrainingAttendanceResource]
    list_filter = ("attended", TrainingCampaignFilter)
    list_select_related = (
        "application__applicant",
        "application__campaign__role",
        "session__course__campaign__role",
        "recorded_by",
    )
    search_fields = ("application__applicant__full_name", "application__applicant__email")


class HeldFilter(admin.SimpleListFilter):
    title = "held now"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", "Held now"), ("no", "Withdrawn")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_on__isnull=self.value() == "yes")
        return queryset


@admin.register(GrantedPower)
class GrantedPowerAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    """Granted and withdrawn through the services: the volunteer's application page, and
    the action here."""

    list_display = ("application", "power", "granted_on", "granted_by", "withdrawn_on")
    resource_classes = [GrantedPowerResource]
    list_filter = (HeldFilter, "power", ApplicationCampaignFilter)
    list_select_related = ("application__applicant", "application__campaign__role", "power", "granted_by")
    search_fields = ("application__applicant__full_name", "application__applicant__email")
    actions = ["withdraw_selected"]

    def has_add_permission(self, request):
        return False  # granted on the volunteer's application page, which checks the role's powers

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn, never deleted: the record says what the volunteer could do when

    @admin.action(description="Withdraw (with a reason)…", permissions=["change"])
    def withdraw_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=WithdrawPowerForm,
            service=lambda grant, reason: withdraw_power(grant, by=request.user, reason=reason),
            done="withdrawn",
            title="Withdraw designated powers",
            explanation="These powers will be withdrawn from today, and each volunteer emailed the reason:",
            submit_label="Withdraw them",
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
