from django import forms
from django.contrib import admin

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from ..forms.partners import REASON_TEXT, OrganisationProfileForm
from ..models import PartnerContact, PartnerOrganisation
from ..selectors.partners import find_registered
from ..services.partners import (
    SAME_AS_ANOTHER,
    approve_partner,
    decline_partner,
    reactivate_partner,
    update_partner_profile,
)
from ..validators import normalise_phone
from .exports import PartnerOrganisationResource


class PartnerContactAdminForm(forms.ModelForm):
    """The same phone check as the portal's contact form (phonenumbers, issue 8 §6)."""

    class Meta:
        model = PartnerContact
        fields = ("full_name", "email", "phone", "is_primary")

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return normalise_phone(phone) if phone else ""


class PartnerContactInline(ServiceOwnedFieldsMixin, admin.TabularInline):
    model = PartnerContact
    form = PartnerContactAdminForm
    fields = ("full_name", "email", "phone", "is_primary", "user", "invited_at", "joined_at")
    extra = 0


class DeclineReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are they declined?",
        max_length=REASON_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Each organisation's contacts read this in the email we send them.",
    )


class PartnerOrganisationForm(forms.ModelForm):
    """Staff correct an organisation's details with the checks of the partner's own
    profile page; saving goes through update_partner_profile, which recomputes the
    duplicate key from the new name and postcode (issue 8 §2)."""

    clean_postcode = OrganisationProfileForm.clean_postcode
    clean_registration_number = OrganisationProfileForm.clean_registration_number

    def clean(self):
        cleaned = super().clean()
        if {"name", "postcode", "registration_number"} <= cleaned.keys() and find_registered(
            name=cleaned["name"],
            postcode=cleaned["postcode"],
            registration_number=cleaned["registration_number"],
            exclude=self.instance,
        ):
            raise forms.ValidationError(SAME_AS_ANOTHER)
        return cleaned


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    form = PartnerOrganisationForm
    list_display = ("name", "kind", "kica_member", "district", "status", "created_at")
    resource_classes = [PartnerOrganisationResource]
    list_filter = (QueueFilter, "status", "kind", "kica_member", "district", "communities")
    search_fields = ("name", "postcode", "registration_number", "contacts__email")
    readonly_fields = ("created_at",)
    filter_horizontal = ("communities",)
    inlines = [PartnerContactInline]
    # The same services as the staff pages: each checks the move, logs it and emails.
    actions = ["approve_selected", "decline_selected", "reactivate_selected"]

    def has_add_permission(self, request):
        return False  # organisations register through the public form, which checks for repeats

    def save_model(self, request, obj, form, change):
        profile = {name: form.cleaned_data[name] for name in OrganisationProfileForm.base_fields}
        update_partner_profile(obj, by=request.user, profile=profile)

    def save_related(self, request, form, formsets, change):
        # update_partner_profile has set the communities; the contacts are saved here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

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
