from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "vetting"
    verbose_name = "Vetting, consent and agreements"

    def ready(self):
        from . import checks  # noqa: F401 - registers the seal key's deploy check
