from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notification outbox"

    def ready(self):
        from . import (
            queues,  # noqa: F401  (the staff home's work queues, issue 9)
            retention,  # noqa: F401  (the outbox's retention rule, issue 13)
        )
