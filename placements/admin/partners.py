from django import forms
from django.contrib import admin

from kentplacements.admin_tools import run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from ..forms.partners import REASON_TEXT
from ..models import PartnerContact, PartnerOrganisation
from ..services.partners import approve_partner, decline_partner, reactivate_partner


class PartnerContactInline(admin.TabularInline):
    model = PartnerContact
    fields = ("full_name", "email", "phone", "is_primary", "user", "invited_at", "joined_at")
    readonly_fields = ("user", "invited_at", "joined_at")
    extra = 0


class DeclineReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are they declined?",
        max_length=REASON_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Each organisation's contacts read this in the email we send them.",
    )


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "kica_member", "district", "status", "created_at")
    list_filter = ("status", "kind", "kica_member", "district", "communities")
    search_fields = ("name", "postcode", "registration_number", "contacts__email")
    readonly_fields = ("status", "status_reason", "created_at")
    filter_horizontal = ("communities",)
    inlines = [PartnerContactInline]
    # The same services as the staff pages: each checks the move, logs it and emails.
    actions = ["approve_selected", "decline_selected", "reactivate_selected"]

    @admin.action(description="Approve (and invite their contacts)", permissions=["change"])
    def approve_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: approve_partner(p, by=request.user), "approved")

    @admin.action(description="Reactivate (look at them again)", permissions=["change"])
    def reactivate_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: reactivate_partner(p, by=request.user), "reactivated")

    @admin.action(description="Decline (with a reason)…", permissions=["change"])
    def decline_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=DeclineReasonForm,
            service=lambda partner, reason: decline_partner(partner, by=request.user, reason=reason),
            done="declined",
            title="Decline partner organisations",
            explanation="These organisations will be declined, and each of their contacts emailed the reason:",
            submit_label="Decline them",
        )
