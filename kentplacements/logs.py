"""Structured logs with a request ID on every line (issue 13, "Production readiness").

- ``RequestIDMiddleware`` takes the ID a proxy sent in ``X-Request-ID`` when it is safe
  (letters, digits, ``-``, ``_``, ``.``; 8 to 64 characters: nothing a log reader could
  mistake for another field or line), or makes one; it is echoed on the response so a
  person reporting a problem can quote it, and held in a context variable for the
  request's lifetime.
- ``RequestIDFilter`` puts that ID on every log record (``-`` outside a request); a Celery
  task carries the ID of the request that queued it (``kentplacements/celery.py``).
- ``JSONFormatter`` writes one JSON object per line in production; with DEBUG the plain
  format stays readable.

Messages still carry IDs only, never names or email addresses (STYLE.md; seed 001 §8.2).
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
NO_REQUEST = "-"

request_id = contextvars.ContextVar("request_id", default=NO_REQUEST)


def new_request_id() -> str:
    return uuid.uuid4().hex


def safe_request_id(value: str | None) -> str | None:
    """The incoming ID if it is safe to write into a log line, else None."""
    if value and SAFE_ID.fullmatch(value):
        return value
    return None


class RequestIDMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = safe_request_id(request.headers.get(HEADER)) or new_request_id()
        request.request_id = rid
        request_id.set(rid)
        response = self.get_response(request)
        response[HEADER] = rid
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    """Django logs an error response ("Service Unavailable: ...") after the middleware has
    returned, so the ID is dropped only once the response is finished."""
    request_id.set(NO_REQUEST)


class RequestIDFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


# A safety net under "messages carry IDs only": Django logs the path of every 4xx and 5xx
# ("Not Found: /positive-action/cancel/<token>/"), and the paths of emailed links carry their
# tokens (README "Security"); an email address should never be logged, but if a library logs
# one it is masked too. A token has a capital or a digit somewhere in its 20 or more
# characters (random URL-safe text); a name such as a template's "unlisted_personal_link" has not.
TOKEN_IN_PATH = re.compile(r"(?<=/)(?=[a-z_:-]*[A-Z0-9])[A-Za-z0-9_:-]{20,}(?=[/?#\s]|$)")
# Starts only where a run of address characters starts: tried from inside a run too, a long
# path with no address in it ("Not Found: /…/xxxx…", 100,000 characters) took 40 s to mask.
EMAIL_ADDRESS = re.compile(r"(?<![\w.!#$%&'*+=?^`{|}~-])[\w.!#$%&'*+=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def redact(message: str) -> str:
    return EMAIL_ADDRESS.sub("[email]", TOKEN_IN_PATH.sub("[token]", message))


class RedactFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, request_id, message, and
    the exception's traceback if there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", NO_REQUEST),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
