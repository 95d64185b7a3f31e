from django import forms
from django.contrib import admin
from django.db import models

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from . import admin_steps  # noqa: F401  (registers the interview, fitness and medical admins: issue 11)
from .admin_filters import CampaignFilter
from .exports import RecruitmentCampaignResource, VolunteerApplicationResource
from .forms import RejectForm
from .models import RecruitmentCampaign, VolunteerApplication, VolunteerRole
from .services.applications import APPLICATION_FIELDS, reject_application, shortlist_application
from .services.campaigns import close_campaign, open_campaign
from .services.vetting import start_vetting


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
    actions = ["shortlist_selected", "reject_selected", "start_vetting_selected"]

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
