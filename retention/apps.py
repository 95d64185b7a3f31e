from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = "Retention and disposal"

    def ready(self):
        from . import rules  # noqa: F401  (who previews the disposal, issue 13)
