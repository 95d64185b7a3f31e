"""Render every public page under production settings (issue 8, section 6).

The tests run with DEBUG on and plain static storage (STACK.md), where a template naming
a static file that does not exist renders happily; in production the manifest storage
raises ValueError and the page is a 500. This script, run in its own process by
tests/test_production_pages.py with DEBUG=0, collects the static files into STATIC_ROOT
(a temporary folder), creates a throw-away test database (PostgreSQL when DATABASE_URL
names one), and then:

- checks the check itself: a template naming a missing static file must raise;
- renders every URL the permission matrix opens to anonymous visitors: 200, and every
  /static/ file the page names is served;
- renders the error pages: a missing URL, and every templates/<status>*.html.

It prints one line per page and exits 1 listing what failed.
"""

import os
import re
import sys

STATIC_URL = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kentplacements.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if settings.DEBUG or "Manifest" not in backend:
        print(f"not production settings: DEBUG={settings.DEBUG}, static storage {backend}")
        return 1
    call_command("collectstatic", interactive=False, verbosity=0)
    setup_test_environment()  # the test client's "testserver" host; DEBUG stays off
    from kentplacements.celery import app

    app.conf.task_always_eager = True  # emails the fixtures cause stay in this process
    if connection.vendor != "sqlite":  # never the name the pytest run itself is using
        connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_production"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        failures = check_the_check() + check_public_pages() + check_error_pages()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    for failure in failures:
        print("FAILED", failure)
    return 1 if failures else 0


def check_the_check() -> list[str]:
    """Without this, a storage that quietly accepted missing files would pass every page."""
    from django.template import Context, Template

    try:
        Template("{% load static %}{% static 'no-such-folder/missing.css' %}").render(Context())
    except ValueError as error:
        print(f"ok   a missing static file raises: {error}")
        return []
    return ["a template naming a missing static file rendered without an error"]


def check_public_pages() -> list[str]:
    from django.test import Client

    from tests.matrix import ANONYMOUS, PERSONAS
    from tests.personas import make_persona
    from tests.test_permission_matrix import APP_MATRICES, MATRIX
    from tests.urlwalk import all_routes, sample_url

    people = {name: make_persona(name) for name in PERSONAS if name != ANONYMOUS}
    arguments = {key: value for module in APP_MATRICES for key, value in module.url_arguments(people).items()}
    client, failures = Client(), []
    public = [r for r in all_routes() if r.key in MATRIX and MATRIX[r.key](ANONYMOUS) == "200"]
    for route in public:
        url = sample_url(route.pattern, arguments[route.key]) if route.key in arguments else route.url
        failures += check_page(client, url, 200)
    return failures


def check_page(client, url, status) -> list[str]:
    try:
        response = client.get(url, secure=True, follow=True)
    except Exception as error:  # ValueError from the manifest storage: a missing static file
        return [f"{url}: {type(error).__name__}: {error}"]
    if response.status_code != status:
        return [f"{url}: answered {response.status_code}, expected {status}"]
    # a download (the signed agreement, a calendar file) is streamed: it names no static file
    body = b"".join(response.streaming_content) if response.streaming else response.content
    missing = [
        path
        for path in set(STATIC_URL.findall(body.decode(errors="replace")))
        if client.get(path, secure=True).status_code != 200
    ]
    if missing:
        return [f"{url}: names static files that are not served: {sorted(missing)}"]
    print(f"ok   {status} {url}")
    return []


def check_error_pages() -> list[str]:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory

    failures = check_page(Client(), "/no-such-page/", 404)
    request = RequestFactory().get("/", secure=True)
    for template in sorted(path.name for path in (settings.BASE_DIR / "templates").glob("[1-5][0-9][0-9]*.html")):
        try:
            render_to_string(template, request=request)
        except Exception as error:
            failures.append(f"{template}: {type(error).__name__}: {error}")
        else:
            print(f"ok   {template}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
