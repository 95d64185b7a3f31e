"""Issue 8 §2: the back office changes state only through services. Every registered
ModelAdmin (and inline) of our apps shows its model's SERVICE_OWNED_FIELDS read-only,
on the add form and the change form; a model with a status, counter, key or token field
declares it; and no admin shows a token."""

import re

import pytest
from django.test import RequestFactory

from accounts.roles import ROLE_PERMISSIONS
from kentplacements.admin_tools import service_owned_fields
from tests.admin_registry import label, our_model_admins, third_party_model_admins
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
# Names that say "a service keeps this": statuses, counters, keys and tokens.
SERVICE_LOOKING = re.compile(r"(status|_taken|_confirmed|_key|token)$")
ADMINS = our_model_admins()


@pytest.fixture
def superuser_request():
    """The admin's forms as the person who may do most there sees them."""
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True)
    return request


def forms_of(model_admin, request):
    """(where, form class, adding) for the add form, the change form and each inline's form."""
    record = model_admin.model()
    if model_admin.has_add_permission(request):
        yield "add form", model_admin.get_form(request, None, change=False), True
    yield "change form", model_admin.get_form(request, record, change=True), False
    for inline in model_admin.get_inline_instances(request, record):
        yield f"inline {inline.model._meta.label}", inline.get_formset(request, record).form, False


def models_of(model_admin):
    return [model_admin.model, *(inline.model for inline in model_admin.inlines)]


@pytest.mark.parametrize("model_admin", ADMINS, ids=label)
def test_no_service_owned_field_is_editable(model_admin, superuser_request):
    editable = {}
    for where, form, adding in forms_of(model_admin, superuser_request):
        owned = service_owned_fields(form._meta.model, adding=adding)
        editable[where] = sorted(set(form.base_fields) & set(owned))
    assert all(not names for names in editable.values()), editable


@pytest.mark.parametrize("model_admin", ADMINS, ids=label)
def test_every_status_counter_key_or_token_field_is_declared_service_owned(model_admin):
    for model in models_of(model_admin):
        owned = service_owned_fields(model)
        for name in owned:
            model._meta.get_field(name)  # a misspelt declaration fails here
        looking = {f.name for f in model._meta.concrete_fields if SERVICE_LOOKING.search(f.name)}
        assert looking <= set(owned), f"{model._meta.label}: declare {sorted(looking - set(owned))}"


@pytest.mark.parametrize("model_admin", ADMINS, ids=label)
def test_no_admin_shows_a_token(model_admin, superuser_request):
    """STYLE.md: never show tokens to staff, read-only or not."""
    record = model_admin.model()
    shown = [*model_admin.get_fields(superuser_request, record), *model_admin.get_list_display(superuser_request)]
    for inline in model_admin.get_inline_instances(superuser_request, record):
        shown += inline.get_fields(superuser_request, record)
    assert not [name for name in shown if isinstance(name, str) and name.endswith("token")]


def test_the_admins_we_do_not_own_are_for_superusers_only():
    """Django's and allauth's own admins (groups, email addresses, authenticators) are
    outside the walk above: no role holds a permission on them."""
    theirs = {model_admin.model._meta.app_label for model_admin in third_party_model_admins()}
    granted = {name.split(".")[0] for names in ROLE_PERMISSIONS.values() for name in names}
    assert theirs == {"auth", "account", "mfa"}
    assert not theirs & granted


@pytest.mark.parametrize("model_admin", ADMINS, ids=label)
def test_an_add_form_holds_every_field_a_new_row_needs(model_admin, superuser_request):
    """With its service-owned fields read-only, an add form that lacks a required field
    would end in a database error: such records are added through their services only."""
    if not model_admin.has_add_permission(superuser_request):
        return
    form = model_admin.get_form(superuser_request, None, change=False)
    needed = {
        f.name
        for f in model_admin.model._meta.concrete_fields
        if not (f.null or f.has_default() or f.primary_key or f.empty_strings_allowed)  # text may be ""
        and not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    }
    assert needed <= set(form.base_fields), f"add form lacks {sorted(needed - set(form.base_fields))}"
