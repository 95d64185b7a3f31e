"""Structured logs (issue 13): a request ID on every line, JSON lines in production, and no
personal data in what a public form's submission logs."""

import io
import json
import logging

import pytest
from django.test import Client

from kentplacements import logs
from tests.test_public_forms_fuzz import partner_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the production handler writes (the request ID filter, the JSON formatter), from
    every logger at every level; the SQL echo apart, which only DEBUG turns on."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.RequestIDFilter())
    handler.addFilter(logs.RedactFilter())
    handler.setFormatter(logs.JSONFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("django.db.backends").setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)
    logging.getLogger("django.db.backends").setLevel(logging.NOTSET)


def test_each_line_of_a_request_carries_its_id(client, log_lines):
    response = client.get("/no-such-page/")
    rid = response["X-Request-ID"]
    lines = log_lines()
    assert any(line["logger"] == "django.request" and "Not Found" in line["message"] for line in lines)
    assert {line["request_id"] for line in lines} == {rid}
    assert logs.request_id.get() == logs.NO_REQUEST  # and it ends with the request


def test_a_safe_incoming_id_is_kept_and_an_unsafe_one_replaced(client, log_lines):
    assert client.get("/", HTTP_X_REQUEST_ID="lb-3f2a9c1d-77").headers["X-Request-ID"] == "lb-3f2a9c1d-77"
    for unsafe in ("short", "a" * 65, "abc def ghi", 'x" injected="1', "x\\nFAKE LINE 1234"):
        rid = client.get("/", HTTP_X_REQUEST_ID=unsafe).headers["X-Request-ID"]
        assert rid != unsafe and logs.SAFE_ID.fullmatch(rid)
    two = {client.get("/").headers["X-Request-ID"] for _ in range(2)}
    assert len(two) == 2


def test_a_public_form_logs_no_name_or_email(log_lines, django_capture_on_commit_callbacks):
    target = partner_registration()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(target.url, target.data, HTTP_X_REQUEST_ID="form-request-0001")
        assert response.status_code == 302
        in_request = log_lines()
    # then the emails are handed to Celery (after the test's transaction here) and delivered
    lines = log_lines()
    assert any(line["logger"] == "celery.app.trace" for line in lines), "the outbox's delivery is logged"
    written = json.dumps(lines)
    for personal in ("pat@maidstonemind.example", "Pat Jones", "01622 123456", "ME14 1XX", "Maidstone Mind"):
        assert personal not in written
    assert in_request and {line["request_id"] for line in in_request} == {"form-request-0001"}


def test_the_json_formatter_writes_one_object_a_line_with_the_traceback():
    record = logging.LogRecord("kentplacements", logging.ERROR, __file__, 1, "failed %s", ("x",), None)
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    token = logs.request_id.set("job-12345678")
    try:
        logs.RequestIDFilter().filter(record)
    finally:
        logs.request_id.reset(token)
    line = logs.JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed x" and entry["request_id"] == "job-12345678"
    assert "ValueError: boom" in entry["exception"]


def test_a_celery_task_logs_with_the_id_of_the_request_that_queued_it():
    from kentplacements import celery

    headers = {}
    token = logs.request_id.set("req-abcdef12")
    try:
        celery._send_request_id(headers=headers)
    finally:
        logs.request_id.reset(token)
    assert headers == {"request_id": "req-abcdef12"}

    class Task:
        class request:  # Celery names it so
            is_eager = False
            request_id = "req-abcdef12"

    celery._take_request_id(task_id="task-1", task=Task)
    assert logs.request_id.get() == "req-abcdef12"
    celery._drop_request_id(task=Task)
    assert logs.request_id.get() == logs.NO_REQUEST


def test_tokens_in_paths_and_email_addresses_are_masked(client, log_lines):
    token = "Zq3xYv9_Kp2-Lm8NwR4tBs7"
    client.get(f"/positive-action/cancel/{token}/")
    client.get("/work-experience/interest/unsubscribe/1b4e28ba-2fa1-41d2-883f-0016d3cca427/")
    logging.getLogger("somewhere").warning("sent to %s", "pat.o'neil+x@example.org")
    written = json.dumps(log_lines())
    assert token not in written and "1b4e28ba" not in written and "example.org" not in written
    assert "Not Found: /positive-action/cancel/[token]/" in written and "sent to [email]" in written


@pytest.mark.parametrize(
    "message",
    [
        "Task notifications.tasks.deliver_notification[da9adacc-50ac-4173-9caf-41dd10c3df42] succeeded",
        "Not Found: /placements/staff/cohorts/12/",
        "Redis cache unreachable (ConnectionError); rate limits are held in this process's memory",
        # the public forms' fuzzing sends such paths; masking them once took 40 s a line
        "Not Found: /positive-action/events/cancel/" + "x" * 100_000 + "/",
    ],
    ids=["task", "path", "words", "a 100,000-character path"],
)
def test_ordinary_messages_are_left_alone(message):
    assert logs.redact(message) == message
