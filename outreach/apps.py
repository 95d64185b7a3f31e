from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "Outreach and positive action"

    def ready(self):
        from .equality import rules  # noqa: F401  (who reads the equality reports, issue 12)
