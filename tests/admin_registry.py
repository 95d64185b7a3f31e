"""The back office as registered (django.contrib.admin.site._registry): our own apps'
ModelAdmins, walked by the admin tests so that a new admin, inline or action is covered
without anyone remembering to add it."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

THIRD_PARTY = Path(settings.BASE_DIR) / ".venv"


def is_ours(model) -> bool:
    path = Path(apps.get_app_config(model._meta.app_label).path)
    return path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(THIRD_PARTY)


def our_model_admins() -> list:
    return [model_admin for model, model_admin in admin.site._registry.items() if is_ours(model)]


def third_party_model_admins() -> list:
    return [model_admin for model, model_admin in admin.site._registry.items() if not is_ours(model)]


def label(model_admin) -> str:
    return model_admin.model._meta.label


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
