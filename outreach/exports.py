"""What the outreach back office exports, column by column (issue 8): names and labels,
never an ID, a code or the cancel link's hash."""

from kentplacements.spreadsheets import ExportResource, column, datetime_column

from .models import EventRegistration, OutreachEvent


class OutreachEventResource(ExportResource):
    title = column("Event", "title")
    kind = column("Kind", "get_kind_display")
    starts = datetime_column("Starts", "starts_at")
    ends = datetime_column("Ends", "ends_at")
    venue = column("Venue", "venue")
    address = column("Address", "address")
    audience = column("Who it is for", "audience")
    capacity = column("Places", "capacity")
    places_taken = column("Places taken", "places_taken")
    status = column("Status", "get_status_display")
    cancellation_reason = column("Why cancelled", "cancellation_reason")

    class Meta:
        model = OutreachEvent
        fields = (
            "title",
            "kind",
            "starts",
            "ends",
            "venue",
            "address",
            "audience",
            "capacity",
            "places_taken",
            "status",
            "cancellation_reason",
        )


class EventRegistrationResource(ExportResource):
    event = column("Event", "event")
    full_name = column("Name", "full_name")
    email = column("Email", "email")
    phone = column("Phone", "phone")
    role = column("Role considered", "get_role_considered_display")
    access_needs = column("Access needs", "access_needs")
    status = column("Status", "get_status_display")
    registered = datetime_column("Registered", "registered_at")
    waiting_since = datetime_column("On the waiting list since", "waiting_since")
    cancelled = datetime_column("Cancelled", "cancelled_at")
    attendance = datetime_column("Attendance recorded", "attendance_recorded_at")
    related = ("event",)

    class Meta:
        model = EventRegistration
        fields = (
            "event",
            "full_name",
            "email",
            "phone",
            "role",
            "access_needs",
            "status",
            "registered",
            "waiting_since",
            "cancelled",
            "attendance",
        )
