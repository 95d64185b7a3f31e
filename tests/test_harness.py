"""The harness's strictness (conftest.py): an undefined variable in one of our templates fails
the test; in a third party's template (the admin's, allauth's) it renders empty, as they expect."""

import pytest
from django.template import Context, Template
from django.template.base import Origin

from conftest import PROJECT_DIR


def template_at(path):
    return Template("Hello {{ nobody_set_this }}", origin=Origin(str(path)))


def test_an_undefined_variable_in_our_template_fails_the_test():
    with pytest.raises(pytest.fail.Exception, match="nobody_set_this"):
        template_at(PROJECT_DIR / "templates" / "example.html").render(Context())


def test_an_undefined_variable_in_a_third_partys_template_renders_empty():
    assert template_at(PROJECT_DIR / ".venv" / "admin" / "example.html").render(Context()) == "Hello "
