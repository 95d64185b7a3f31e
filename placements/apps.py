from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = "Placements: partner organisations, cohorts and work experience"

    def ready(self):
        from kentplacements.anonymous_cache import watch_public_models

        from . import (
            equality,  # noqa: F401  (applications followed by the equality questions, issue 12)
            own_things,  # noqa: F401  ("Your account", issue 9)
            queues,  # noqa: F401  (the staff home's work queues, issue 9)
            retention,  # noqa: F401  (its kinds in the retention schedule, issue 13)
            subject_access,  # noqa: F401  (subject access and erasure, issue 13)
            vetted,  # noqa: F401  (applications as vetting subjects, issue 10)
        )
        from .models import EligibilityQuestion, WorkExperienceProgramme

        # what the cached public pages show (issue 13): the programme list and pages
        watch_public_models(WorkExperienceProgramme, EligibilityQuestion)
