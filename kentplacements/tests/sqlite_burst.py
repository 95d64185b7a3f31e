"""Five identical submissions at once against the zero-setup demo's SQLite file (issue 8
§4). Run in a child process by test_sqlite_demo.py, because the test database is in
memory, which neither locks nor journals like the demo's file:

    python -m kentplacements.tests.sqlite_burst /tmp/demo.sqlite3

It migrates a new database file with the project's settings (DATABASE_URL names the
file), presses each button five times at the same moment from five browsers, and prints
JSON: for each form, the five status codes and the number of records made; and every
ERROR logged.
"""

import json
import logging
import os
import sys

TIMES = 5


class ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(f"{record.name}: {record.getMessage()}")


def press_at_once(url, data, *, prepare=lambda client: None):
    from django.test import Client

    from tests.concurrency import at_once

    clients = [Client(raise_request_exception=False) for _ in range(TIMES)]
    for client in clients:
        prepare(client)
    return at_once(lambda client: client.post(url, data).status_code, clients)


def main(database_file):
    os.environ.update(
        DEBUG="1",  # as `make run`
        DATABASE_URL=f"sqlite:///{database_file}",
        EMAIL_URL="dummymail://",
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="kentplacements.settings",
    )
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):  # the demo's locmem cache, tasks in-process
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings

    # One person pressing five times measures the database; the per-email limits (issue 13)
    # would answer some presses 429 before they reach it.
    for form in ("partner_register", "work_experience_interest"):
        settings.ACCOUNT_RATE_LIMITS[f"{form}_email"] = ""
    from django.core.management import call_command
    from django.urls import reverse

    from placements.models import ExpressionOfInterest, PartnerOrganisation, WorkExperienceApplication
    from placements.tests.partner_answers import form_data
    from placements.tests.test_work_experience_pages import application_data
    from placements.tests.work_experience_factories import ProgrammeFactory
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    errors = ErrorCollector()
    logging.getLogger().addHandler(errors)

    programme = ProgrammeFactory()
    applicant = UserFactory()
    outcomes = {
        "partner_register": (
            press_at_once(reverse("partner_register"), form_data()),
            PartnerOrganisation.objects.count(),
        ),
        "interest": (
            press_at_once(reverse("we_interest"), {"full_name": "Jo Bloggs", "email": "jo@example.org", "website": ""}),
            ExpressionOfInterest.objects.count(),
        ),
        "apply": (
            press_at_once(
                reverse("we_apply", args=[programme.pk]),
                {**application_data(), "send": "1"},
                prepare=lambda client: client.force_login(applicant),
            ),
            WorkExperienceApplication.objects.filter(applicant=applicant, submitted_at__isnull=False).count(),
        ),
    }
    print(json.dumps({"forms": outcomes, "errors": errors.messages}))


if __name__ == "__main__":
    main(sys.argv[1])
