"""The Celery app. Every notification is delivered by a task (design card).

Periodic jobs live in ``beat_schedule`` (STACK.md: never schedule reminders with
``countdown``/``eta`` on Redis; store a due time and let a beat task sweep).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kentplacements.settings")

app = Celery("kentplacements")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
