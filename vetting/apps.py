from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "vetting"
    verbose_name = "Vetting, consent and agreements"

    def ready(self):
        from . import (
            deploy_checks,  # noqa: F401  (the seal key's deploy check)
            queues,  # noqa: F401  (the vetting officer's work queues on the staff home)
            retention,  # noqa: F401  (its kinds in the retention schedule, issue 13)
            rules,  # noqa: F401
            subject_access,  # noqa: F401  (subject access and erasure, issue 13)
        )
