"""The Celery app. Every notification is delivered by a task (design card).

Periodic jobs live in ``beat_schedule`` (STACK.md: never schedule reminders with
``countdown``/``eta`` on Redis; store a due time and let a beat task sweep).
"""

import os

from celery import Celery, signals

from kentplacements import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kentplacements.settings")

app = Celery("kentplacements")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# A task's log lines carry the ID of the request that queued it (kentplacements/logs.py),
# or the task's own ID when beat or another task queued it.
@signals.before_task_publish.connect
def _send_request_id(headers=None, **kwargs):
    rid = logs.request_id.get()
    if headers is not None and rid != logs.NO_REQUEST:
        headers.setdefault("request_id", rid)


@signals.task_prerun.connect
def _take_request_id(task_id=None, task=None, **kwargs):
    if task is None or task.request.is_eager:
        return  # run inside the request (the demo, tests): its ID already applies
    rid = logs.safe_request_id(getattr(task.request, "request_id", None))
    logs.request_id.set(rid or task_id or logs.NO_REQUEST)


@signals.task_postrun.connect
def _drop_request_id(task=None, **kwargs):
    if task is None or task.request.is_eager:
        return
    logs.request_id.set(logs.NO_REQUEST)
