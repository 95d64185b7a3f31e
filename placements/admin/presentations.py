from django import forms
from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin
from kentplacements.workflow import DomainError

from ..forms.presentations import SessionChangeForm
from ..models import PlacementFeedback, PlacementReflection, PresentationInvitation, PresentationSession
from ..services.presentations import WHEN_AND_WHERE, change_session, invite_partners
from .exports import PlacementFeedbackResource, PresentationSessionResource


class PresentationInvitationInline(ServiceOwnedFieldsMixin, admin.TabularInline):
    model = PresentationInvitation
    fields = ("partner", "rsvp_status", "attendees", "attendee_names", "access_needs", "replied_at")
    extra = 0

    # Invitations come from the "Invite partners" action, which emails the contacts; a
    # reply holds seats, so deleting it here would leave seats_taken wrong.
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PresentationSessionForm(forms.ModelForm):
    class Meta:
        model = PresentationSession
        fields = ("cohort", "placement_type", "date", "starts_at", "venue", "room", "capacity", "rsvp_cutoff")

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        taken = self.instance.seats_taken
        if capacity < taken:
            raise forms.ValidationError(f"Partners have already taken {taken} seats; the capacity cannot be lower.")
        return capacity


class SessionMoveForm(SessionChangeForm):
    """The admin action's question. A blank field keeps what each selected session has,
    so several sessions can move to one room at once; change_session checks each."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in WHEN_AND_WHERE:
            field = self.fields[name]
            field.required, field.empty_value = False, None
            field.help_text = "Leave blank to keep what each session has."


@admin.register(PresentationSession)
class PresentationSessionAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    form = PresentationSessionForm
    list_display = ("cohort", "placement_type", "date", "starts_at", "room", "capacity", "seats_taken")
    resource_classes = [PresentationSessionResource]
    list_filter = (QueueFilter, "placement_type", "cohort")
    list_select_related = ("cohort",)
    inlines = [PresentationInvitationInline]
    actions = ["invite_partners_of_round", "change_date_time_or_room"]

    @admin.action(description="Invite partners of this round", permissions=["change"])
    def invite_partners_of_round(self, request, queryset):
        """Seed 000: representatives of each partner organisation that hosted the
        round's officers are "more than welcome to attend these presentations"."""
        for session in queryset.select_related("cohort"):
            try:
                invited = invite_partners(session, by=request.user)
            except DomainError as error:
                self.message_user(request, f"{session}: {error}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{session}: {invited} organisation{pluralize(invited)} newly invited; "
                    "their contacts have been emailed.",
                )

    @admin.action(description="Change date, time or room…", permissions=["change"])
    def change_date_time_or_room(self, request, queryset):
        """Issue 9: the date, time and room are the service's (SERVICE_OWNED_ONCE_ADDED),
        which emails the contacts of every organisation that replied."""
        return run_with_form(
            self,
            request,
            queryset.select_related("cohort"),
            form_class=SessionMoveForm,
            service=lambda session, **answers: change_session(session, by=request.user, **answers),
            done="changed; the contacts of each organisation that replied have been emailed",
            title="Change the date, time or room of presentation sessions",
            explanation="These sessions will change, and the contacts of every organisation that replied emailed:",
            submit_label="Change them and email the partners",
        )


@admin.register(PlacementReflection)
class PlacementReflectionAdmin(ServiceOwnedFieldsMixin, SimpleHistoryAdmin):
    list_display = ("placement", "submitted_at")
    list_select_related = ("placement__officer", "placement__partner")
    # The file is offered through the checked download, never by its MEDIA_URL.
    exclude = ("presentation_file",)
    readonly_fields = ("presentation",)

    def has_add_permission(self, request):
        return False  # the officer sends it from their page (submit_reflection)

    @admin.display(description="presentation file")
    def presentation(self, reflection):
        if not reflection.presentation_file:
            return "None sent"
        return format_html('<a href="{}">Download</a>', reverse("presentation_file", args=[reflection.placement_id]))


@admin.register(PlacementFeedback)
class PlacementFeedbackAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("placement", "rating", "submitted_at")
    resource_classes = [PlacementFeedbackResource]
    list_filter = ("rating",)
    list_select_related = ("placement__officer", "placement__partner")

    def has_add_permission(self, request):
        return False  # the partner gives it from their portal (give_feedback)
