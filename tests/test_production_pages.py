"""CI renders every public page under production settings: DEBUG off, static files
collected into a temporary STATIC_ROOT and served from whitenoise's manifest storage,
so a template naming a missing static file fails here instead of in production
(issue 8, section 6). The work is done by tests/production_pages.py in its own
process, since settings are read once per process; it uses PostgreSQL when
DATABASE_URL names it, like the rest of `make test`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production_pages import check_page

PROJECT = Path(__file__).resolve().parent.parent
MUST_RENDER = [
    "200 /",
    "200 /work-experience/",
    "200 /partners/register/",
    "200 /accounts/login/",
    "200 /accounts/signup/",
    "200 /accounts/password/reset/",
    "404 /no-such-page/",
    "403_csrf.html",
    "500.html",
]


def test_every_public_page_renders_with_debug_off_and_manifest_static_files(tmp_path, seal_certificate):
    key, cert = seal_certificate  # production has its seal from the environment (the matrix signs an agreement)
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": str(tmp_path / "static"),
        "AGREEMENT_SEAL_KEY": str(key),
        "AGREEMENT_SEAL_CERT": str(cert),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.production_pages"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    # the check can fail: under these settings a missing static file raises
    assert "ok   a missing static file raises: Missing staticfiles manifest entry" in result.stdout, report
    rendered = {line.removeprefix("ok   ") for line in result.stdout.splitlines() if line.startswith("ok   ")}
    assert not [page for page in MUST_RENDER if page not in rendered], report
    assert (tmp_path / "static" / "staticfiles.json").exists()


@pytest.mark.allow_error_logs  # Django logs the 500 the missing file causes
def test_the_checker_reports_a_page_that_names_a_missing_static_file(client, settings, tmp_path, db):
    """The same check in this process: nothing collected into STATIC_ROOT, so every
    static file the landing page names is missing from the manifest."""
    settings.DEBUG = False  # with DEBUG on, the manifest storage gives unhashed names
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    [failure] = check_page(client, "/", 200)
    assert failure.startswith("/: ValueError: Missing staticfiles manifest entry for 'vendor/bootstrap/")
