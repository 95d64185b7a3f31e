"""Project-wide test harness: personas, strictness, query-count pinning.

STYLE.md: tests fail on a logged error and on an undefined template variable.
"""

import logging
import os
import sys
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would refuse
# ORM calls from it (STACK.md "Browser tests on our machines").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.personas import *  # noqa: F403  (persona fixtures)
from tests.querycount import *  # noqa: F403  (assert_query_count_constant)
from vetting.tests.seal_fixtures import *  # noqa: F403  (the seal certificate of the session)

PROJECT_DIR = Path(__file__).resolve().parent
THIRD_PARTY = (PROJECT_DIR / ".venv", PROJECT_DIR / "node_modules")


# tests/parallel.py runs the browser tests and these apps' tests in one process and the rest
# in the other: measured in CI (2026-12-01), the browser tests alone took 700 s beside 1,231 s
# for the rest, and CI must finish in 20 minutes. Move an app here or back when the halves drift.
BESIDE_THE_BROWSER_TESTS = ("outreach",)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.relative_to(PROJECT_DIR).parts[0] in BESIDE_THE_BROWSER_TESTS:
            item.add_marker(pytest.mark.beside_browser)


class UndefinedTemplateVariable(str):
    """``string_if_invalid`` that fails the test when one of *our* templates uses an
    undefined variable. Third-party templates (admin, allauth) rely on undefined
    variables rendering empty, so they are left alone."""

    def __new__(cls):
        return super().__new__(cls, "%s")

    def __mod__(self, variable):
        origin = self._our_template()
        if origin:
            pytest.fail(f"Undefined template variable {variable!r} in {origin}")
        return ""

    @staticmethod
    def _our_template():
        """The template of the innermost node being rendered, if it is one of ours. The frames
        are walked by hand: inspect.stack() reads every frame's source and took 0.3 s a call,
        and the admin's and allauth's templates call this many times a page."""
        frame = sys._getframe(2)  # above this and __mod__
        while frame is not None:
            if frame.f_code.co_name in ("render", "render_annotated"):
                origin = getattr(frame.f_locals.get("self"), "origin", None)
                name = getattr(origin, "name", None)
                if name:
                    path = Path(name)
                    ours = path.is_relative_to(PROJECT_DIR) and not any(path.is_relative_to(p) for p in THIRD_PARTY)
                    return name if ours else None
            frame = frame.f_back
        return None


@pytest.fixture(autouse=True)
def _strict_and_fast(settings):
    settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = UndefinedTemplateVariable()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Files uploaded by a test go to its own temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters, used TOTP codes and cached public pages live in the caches:
    start each test clean."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Deliver tasks in-process in tests, whatever broker the environment names."""
    from kentplacements.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fail_on_logged_error(request, caplog):
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("allow_error_logs"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("Logged errors: " + "; ".join(f"{r.name}: {r.getMessage()}" for r in errors))
