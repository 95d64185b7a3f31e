"""The Content-Security-Policy header built once per process (kentplacements/csp.py) is the
one django-csp would build, and django-csp still builds it when a page asks for more."""

import pytest
from csp.constants import NONCE
from csp.decorators import csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory

from kentplacements.csp import FixedPolicyCSPMiddleware

pytestmark = pytest.mark.django_db


def through_middleware(view, request=None):
    request = request or RequestFactory().get("/")
    middleware = FixedPolicyCSPMiddleware(view)
    return request, middleware(request)


def test_every_response_gets_the_policy_django_csp_builds(client):
    assert client.get("/")["Content-Security-Policy"] == build_policy()
    assert client.get("/cookies/")["Content-Security-Policy"] == build_policy()


def test_a_view_that_changes_the_policy_gets_its_own():
    @csp_update({"img-src": ["https://maps.example.org"]})
    def view(request):
        return HttpResponse("map")

    _request, response = through_middleware(view)
    assert "https://maps.example.org" in response["Content-Security-Policy"]


def test_a_page_that_uses_a_nonce_is_built_by_django_csp(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]}}

    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    request, response = through_middleware(view)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]
