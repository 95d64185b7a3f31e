from django.contrib import admin
from django.utils import timezone

from kentplacements.admin_lists import DistinctValuesFilter
from kentplacements.admin_tools import DateHierarchyGuardMixin, run_on_each
from kentplacements.spreadsheets import ExportResource, SafeExportMixin, column, datetime_column, yes_no_column

from . import services
from .enums import NotificationStatus
from .models import Notification
from .selectors import stuck_messages

# Never shown for a sensitive message, in the admin or an export (issue 8 §1): the text
# holds the personal link, and the context the values it was rendered from.
PRIVATE_FIELDS = ("body_text", "body_html", "context")


class NotificationResource(ExportResource):
    """Columns listed one by one, in words: no body and no context, for any message."""

    created = datetime_column("Created", "created_at")
    recipient = column("Recipient", "recipient")
    template = column("Template", "template")
    subject = column("Subject", "subject")
    status = column("Status", "get_status_display")
    attempts = column("Attempts", "attempts")
    sensitive = yes_no_column("Contains a personal link", "sensitive")
    sent = datetime_column("Sent", "sent_at")
    last_error = column("Last error", "last_error")

    class Meta:
        model = Notification
        fields = (
            "created",
            "recipient",
            "template",
            "subject",
            "status",
            "attempts",
            "sensitive",
            "sent",
            "last_error",
        )


class StuckFilter(admin.SimpleListFilter):
    """Issue 8 §2: staff find the messages no worker has picked up, to re-queue them."""

    title = "stuck in the queue"
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [("yes", "Stuck: not picked up in time")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset & stuck_messages()
        return queryset


@admin.register(Notification)
class NotificationAdmin(DateHierarchyGuardMixin, SafeExportMixin, admin.ModelAdmin):
    resource_classes = [NotificationResource]
    list_display = (
        "created_at",
        "recipient",
        "subject",
        "template",
        "status",
        "attempts",
        "sensitive",
        "why",
        "sent_at",
    )
    # issue 13: the templates used are read from their index, not from every row
    list_filter = ("status", StuckFilter, "sensitive", ("template", DistinctValuesFilter), "created_at")
    show_full_result_count = False  # issue 13: one count of the outbox a page, not two
    # Never the body: a search would tell whoever guesses part of a link that it is there.
    search_fields = ("recipient", "subject", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ["resend_selected", "requeue_stuck"]

    def get_fields(self, request, obj=None):
        names = [f.name for f in Notification._meta.fields if f.name != "id"]
        if obj is not None and obj.sensitive:
            names = [name for name in names if name not in PRIVATE_FIELDS]
        names.insert(names.index("status") + 1, "why")
        names[names.index("attachments")] = "attached_files"
        return names

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False  # rows come from services, never by hand

    def has_delete_permission(self, request, obj=None):
        return False  # the outbox is the record of what we told people

    @admin.display(description="attached files")
    def attached_files(self, notification):
        return ", ".join(file["filename"] for file in notification.attachments) or "None"

    @admin.display(description="why it waits")
    def why(self, notification):
        """What staff need to act on a message that is not delivered yet (issue 8 §2)."""
        last_error = f" Last error: {notification.last_error}." if notification.last_error else ""
        if services.hand_over_failed(notification):
            at = timezone.localtime(notification.next_attempt_at)
            return (
                f"Not handed to the worker: the message broker could not be reached at {at:%H:%M} on "
                f"{at.day} {at:%b}; the outbox sweep tries again each minute.{last_error}"
            )
        if services.is_stuck(notification, timezone.now()):
            since = timezone.localtime(services.handed_over_at(notification))
            return (
                f"Waiting for the worker since {since:%H:%M} on {since.day} {since:%b}; "
                f"the worker or the message broker may be down.{last_error}"
            )
        if notification.status == NotificationStatus.FAILED:
            retry = timezone.localtime(notification.next_attempt_at)
            return f"Attempt {notification.attempts} failed; next try at {retry:%H:%M}.{last_error}"
        if notification.status == NotificationStatus.DEAD:
            return f"Gave up after {notification.attempts} attempts.{last_error}"
        return ""

    @admin.action(description="Re-send the selected notifications", permissions=["change"])
    def resend_selected(self, request, queryset):
        def resend(notification):
            services.resend(notification)
            self.log_change(request, notification, "Re-sent from the outbox admin")

        run_on_each(self, request, queryset, resend, "queued again")

    @admin.action(description="Re-queue the selected stuck notifications", permissions=["change"])
    def requeue_stuck(self, request, queryset):
        def requeue(notification):
            services.requeue_stuck(notification)
            self.log_change(request, notification, "Re-queued: it was stuck in the queue")

        run_on_each(self, request, queryset, requeue, "handed to the worker again")
