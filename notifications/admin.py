from django.contrib import admin
from import_export import resources

from kentplacements.admin_tools import DateHierarchyGuardMixin, run_on_each
from kentplacements.spreadsheets import SafeExportMixin

from . import services
from .models import Notification


class NotificationResource(resources.ModelResource):
    class Meta:
        model = Notification
        fields = ("id", "created_at", "recipient", "template", "subject", "status", "attempts", "sent_at", "last_error")


@admin.register(Notification)
class NotificationAdmin(DateHierarchyGuardMixin, SafeExportMixin, admin.ModelAdmin):
    resource_classes = [NotificationResource]
    list_display = ("created_at", "recipient", "subject", "status", "attempts", "sent_at", "next_attempt_at")
    list_filter = ("status", "template", "created_at")
    search_fields = ("recipient", "subject", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ["resend_selected"]
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "id"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False  # rows come from services, never by hand

    def has_delete_permission(self, request, obj=None):
        return False  # the outbox is the record of what we told people

    @admin.action(description="Re-send the selected notifications", permissions=["change"])
    def resend_selected(self, request, queryset):
        def resend(notification):
            services.resend(notification)
            self.log_change(request, notification, "Re-sent from the outbox admin")

        run_on_each(self, request, queryset, resend, "queued again")
