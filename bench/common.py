"""What the Django benchmarks share: set Django up for a run from the repo root, and a throwaway
database for it (SQLite in memory by default; with DATABASE_URL pointing at PostgreSQL, a
``bench_<name>`` database next to it, dropped at the end). See bench/README.md."""

import os
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Each outbox message carries its row's id in this header (notifications/delivery.py), so a
# benchmark counts the copies of each in what the mail server received.
NOTIFICATION_HEADER = re.compile(rb"^X-Kent-Placements-Notification: (\d+)\r?$", re.MULTILINE)


def setup_django(*, services: bool = False):
    """``services``: keep REDIS_URL, CELERY_BROKER_URL and EMAIL_URL from the environment (a run
    that measures the worker needs them); otherwise they are dropped."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DEBUG", "1")  # plain static files: no collectstatic needed
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
        if not services:
            os.environ.pop(name, None)  # no broker, cache or mail server is needed
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kentplacements.settings")
    import django

    django.setup()


@contextmanager
def throwaway_database():
    """A fresh, migrated database for the run, dropped when the block ends (even on an error)."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor != "sqlite":
        # not test_<name>: the test suite of the same database may be running
        test_settings["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def load_average() -> str:
    """Printed before the figures: on a shared machine, background load skews the timings."""
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"


def time_get(client, url, runs: int, cpu: list | None = None):
    """GET ``url`` through the test client: a few times to warm caches (templates, content types,
    the session's permissions), once counting queries, then ``runs`` times on the clock.
    Returns (the counted response, its queries, the timings in ms); ``cpu``, a list, also gets
    each request's CPU time in this process, in ms (the database's work is not in it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    connection.queries_log.clear()  # it keeps at most 9,000: the filling left it full
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    timings = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return response, queries.captured_queries, timings


def partner_declined(recipient: str, n: int, reason: str) -> dict:
    """One outbox message as notify_many takes it: a real template (placements/partner_declined),
    so rendering costs what it costs in the product."""
    return {
        "recipient": recipient,
        "template": "placements/partner_declined",
        "context": {
            "contact_name": f"Contact {n}",
            "partner_name": f"Bench charity {n}",
            "reason": reason,
            "team_phone": "01622 690690",
        },
    }
