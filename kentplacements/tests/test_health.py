"""/healthz (issue 13): 200 "ok" when the database and the cache answer, 503 "unavailable"
when either does not, with nothing more for the public; never a cookie or a session."""

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from kentplacements import health

pytestmark = pytest.mark.django_db


def probe(**headers):
    return Client(**headers).get("/healthz")


def assert_bare(response):
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_healthy_answers_ok():
    response = probe()
    assert (response.status_code, response.content) == (200, b"ok")
    assert_bare(response)


@pytest.mark.allow_error_logs  # Django logs every 5xx: "Service Unavailable: /healthz"
def test_a_database_that_does_not_answer_is_503_without_details(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server at 10.0.0.5 as kentplacements")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    response = probe()
    assert (response.status_code, response.content) == (503, b"unavailable")
    assert_bare(response)
    # the log names the part and the kind of error, never the connection's details
    assert "database does not answer (OperationalError)" in caplog.text
    assert "10.0.0.5" not in caplog.text


@pytest.mark.allow_error_logs
def test_a_cache_that_does_not_answer_is_503(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionError("Redis at 10.0.0.6")

    for method in ("ping", "set", "get"):  # Redis (ping) or any other cache (set, get)
        if hasattr(cache, method):
            monkeypatch.setattr(cache, method, refuse)
    response = probe()
    assert (response.status_code, response.content) == (503, b"unavailable")
    assert_bare(response)
    assert "cache does not answer (ConnectionError)" in caplog.text and "10.0.0.6" not in caplog.text


@pytest.mark.allow_error_logs
def test_a_cache_that_loses_what_it_was_given_is_503(monkeypatch):
    if hasattr(cache, "ping"):
        monkeypatch.setattr(cache, "ping", lambda: False)
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    assert probe().status_code == 503


@pytest.mark.allow_error_logs
def test_redis_is_asked_itself_not_the_memory_that_stands_in_for_it(settings):
    """While Redis is down the cache answers from memory (kentplacements/cache.py), so
    logins work; the probe must still say the cache is down."""
    from kentplacements.settings import redis_cache

    settings.CACHES = {**settings.CACHES, "default": redis_cache("redis://127.0.0.1:6390/0")}  # nothing listens there
    cache.set("still", "works")  # the fallback answers the site
    assert cache.get("still") == "works"
    assert probe().status_code == 503


def test_the_probe_is_answered_whatever_the_host_and_scheme_and_never_rate_limited(settings):
    """A probe inside the compose network asks gunicorn over plain HTTP by its address: it
    must not be redirected to HTTPS nor refused for the Host header."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["placements.example"]
    answers = {probe(HTTP_HOST="10.0.0.7:8000").status_code for _ in range(50)}
    assert answers == {200}


def test_a_post_is_not_a_probe(client):
    assert client.post("/healthz").status_code == 405
