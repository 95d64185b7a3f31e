"""The permission matrix: every URL pattern × every persona (and anonymous).

The cells' vocabulary is in tests/matrix.py. The test fails when a URL pattern is
missing from the matrix, so a new page cannot ship without someone deciding who may
open it. Each app adds its rows in <app>/tests/matrix.py (MATRIX, and url_arguments()
for pages about one record).

The POST pass (issue 8 §5) sends a POST to every route as every persona. A route that
answers anything but 405 to someone accepts POST and has a POST_MATRIX row saying what
each persona gets; a row that is not given is the GET row's refusals, and 405 for the
rest. Whoever is refused must leave the database exactly as it was.
"""

import importlib
from datetime import date, time, timedelta

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone

from tests.dbstate import writes_recorded
from tests.matrix import (
    ALLOWED,
    ANONYMOUS,
    BACK_OFFICE,
    HOME,
    LOGIN,
    MFA,
    PERSONAS,
    PUBLIC_PAGE,
    REAUTH,
    REFUSED,
    SAVED,
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
    "cookies": PUBLIC_PAGE,  # issue 13: the cookies the site sets, linked from every page's footer
    # issue 13: "ok" for the load balancer, nothing more, answered before any login or MFA check
    "healthz": audience("200", "200", "200", without_mfa="200"),
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

# What an empty POST (no fields) gets, for the routes that accept one.
CORE_POST_MATRIX = {
    # pages and redirects that answer any method alike, changing nothing
    "landing": PUBLIC_PAGE,
    "home": audience(LOGIN, HOME, HOME),
    "my_account": SIGNED_IN,
    "staff_dashboard": STAFF_ONLY,
    "account_login": ENTRANCE,
    "account_signup": ENTRANCE,
    "account_logout": audience("→landing", "→landing", "→landing", without_mfa="→landing"),
    "account_reauthenticate": audience(LOGIN, "200", "200", without_mfa="200"),
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": audience(LOGIN, "→account_change_password", "→account_change_password"),
    "account_reset_password": PUBLIC_PAGE,
    "account_reset_password_from_key": PUBLIC_PAGE,
    "account_confirm_login_code": audience("→account_login", HOME, HOME),
    # the page explains the key is wrong; confirming with it is "not found"
    "account_confirm_email": audience("404", "404", "404"),
    "mfa_authenticate": audience("→account_login", HOME, HOME),
    "mfa_reauthenticate": audience(LOGIN, REAUTH, "200", without_mfa=REAUTH),
    # allauth's page is GET-only: the method is refused before the password prompt
    "mfa_view_recovery_codes": audience(LOGIN, "405", "405", without_mfa="405"),
}

# Each app's rows: <app>/tests/matrix.py has MATRIX, POST_MATRIX and url_arguments(people).
APP_MATRICES = [
    importlib.import_module(name)
    for name in (
        "placements.tests.matrix",
        "vetting.tests.matrix",
        "volunteers.tests.matrix",
        "outreach.tests.matrix",
        "outreach.tests.matrix_equality",  # issue 12: equality monitoring
        "outreach.tests.matrix_programme",  # issue 12: the Positive Action Programme
        "outreach.tests.matrix_businesses",  # issue 12: local businesses supporting recruitment
        "retention.tests.matrix",  # issue 13: the retention schedule and disposal log
        "accounts.tests.matrix_personal_data",  # issue 13: subject access and erasure
    )
]
MATRIX = {**CORE_MATRIX, **{key: row for module in APP_MATRICES for key, row in module.MATRIX.items()}}
POST_MATRIX = {**CORE_POST_MATRIX, **{key: row for m in APP_MATRICES for key, row in m.POST_MATRIX.items()}}
POST_DATA = {key: data for module in APP_MATRICES for key, data in module.POST_DATA.items()}

# The Django admin: staff with MFA only, and only the back-office roles. Each model is
# open to the roles that hold its permissions (accounts.roles.ROLE_PERMISSIONS):
# model -> (roles who may view, roles who may add and change).
ADMIN_MODELS = {
    "accounts/user": ({"recruiter", "head_of_resourcing"}, set()),
    "accounts/actionlog": (BACK_OFFICE, set()),
    # issue 13: written by the nightly disposal alone; read and exported by the Head of Resourcing
    "retention/disposallog": ({"head_of_resourcing"}, set()),
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
    "placements/workexperienceapplication": ({"recruiter", "vetting_officer"}, set()),
    "placements/expressionofinterest": ({"recruiter"}, set()),
    # what happened on placement days: read-only for the recruitment team
    "placements/activity": ({"recruiter"}, set()),
    "placements/riskassessment": ({"recruiter"}, set()),
    "placements/dynamicriskassessment": ({"recruiter"}, set()),
    "placements/attendancerecord": ({"recruiter"}, set()),
    "volunteers/volunteerrole": ({"recruiter"}, {"recruiter"}),
    # issue 10: vetting detail is the vetting officer's alone
    "vetting/vettingcheck": ({"vetting_officer"}, set()),
    "volunteers/recruitmentcampaign": ({"recruiter", "head_of_resourcing"}, {"recruiter"}),
    # applications come from applicants; their status moves by the services' actions
    "volunteers/volunteerapplication": ({"recruiter"}, set()),
    # issue 11: made on the team's pages, their outcomes recorded by admin actions; the
    # medical certificate (health details) is the recruitment team's alone
    "volunteers/interviewslot": ({"recruiter"}, set()),
    "volunteers/fitnesstest": ({"recruiter"}, set()),
    "volunteers/medicalcertificate": ({"recruiter"}, set()),
    # issue 11: the training and the designated powers come from the services; read here
    "volunteers/trainingcourse": ({"recruiter"}, set()),
    "volunteers/trainingattendance": ({"recruiter"}, set()),
    "volunteers/grantedpower": ({"recruiter"}, set()),
    # volunteers' hours (issue 11): logged by the volunteers themselves, read only here
    "volunteers/dutylog": ({"recruiter"}, set()),
    # the Work Placement Agreement: versions are published (added), never changed; agreements read only
    "vetting/agreementversion": ({"recruiter"}, set()),
    "vetting/workplacementagreement": ({"recruiter"}, set()),
    # references come from the references page; the answers are read there, not here
    "vetting/reference": ({"recruiter", "vetting_officer"}, set()),
    # outreach events (issue 12): the Diversity Placements Officer's alone; registrations come
    # from the public form, and are cancelled by an action calling the service
    "outreach/outreachevent": ({"diversity_officer"}, {"diversity_officer"}),
    "outreach/eventregistration": ({"diversity_officer"}, set()),
    # the Positive Action Programme (issue 12): intakes typed here; enrolments come from candidates
    "outreach/programmeintake": ({"diversity_officer"}, {"diversity_officer"}),
    "outreach/programmeenrolment": ({"diversity_officer"}, set()),
    # local businesses (issue 12): from the public form, followed up by actions calling the services
    "outreach/businessinterest": ({"diversity_officer"}, set()),
    # nobody but a superuser manages these by hand
    "auth/group": (set(), set()),
    "account/emailaddress": (set(), set()),
    "mfa/authenticator": (set(), set()),
}


# Who holds the change permission of each admin model (accounts.roles.ROLE_PERMISSIONS):
# their admin actions and edits are tried by the services' own tests; everyone else's
# POSTs to the model's pages, actions included, must change nothing.
ADMIN_CHANGERS = {
    "notifications/notification": {"recruiter"},
    "placements/partnerorganisation": {"diversity_officer"},
    "placements/cohort": {"diversity_officer"},
    "placements/studentofficer": {"diversity_officer"},
    "placements/communityplacement": {"diversity_officer"},
    "placements/presentationsession": {"diversity_officer"},
    "placements/workexperienceprogramme": {"recruiter"},
    "placements/workexperienceapplication": {"recruiter"},
    "volunteers/volunteerrole": {"recruiter"},
    "vetting/vettingcheck": {"vetting_officer"},
    "volunteers/recruitmentcampaign": {"recruiter"},
    "volunteers/volunteerapplication": {"recruiter"},
    "volunteers/interviewslot": {"recruiter"},
    "volunteers/fitnesstest": {"recruiter"},
    "volunteers/medicalcertificate": {"recruiter"},
    "volunteers/grantedpower": {"recruiter"},  # its one action withdraws a power
    "vetting/agreementversion": {"recruiter"},  # its one action publishes a new version
    "vetting/reference": {"recruiter", "vetting_officer"},
    "outreach/outreachevent": {"diversity_officer"},
    "outreach/eventregistration": {"diversity_officer"},  # its one action cancels a registration
    "outreach/programmeintake": {"diversity_officer"},
    "outreach/programmeenrolment": {"diversity_officer"},  # its actions enrol, decline, complete
    "outreach/businessinterest": {"diversity_officer"},  # its actions follow up; what was typed can be corrected
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
    if model == "accounts/actionlog" and "<path:object_id>" in route.pattern and persona not in LOG_ENTRY_READERS:
        return "→admin:index"  # the admin's answer for a record that is not there
    if route.key.endswith("_process_import"):
        return "405"  # the second step of a CSV import is a POST
    if route.key.endswith(("_add", "_import")):
        return "200" if persona in editors else "403"
    if route.pattern.endswith("<path:object_id>/"):
        return f"→admin:{model.replace('/', '_')}_change" if persona in viewers else "403"
    return "200" if persona in viewers else "403"


# Issue 9: an action-log entry is read by the roles who may view its kind of record. The
# sample entry (admin_objects) gives a person a role: those who may view people read it.
LOG_ENTRY_READERS = ADMIN_MODELS["accounts/user"][0]

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


ADMIN_SITE_POSTS = {
    "admin:login": "200",  # the form again, with its errors
    "admin:logout": "→landing",
    "admin:password_change": "200",  # the form again, with its errors
    "admin:password_change_done": "405",
    "admin:autocomplete": "405",
    "admin:jsi18n": "405",
}


def admin_post_expected(route, persona):
    """An empty POST to an admin page: turned away as the GET is, or the page again;
    only a change form saves, and only for those who hold the change permission."""
    expected = admin_expected(route, persona)
    model = admin_model(route)
    if model is None and persona in BACK_OFFICE:
        return ADMIN_SITE_POSTS.get(route.key, expected)
    if expected in REFUSED - {"405"} or model is None:
        return expected
    if route.key.endswith("_process_import"):
        return "200" if persona in ADMIN_MODELS[model][1] else "403"  # the import form again
    if route.key.endswith(("_change", "_simple_history")):
        # Editing, or writing an old version back (kentplacements/history_admin.py), needs the
        # change permission; what the editors may change is the ModelAdmin tests' business
        # (issue 8 §2: service-owned fields read-only).
        return ALLOWED if persona in ADMIN_CHANGERS.get(model, set()) else "403"
    return expected


def outcome(client, url, method="get", data=None):
    return cell(getattr(client, method)(url, data, follow=True), url)


def cell(response, url):
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
    from outreach.tests.business_factories import business_interest
    from outreach.tests.factories import registered
    from outreach.tests.programme_factories import applied as programme_application
    from placements.models import (
        ExpressionOfInterest,
        PlacementFeedback,
        PlacementReflection,
        PresentationInvitation,
        PresentationSession,
        WorkExperienceProgramme,
    )
    from placements.services.work_experience import request_agreement
    from placements.tests.factories import CommunityPlacementFactory, PartnerContactFactory
    from placements.tests.work_experience_factories import ApplicationFactory, record_placement_day
    from retention.models import DisposalLog
    from vetting.enums import WORK_EXPERIENCE_CHECKS
    from vetting.services.checks import request_checks
    from vetting.tests.references import ask_for_reference
    from volunteers.models import RecruitmentCampaign, VolunteerRole
    from volunteers.tests.factories import (
        DutyLogFactory,
        InterviewSlotFactory,
        VolunteerApplicationFactory,
        certificate_to_check,
        fitness_test_to_record,
        volunteer_with_a_power,
    )

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
    request_checks(application, WORK_EXPERIENCE_CHECKS, by=someone)
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
    campaign = RecruitmentCampaign.objects.create(
        role=role, area="West", opens_at=now, closes_at=now + timedelta(days=1)
    )
    VolunteerApplicationFactory(campaign=campaign)
    # issue 11: an interview time, a fitness test and a medical certificate
    InterviewSlotFactory()
    fitness_test_to_record(someone)
    certificate_to_check()
    volunteer_with_a_power(someone)  # a course, its register and a power granted
    DutyLogFactory(application__campaign=campaign)
    request_agreement(ApplicationFactory(status="cleared"), by=someone)  # a version and an agreement
    ask_for_reference(someone, application)
    registered()  # an outreach event and a registration (issue 12)
    programme_application()  # an intake and an application to it (issue 12)
    business_interest()  # a local business's interest in supporting recruitment (issue 12)
    DisposalLog.objects.create(  # a night's disposal (issue 13)
        ran_at=now, kind="notifications", label="Emails", action="delete", rule="365 days", records=3
    )
    ids = {}
    for model_class in admin.site._registry:
        obj = model_class.objects.order_by("pk").first()
        history = getattr(obj, "history", None)
        latest = history.order_by("pk").first() if history is not None else None
        key = f"{model_class._meta.app_label}/{model_class._meta.model_name}"
        ids[key] = {"object_id": str(obj.pk), "history_id": str(latest.pk) if latest else "999999"}
    assert User.objects.exists() and ActionLog.objects.exists()
    assert ActionLog.objects.order_by("pk").first().content_type.model == "user"  # LOG_ENTRY_READERS
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


def post_expected(route, persona):
    if route.pattern.startswith("admin/"):
        return admin_post_expected(route, persona)
    if route.key in POST_MATRIX:
        expected = POST_MATRIX[route.key](persona)
    else:
        get = expected_for(route, persona)
        expected = get if get in REFUSED else "405"
    return home_of(persona) if expected == HOME else expected


def post_outcome(client, url, data=None):
    """What a POST gets, with SAVED appended when it wrote to the database, the tables
    written and the response. Each POST is rolled back, so what one allowed persona
    saves does not change the next cell."""
    with transaction.atomic(), writes_recorded() as writes:
        response = client.post(url, data, follow=True)
        transaction.set_rollback(True)
    return cell(response, url) + (SAVED if writes else ""), sorted(set(writes)), response


def log_in_again(client, persona, people):
    """Logging out is one of the POSTs: log the persona back in for the next one."""
    if persona != ANONYMOUS and "_auth_user_id" not in client.session:
        client.force_login(people[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_post_matrix(persona, client, people, admin_objects, url_arguments):
    """Issue 8 §5: every route gets a POST with no fields from every persona, so a refusal
    must come before any form is read; a refused POST writes nothing at all."""
    wrong = []
    for route in all_routes():
        log_in_again(client, persona, people)
        url = url_for(route, admin_objects, url_arguments)
        expected = post_expected(route, persona)
        actual, tables, _response = post_outcome(client, url, POST_DATA.get(route.key))
        if actual != expected and expected != ALLOWED:
            wrong.append(f"{route.key} ({url}): expected {expected}, got {actual} {tables or ''}")
    assert not wrong, f"{persona}:\n  " + "\n  ".join(wrong)


def admin_action_posts(admin_objects):
    """(model, action name, changelist URL, POST) for every action of every ModelAdmin,
    run on the model's sample record and confirmed (``apply`` answers an action's own
    form, ``post`` confirms a deletion)."""
    for model_class, model_admin in admin.site._registry.items():
        model = f"{model_class._meta.app_label}/{model_class._meta.model_name}"
        url = reverse(f"admin:{model.replace('/', '_')}_changelist")
        # every action the ModelAdmin has, before Django filters them by permission
        for _function, name, _description in model_admin._get_base_actions():
            data = {
                "action": name,
                "_selected_action": [admin_objects[model]["object_id"]],
                "index": "0",
                "apply": "1",
                "post": "yes",
            }
            yield model, name, url, data


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_actions_change_nothing_without_the_change_permission(persona, client, people, admin_objects):
    """Issue 8 §5: every admin action of every model, run by each persona who may not
    change that model, writes nothing: the viewer gets the list back, without the action
    in its menu (so a service refusing the move, for the state the record is in, cannot
    hide an action open to them), and the others are turned away as they are from the
    list itself."""
    wrong = []
    tried = 0
    changelists = {reverse(r.key): r for r in all_routes() if r.key.endswith("_changelist")}
    for model, action, url, data in admin_action_posts(admin_objects):
        if persona in ADMIN_CHANGERS.get(model, set()):
            continue
        log_in_again(client, persona, people)
        expected = admin_expected(changelists[url], persona)
        actual, tables, response = post_outcome(client, url, data)
        tried += 1
        if actual == "200" and f'<option value="{action}"' in response.content.decode():
            actual += " (the action is offered to them)"
        if actual != expected:
            wrong.append(f"{model} {action}: expected {expected}, got {actual} {tables or ''}")
    assert tried and not wrong, f"{persona}:\n  " + "\n  ".join(wrong)
