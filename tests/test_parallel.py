"""`make test` runs two pytest processes side by side (tests/parallel.py): the browser half
must not share a test database or a Redis database with the other half."""

from tests.parallel import browser_environment, next_redis_database


def test_the_browser_half_has_its_own_test_database_and_redis_database():
    shared = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/kentplacements",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
        "DEBUG": "1",
    }
    browser = browser_environment(shared)
    assert browser["TEST_DATABASE_NAME"] == "test_kentplacements_browser"
    assert browser["REDIS_URL"] == browser["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/2"
    assert browser["DEBUG"] == "1" and shared["REDIS_URL"].endswith("/1")  # the other half keeps its own


def test_on_sqlite_and_without_redis_nothing_needs_separating():
    assert browser_environment({"DEBUG": "1"}) == {"DEBUG": "1"}
    assert "TEST_DATABASE_NAME" not in browser_environment({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"})


def test_the_next_redis_database():
    assert next_redis_database("redis://127.0.0.1:6379/1") == "redis://127.0.0.1:6379/2"
    assert next_redis_database("redis://127.0.0.1:6379") == "redis://127.0.0.1:6379/1"
