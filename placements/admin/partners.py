from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.admin_actions import run_on_each
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
        """A reason is required, so this asks for it on a page of its own first."""
        form = DeclineReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            run_on_each(
                self, request, queryset, lambda p: decline_partner(p, by=request.user, reason=reason), "declined"
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Decline partner organisations",
            "opts": self.model._meta,
            "organisations": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "placements/admin/partner_decline.html", context)
