"""The permission matrix: every URL pattern × every persona (and anonymous).

The cells' vocabulary is in tests/matrix.py. The test fails when a URL pattern is
missing from the matrix, so a new page cannot ship without someone deciding who may
open it. Each app adds its rows in <app>/tests/matrix.py (MATRIX, and url_arguments()
for pages about one record).
"""

import importlib
from datetime import date, time, timedelta

import pytest
from django.contrib import admin
from django.urls import resolve
from django.utils import timezone

from tests.matrix import (
    ANONYMOUS,
    BACK_OFFICE,
    HOME,
    LOGIN,
    MFA,
    PERSONAS,
    PUBLIC_PAGE,
    REAUTH,
    SIGNED_IN,
    STAFF_ONLY,
    audience,
    home_of,
)
from tests.personas import make_persona
from tests.urlwalk import all_routes, sample_url

ENTRANCE = audience("200", HOME, HOME)  # log in, sign up: signed-in people go home
MFA_SETUP = audience(LOGIN, "200", "200", without_mfa="200")

CORE_MATRIX = {
    "landing": PUBLIC_PAGE,
    "home": audience(LOGIN, HOME, HOME),
    "my_account": SIGNED_IN,
    "staff_dashboard": STAFF_ONLY,
    # allauth
    "account_login": ENTRANCE,
    "account_signup": ENTRANCE,
    "account_logout": audience("→landing", "200", "200", without_mfa="200"),
    "account_inactive": PUBLIC_PAGE,
    "account_reauthenticate": audience(LOGIN, "200", "200", without_mfa="200"),
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC_PAGE,
    "account_change_password": SIGNED_IN,
    "account_set_password": audience(LOGIN, "→account_change_password", "→account_change_password"),
    "account_reset_password": PUBLIC_PAGE,
    "account_reset_password_done": PUBLIC_PAGE,
    "account_reset_password_from_key": PUBLIC_PAGE,
    "account_reset_password_from_key_done": PUBLIC_PAGE,
    "account_confirm_login_code": audience("→account_login", HOME, HOME),
    "account_confirm_email": PUBLIC_PAGE,
    "mfa_index": MFA_SETUP,
    "mfa_authenticate": audience("→account_login", HOME, HOME),
    "mfa_reauthenticate": audience(LOGIN, REAUTH, "200", without_mfa=REAUTH),
    # Changing MFA asks for the password again (allauth reauthentication), so a
    # borrowed, unlocked session cannot switch off a staff member's second factor.
    "mfa_activate_totp": audience(LOGIN, REAUTH, REAUTH),
    "mfa_deactivate_totp": audience(LOGIN, "404", REAUTH, without_mfa=MFA),
    "mfa_view_recovery_codes": audience(LOGIN, "404", REAUTH, without_mfa="404"),
    "mfa_generate_recovery_codes": audience(LOGIN, REAUTH, REAUTH),
    "mfa_download_recovery_codes": audience(LOGIN, "404", REAUTH, without_mfa="404"),
}

# Each app's rows: <app>/tests/matrix.py has MATRIX and url_arguments(people).
APP_MATRICES = [importlib.import_module(name) for name in ("placements.tests.matrix",)]
MATRIX = {**CORE_MATRIX, **{key: row for module in APP_MATRICES for key, row in module.MATRIX.items()}}

# The Django admin: staff with MFA only, and only the back-office roles. Each model is
# open to the roles that hold its permissions (accounts.roles.ROLE_PERMISSIONS):
# model -> (roles who may view, roles who may add and change).
ADMIN_MODELS = {
    "accounts/user": ({"recruiter", "head_of_resourcing"}, set()),
    "accounts/actionlog": (BACK_OFFICE, set()),
    "notifications/notification": ({"recruiter", "diversity_officer", "head_of_resourcing"}, set()),
    # organisations come from the public form, never typed into the admin
    "placements/partnerorganisation": ({"diversity_officer", "head_of_resourcing"}, set()),
    "placements/cohort": ({"diversity_officer", "head_of_resourcing"}, {"diversity_officer"}),
    "placements/studentofficer": ({"diversity_officer", "head_of_resourcing"}, {"diversity_officer"}),
    "placements/hostingoffer": ({"diversity_officer", "head_of_resourcing"}, set()),
    "placements/communityplacement": ({"diversity_officer", "head_of_resourcing"}, set()),
    "placements/presentationsession": ({"diversity_officer", "head_of_resourcing"}, {"diversity_officer"}),
    "placements/placementreflection": ({"diversity_officer"}, set()),
    "placements/placementfeedback": ({"diversity_officer", "head_of_resourcing"}, set()),
    "placements/workexperienceprogramme": ({"recruiter", "head_of_resourcing"}, {"recruiter"}),
    # applications come from applicants; expressions of interest from the public form
    "placements/workexperienceapplication": ({"recruiter"}, set()),
    "placements/expressionofinterest": ({"recruiter"}, set()),
    # what happened on placement days: read-only for the recruitment team
    "placements/activity": ({"recruiter"}, set()),
    "placements/riskassessment": ({"recruiter"}, set()),
    "placements/dynamicriskassessment": ({"recruiter"}, set()),
    "placements/attendancerecord": ({"recruiter"}, set()),
    "volunteers/volunteerrole": ({"recruiter"}, {"recruiter"}),
    "volunteers/recruitmentcampaign": ({"recruiter", "head_of_resourcing"}, {"recruiter"}),
    # nobody but a superuser manages these by hand
    "auth/group": (set(), set()),
    "account/emailaddress": (set(), set()),
    "mfa/authenticator": (set(), set()),
}


def admin_model(route):
    path = route.pattern.removeprefix("admin/")
    return next((model for model in ADMIN_MODELS if path.startswith(model + "/")), None)


def admin_expected(route, persona):
    """Admin pages: anonymous → log in; public, escorting and student officers → 403;
    back office → the page if their role may see that model."""
    if persona == ANONYMOUS:
        return LOGIN
    if persona == "staff_without_mfa":
        return MFA
    if persona not in BACK_OFFICE:
        return "403"
    model = admin_model(route)
    if model is None:
        return ADMIN_SITE_PAGES[route.key]
    viewers, editors = ADMIN_MODELS[model]
    if route.key.endswith("_delete") or route.key.endswith("_password_change"):
        return "403"  # records are never deleted nor passwords set by hand in the admin
    if route.key.endswith("_process_import"):
        return "405"  # the second step of a CSV import is a POST
    if route.key.endswith(("_add", "_import")):
        return "200" if persona in editors else "403"
    if route.pattern.endswith("<path:object_id>/"):
        return f"→admin:{model.replace('/', '_')}_change" if persona in viewers else "403"
    return "200" if persona in viewers else "403"


ADMIN_SITE_PAGES = {
    "admin:index": "200",
    "admin:login": "→admin:index",
    "admin:logout": "405",  # logging out is a POST
    "admin:password_change": "200",
    "admin:password_change_done": "200",
    "admin:autocomplete": "403",
    "admin:jsi18n": "200",
    "admin:view_on_site": "404",
    "admin:app_list": "200",  # the accounts app: every back-office role sees its action log
    "admin/(?P<url>.*)$": "404",
}


def outcome(client, url):
    response = client.get(url, follow=True)
    if response.status_code != 200:
        return str(response.status_code)
    final = response.request["PATH_INFO"]
    if response.redirect_chain and final != url:
        return "→" + (resolve(final).view_name or final)
    return "200"


@pytest.fixture
def people(db):
    """Every persona at once, so pages about one person's record can be tried by all."""
    return {name: make_persona(name) for name in PERSONAS if name != ANONYMOUS}


@pytest.fixture
def url_arguments(people):
    """URL arguments naming real records, per URL name, from each app's matrix module."""
    return {key: value for module in APP_MATRICES for key, value in module.url_arguments(people).items()}


@pytest.fixture
def admin_objects(people):
    """One real record per admin model, so object pages test permissions, not absence."""
    from accounts.models import ActionLog, User
    from notifications.services import queue_rendered
    from placements.models import (
        ExpressionOfInterest,
        PlacementFeedback,
        PlacementReflection,
        PresentationInvitation,
        PresentationSession,
        WorkExperienceProgramme,
    )
    from placements.tests.factories import CommunityPlacementFactory, PartnerContactFactory
    from placements.tests.work_experience_factories import ApplicationFactory, record_placement_day
    from volunteers.models import RecruitmentCampaign, VolunteerRole

    someone = people["recruiter"]  # brings a user, email address, authenticator, log entry
    queue_rendered(recipient=someone.email, template="tests/x", subject="Hello", body_text="Hello")
    placement = CommunityPlacementFactory()
    PartnerContactFactory(organisation=placement.partner)
    PlacementReflection.objects.create(placement=placement, reflection="Learned a lot")
    PlacementFeedback.objects.create(placement=placement, rating=5)
    session = PresentationSession.objects.create(
        cohort=placement.officer.cohort,
        placement_type="two_day",
        date=date(2027, 4, 1),
        starts_at=time(10),
        room="Hall",
        capacity=20,
        rsvp_cutoff=timezone.now(),
    )
    PresentationInvitation.objects.create(session=session, partner=placement.partner)
    application = ApplicationFactory()
    record_placement_day(application, someone)
    ExpressionOfInterest.objects.create(full_name="Ivy Interested", email="ivy.admin@example.org")
    now = timezone.now()
    WorkExperienceProgramme.objects.create(
        title="Summer",
        starts_on=now.date(),
        ends_on=now.date(),
        capacity=5,
        applications_open_at=now,
        applications_close_at=now + timedelta(days=1),
    )
    role = VolunteerRole.objects.create(name="Community Policing Volunteer", monthly_hours=16)
    RecruitmentCampaign.objects.create(role=role, area="West", opens_at=now, closes_at=now + timedelta(days=1))
    ids = {}
    for model_class in admin.site._registry:
        obj = model_class.objects.order_by("pk").first()
        history = getattr(obj, "history", None)
        latest = history.order_by("pk").first() if history is not None else None
        key = f"{model_class._meta.app_label}/{model_class._meta.model_name}"
        ids[key] = {"object_id": str(obj.pk), "history_id": str(latest.pk) if latest else "999999"}
    assert User.objects.exists() and ActionLog.objects.exists()
    return ids


def url_for(route, admin_objects, url_arguments):
    model = admin_model(route) if route.pattern.startswith("admin/") else None
    if model:
        return sample_url(route.pattern, admin_objects[model])
    if route.key in url_arguments:
        return sample_url(route.pattern, url_arguments[route.key])
    return route.url


def expected_for(route, persona):
    if route.pattern.startswith("admin/"):
        return admin_expected(route, persona)
    expected = MATRIX[route.key](persona)
    return home_of(persona) if expected == HOME else expected


def test_every_url_pattern_is_in_the_matrix():
    routes = all_routes()
    missing = [r.key for r in routes if not r.pattern.startswith("admin/") and r.key not in MATRIX]
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"
    admin_unknown = [
        r.key
        for r in routes
        if r.pattern.startswith("admin/") and admin_model(r) is None and r.key not in ADMIN_SITE_PAGES
    ]
    assert not admin_unknown, f"Admin pages missing from the permission matrix: {admin_unknown}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(persona, client, people, admin_objects, url_arguments):
    if persona != ANONYMOUS:
        client.force_login(people[persona])
    wrong = []
    for route in all_routes():
        url = url_for(route, admin_objects, url_arguments)
        expected = expected_for(route, persona)
        actual = outcome(client, url)
        if actual != expected:
            wrong.append(f"{route.key} ({url}): expected {expected}, got {actual}")
    assert not wrong, f"{persona}:\n  " + "\n  ".join(wrong)
