"""The Diversity Placements Officer's back office for businesses' interest (issue 12): find,
filter and export them, and record the follow-up through actions calling the services.
Businesses register on the public form, so nothing is added here; what they typed can be
corrected, what the services write is read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.spreadsheets import SafeExportMixin

from .exports import BusinessInterestResource
from .forms import ContactedForm, NotTakenForwardForm
from .models import BusinessInterest
from .services import mark_contacted, mark_supporting, not_taken_forward


@admin.register(BusinessInterest)
class BusinessInterestAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("business_name", "area", "contact_name", "status", "received_at", "contacted_by")
    list_filter = (
        QueueFilter,
        "status",
        "offers_venue",
        "offers_promotion",
        "offers_sponsorship",
        "offers_mentoring",
        "offers_other",
    )
    list_select_related = ("contacted_by",)
    search_fields = ("business_name", "contact_name", "email", "area")
    resource_classes = [BusinessInterestResource]
    readonly_fields = ("staff_page",)
    actions = ["mark_contacted_selected", "mark_supporting_selected", "not_taken_forward_selected"]

    def has_add_permission(self, request):
        return False  # businesses register on the public form

    @admin.display(description="follow up")
    def staff_page(self, interest):
        url = reverse("outreach_staff_business", args=[interest.pk])
        return format_html('<a href="{}">The business\'s follow-up page</a>', url)

    @admin.action(description="Record that they were contacted (with a note)…", permissions=["change"])
    def mark_contacted_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=ContactedForm,
            service=lambda interest, note: mark_contacted(interest, by=request.user, note=note),
            done="recorded as contacted",
            title="Record that businesses were contacted",
            explanation="These businesses will be recorded as contacted, with this note:",
            submit_label="Record the contact",
        )

    @admin.action(
        description="Record that they are supporting recruitment (emails a thank-you)", permissions=["change"]
    )
    def mark_supporting_selected(self, request, queryset):
        run_on_each(
            self,
            request,
            queryset,
            lambda interest: mark_supporting(interest, by=request.user),
            "recorded as supporting recruitment and thanked by email",
        )

    @admin.action(description="Record as not taken forward (with a reason)…", permissions=["change"])
    def not_taken_forward_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=NotTakenForwardForm,
            service=lambda interest, reason: not_taken_forward(interest, by=request.user, reason=reason),
            done="recorded as not taken forward",
            title="Record businesses as not taken forward",
            explanation="These businesses' interest will be closed, for this reason (they are not emailed):",
            submit_label="Record as not taken forward",
        )
