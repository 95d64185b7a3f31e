from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "Outreach and positive action"

    def ready(self):
        from kentplacements.anonymous_cache import watch_public_models

        from . import (
            event_equality,  # noqa: F401  (the questions after registering, issue 12)
            queues,  # noqa: F401  (the staff home's work queue, issue 12)
            retention,  # noqa: F401  (its kinds in the retention schedule, issue 13)
            subject_access,  # noqa: F401  (subject access and erasure, issue 13)
        )
        from .businesses import queues as _business_queue  # noqa: F401  (businesses to follow up, issue 12)
        from .businesses import rules as _business_rules  # noqa: F401  (who follows them up, issue 12)
        from .equality import rules  # noqa: F401  (who reads the equality reports, issue 12)
        from .models import OutreachEvent

        # the Positive Action Programme (issue 12): its equality source, "Your account", queues and rules
        from .programme import equality, own_things  # noqa: F401
        from .programme import queues as programme_queues  # noqa: F401
        from .programme import rules as programme_rules  # noqa: F401

        # what the cached public pages show (issue 13): the event list and pages; the places
        # left move by UPDATE, so services/registrations.py forgets the pages itself
        watch_public_models(OutreachEvent)
