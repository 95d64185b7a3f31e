from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "vetting"
    verbose_name = "Vetting, consent and agreements"
