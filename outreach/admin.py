"""The Diversity Placements Officer's back office for outreach events (issue 12): add and
edit an event, then publish it, change its places or cancel it through actions that call
the services (which tell the people registered); find, filter and export registrations,
and cancel one for the person. The cancel link's hash is never shown (STYLE.md)."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from .exports import EventRegistrationResource, OutreachEventResource
from .forms import CancelEventForm, PlacesForm
from .models import EventRegistration, OutreachEvent
from .selectors import with_waiting
from .services.events import cancel_event, change_event_details, change_places, change_problem, publish_event
from .services.registrations import cancel_registration

LINK_FIELDS = ("token_hash", "link_expires_at", "link_used_at")


class OutreachEventForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and (problem := change_problem(self.instance, self.changed_data)):
            raise forms.ValidationError(problem)
        return cleaned


@admin.register(OutreachEvent)
class OutreachEventAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    form = OutreachEventForm
    list_display = ("title", "kind", "starts_at", "venue", "capacity", "places_taken", "waiting", "status")
    list_filter = (QueueFilter, "status", "kind")
    search_fields = ("title", "venue", "address")
    resource_classes = [OutreachEventResource]
    readonly_fields = ("cancellation_reason", "staff_page")
    actions = ["publish_selected", "change_places_selected", "cancel_selected"]

    def get_queryset(self, request):
        return with_waiting(super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        """An edit goes through the service, which tells the people registered of a new time
        or place (a new event is only saved: nobody has registered yet)."""
        if not change:
            return super().save_model(request, obj, form, change)
        told = change_event_details(obj, by=request.user, changes={n: form.cleaned_data[n] for n in form.changed_data})
        if told:
            self.message_user(
                request, f"{told} people registered or waiting have been emailed the change.", messages.INFO
            )

    @admin.display(description="waiting", ordering="waiting")
    def waiting(self, event):
        return event.waiting

    @admin.display(description="registrations")
    def staff_page(self, event):
        if event.pk is None:
            return "Shown once the event is saved."
        url = reverse("outreach_staff_event", args=[event.pk])
        return format_html('<a href="{}">Registrations and attendance</a>', url)

    @admin.action(description="Publish (show on the public listing)", permissions=["change"])
    def publish_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda e: publish_event(e, by=request.user), "published")

    @admin.action(description="Change the number of places…", permissions=["change"])
    def change_places_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=PlacesForm,
            service=lambda event, capacity: change_places(event, by=request.user, capacity=capacity),
            done="given the new number of places; anyone given a place from the waiting list has been emailed",
            title="Change the number of places",
            explanation="These events will have the new number of places:",
            submit_label="Change the places",
        )

    @admin.action(description="Cancel the event (with a reason)…", permissions=["change"])
    def cancel_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=CancelEventForm,
            service=lambda event, reason: cancel_event(event, by=request.user, reason=reason),
            done="cancelled; everyone registered or waiting has been emailed",
            title="Cancel outreach events",
            explanation="These events will be cancelled, and everyone registered or waiting emailed the reason:",
            submit_label="Cancel them",
        )


class EventFilter(admin.SimpleListFilter):
    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        return [(event.pk, str(event)) for event in OutreachEvent.objects.order_by("-starts_at")]

    def queryset(self, request, queryset):
        return queryset.filter(event=self.value()) if self.value() else queryset


@admin.register(EventRegistration)
class EventRegistrationAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("full_name", "event", "role_considered", "status", "registered_at")
    list_filter = ("status", EventFilter, "role_considered")
    list_select_related = ("event",)
    search_fields = ("full_name", "email", "event__title")
    resource_classes = [EventRegistrationResource]
    # The person's own answers, read here; the link is theirs alone: only its state shows.
    exclude = LINK_FIELDS
    readonly_fields = ("full_name", "email", "phone", "role_considered", "access_needs", "link_state")
    actions = ["cancel_selected"]

    def has_add_permission(self, request):
        return False  # people register on the public form

    @admin.display(description="cancel link")
    def link_state(self, registration):
        return registration.link_state

    @admin.action(description="Cancel the registration (the place goes to the first waiting)", permissions=["change"])
    def cancel_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda r: cancel_registration(r, by=request.user), "cancelled and emailed")


# the Positive Action Programme's back office lives with its code (issue 12)
# local businesses' interest in supporting recruitment (issue 12): its own module
from .businesses import admin as _businesses_admin  # noqa: E402, F401
from .programme import admin as programme_admin  # noqa: E402, F401
