"""``/healthz``: what a load balancer or the compose file's health check asks (issue 13,
"Production readiness"). 200 "ok" when the database and the cache answer, 503
"unavailable" when either does not. The public learns nothing more: which one failed, and
why, goes to the log (the kind of error only, never a connection string).

``HealthCheckMiddleware`` answers the probe before the rest of the stack, so it is never
redirected to HTTPS (a probe inside the compose network speaks plain HTTP to gunicorn),
never refused for its Host header (a probe uses the container's address), never rate
limited, and opens no session and sets no cookie.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)

PATH = "/healthz"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as exc:  # any failure means "not healthy"; the kind goes to the log
        log.warning("Health check: the database does not answer (%s).", type(exc).__name__)
        return False


def cache_answers() -> bool:
    """Redis itself, not the in-memory stand-in that keeps logins working while it is down
    (kentplacements/cache.py): a cache that has fallen back is reported unavailable, so the
    outage shows on the probe."""
    try:
        if hasattr(cache, "ping"):
            return cache.ping()
        probe, value = f"healthz:{uuid.uuid4().hex}", "1"
        cache.set(probe, value, 5)
        answered = cache.get(probe) == value
        cache.delete(probe)
        return answered
    except Exception as exc:
        log.warning("Health check: the cache does not answer (%s).", type(exc).__name__)
        return False


@require_safe
def healthz(request):
    healthy = database_answers() and cache_answers()
    response = HttpResponse("ok" if healthy else "unavailable", status=200 if healthy else 503)
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == PATH:
            return healthz(request)  # a GET or HEAD; any other method is refused there (405)
        return self.get_response(request)
