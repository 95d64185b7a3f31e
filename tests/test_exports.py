"""Every back-office export, as every persona that may run it (issue 8, section 1).

The User export used to carry a ``password`` column with every hash (import-export's
default resource exports every field). Now each export declares its columns; these
tests export every exportable model, in CSV and JSON, with realistic rows, and fail on
a password or hash, any token, key or secret found in the database or in a link we
emailed, and on a cell holding internal JSON.
"""

import csv
import io
import json
import re
import uuid
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ExportMixin
from import_export.resources import ModelResource

from accounts.models import User
from kentplacements.spreadsheets import SECRET_ATTRIBUTE, ExportResource, SafeExportMixin, column, escape_formula
from notifications.models import Notification
from notifications.tests.factories import NotificationFactory
from outreach.tests.business_factories import contacted_business
from outreach.tests.factories import registered
from outreach.tests.programme_factories import applied as programme_application
from outreach.tests.programme_factories import enrolled, with_session
from placements.enums import PartnerStatus, ProgrammeStatus
from placements.models import ExpressionOfInterest, PlacementFeedback, WorkExperienceApplication
from placements.services.partners import approve_partner
from placements.services.placement_days import assign_escorting_officer
from placements.services.work_experience import open_programme, register_interest
from placements.tests.factories import CommunityPlacementFactory, PartnerContactFactory, PartnerFactory
from placements.tests.presentation_factories import PresentationSessionFactory
from placements.tests.work_experience_factories import (
    ApplicationFactory,
    EligibilityQuestionFactory,
    ProgrammeFactory,
    record_placement_day,
)
from retention.services import dispose_past_retention
from tests.personas import make_persona
from tests.test_permission_matrix import ADMIN_MODELS
from vetting.enums import WORK_EXPERIENCE_CHECKS
from vetting.services.checks import request_checks, start_check
from vetting.services.references import submit_reference
from vetting.tests.references import ANSWERS, ask_for_reference, emailed_token
from volunteers.models import RecruitmentCampaign, VolunteerRole
from volunteers.tests.factories import (
    DutyLogFactory,
    VolunteerApplicationFactory,
    certificate_to_check,
    fitness_test_to_record,
    interview_to_record,
    volunteer_with_a_power,
)

PERSONAS = [
    "recruiter",
    "diversity_officer",
    "vetting_officer",
    "head_of_resourcing",
    "escorting_officer",
    "partner_contact",
    "applicant",
]
HASH = re.compile(r"^(pbkdf2_sha256|argon2|bcrypt|scrypt|md5|sha1)\$")
LINK = re.compile(r"https?://\S+")


def exporting_admins():
    return {
        f"{model._meta.app_label}/{model._meta.model_name}": model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ExportMixin)
    }


# --- the rule: explicit columns only ----------------------------------------------------


def test_every_admin_that_exports_declares_its_columns():
    admins = exporting_admins()
    assert {"accounts/user", "accounts/actionlog", "notifications/notification"} <= set(admins)
    for key, model_admin in admins.items():
        assert isinstance(model_admin, SafeExportMixin), f"{key} exports without SafeExportMixin"
        assert model_admin.check() == [], key
        for resource_class in model_admin.resource_classes:
            assert resource_class._meta.fields, f"{key}: {resource_class.__name__} has no declared columns"


class AllFieldsResource(ModelResource):
    class Meta:
        model = User


class PasswordResource(ModelResource):
    class Meta:
        model = User
        fields = ("email", "password")


def _admin(**attributes):
    return type("SomeUserAdmin", (SafeExportMixin, admin.ModelAdmin), attributes)(User, admin.site)


@pytest.mark.parametrize(
    ("attributes", "problem"),
    [
        ({}, "exports without a resource"),
        (
            {"resource_classes": [type("AllFields", (ModelResource,), {"Meta": type("Meta", (), {"model": User})})]},
            "declare",
        ),
        ({"resource_classes": [PasswordResource]}, "secret (password)"),
    ],
)
def test_an_admin_without_explicit_safe_columns_fails_the_checks_and_cannot_export(attributes, problem, rf):
    model_admin = _admin(**attributes)
    [error] = [e for e in model_admin.check() if e.id == "kentplacements.E001"]
    assert error.level == checks.ERROR and problem in error.msg
    with pytest.raises(ImproperlyConfigured, match=re.escape(problem)):
        model_admin.get_export_resource_classes(rf.get("/"))


def test_a_column_holding_json_fails_the_checks():
    class AnswersResource(ExportResource):
        answers = column("Answers", "eligibility_answers")

        class Meta:
            model = WorkExperienceApplication
            fields = ("answers",)

    errors = SafeExportMixin.check(_admin_for(WorkExperienceApplication, [AnswersResource]))
    assert any("raw JSON" in e.msg for e in errors)


def _admin_for(model, resource_classes):
    return type("SomeAdmin", (SafeExportMixin, admin.ModelAdmin), {"resource_classes": resource_classes})(
        model, admin.site
    )


# --- every export, as every persona that may run it -------------------------------------


@pytest.fixture
def people(db):
    return {name: make_persona(name) for name in PERSONAS}


@pytest.fixture
def realistic_rows(people):
    """At least one row of every exportable model, made as in real life where a service
    exists (so emails with links, action log entries and tokens exist too)."""
    recruiter = people["recruiter"]
    question = EligibilityQuestionFactory(text="Do you live or study in Kent?")
    application = ApplicationFactory(
        programme=question.programme,
        applicant=people["applicant"],
        eligibility_answers={str(question.pk): True},
    )
    # logged against the application: an action-log entry the vetting officer may read too
    assign_escorting_officer(application, by=recruiter, officer=people["escorting_officer"])
    record_placement_day(application, people["escorting_officer"])
    # issue 10: vetting checks, one with private notes (never exported: vetting/tests/test_check_pages.py)
    first, _second = request_checks(application, WORK_EXPERIENCE_CHECKS, by=recruiter)
    start_check(first, by=people["vetting_officer"], notes="Spoke to the school.")
    register_interest(full_name="Ivy Interested", email="ivy@example.org")
    open_programme(ProgrammeFactory(status=ProgrammeStatus.DRAFT), by=recruiter)  # emails Ivy, with her link
    partner = PartnerFactory(status=PartnerStatus.INTERESTED, communities=["dementia"])
    PartnerContactFactory(organisation=partner, user=None, email="pat@example.org")
    approve_partner(partner, by=people["diversity_officer"])  # emails Pat an invitation link
    placement = CommunityPlacementFactory()
    PlacementFeedback.objects.create(placement=placement, rating=4, comment="Keen and kind.", submitted_by=recruiter)
    PresentationSessionFactory(cohort=placement.officer.cohort)
    NotificationFactory(context={"reset_url": "https://example.org/reset/abc"}, sent=True)
    role = VolunteerRole.objects.create(name="Community Policing Volunteer", monthly_hours=16)
    opens = application.submitted_at
    campaign = RecruitmentCampaign.objects.create(
        role=role, area="West Kent", opens_at=opens, closes_at=opens + timedelta(days=30)
    )
    VolunteerApplicationFactory(
        campaign=campaign, applicant__full_name="Val Volunteer", date_of_birth=date(1990, 3, 27)
    )
    # issue 11: a booked interview time, a fitness test and a medical certificate, each by its service
    interview_to_record()
    fitness_test_to_record(recruiter)
    certificate_to_check()
    volunteer_with_a_power(recruiter)  # a training register and a designated power (issue 11)
    DutyLogFactory(application__campaign=campaign, application__applicant__full_name="Casey Volunteer")
    # a referee's emailed link (issue 10), one not yet used and one answered
    ask_for_reference(recruiter, application)
    answered = ask_for_reference(recruiter, application, referee_email="coach@example.org")
    submit_reference(emailed_token(answered), answers=ANSWERS)
    registered(full_name="Amara Okafor", access_needs="A hearing loop.")  # issue 12: emailed a cancel link
    # issue 12: a programme enrolment with a buddy and a session (its notes are never exported)
    with_session(enrolled(programme_application(candidate=people["applicant"])), notes="Session notes, private.")
    contacted_business(by=people["diversity_officer"])  # issue 12: a local business, followed up
    # issue 13: the nightly disposal deletes an interest registered three years ago, and logs it
    old = register_interest(full_name="Olive Oldinterest", email="olive@example.org")
    ExpressionOfInterest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3 * 365))
    dispose_past_retention()
    for key in exporting_admins():
        model = apps.get_model(*key.split("/"))
        assert model.objects.exists(), f"no row of {key} to export"
    return application


def secrets_in_the_database(people) -> set[str]:
    """Every value of a column named like a secret, in any model (password hashes,
    calendar and unsubscribe tokens, idempotency and duplicate keys, session keys...),
    every link we emailed and its token, and each persona's MFA secret."""
    found = set()
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if SECRET_ATTRIBUTE.search(f.name)]
        for name in names:
            for value in model._default_manager.values_list(name, flat=True):
                if isinstance(value, uuid.UUID):
                    found |= {str(value), value.hex}
                elif value:
                    found.add(str(value))
    for body in Notification.objects.values_list("body_text", flat=True):
        for link in LINK.findall(body):
            found.add(link)
            found.update(part for part in link.split("/") if len(part) >= 16)
    found.update(person.totp_secret for person in people.values() if hasattr(person, "totp_secret"))
    return {value for value in found if len(value) >= 8}


def export(client, key, file_format):
    url = reverse(f"admin:{key.replace('/', '_')}_export")
    response = client.get(url)
    if response.status_code != 200:
        return response, None
    form = response.context["form"]
    [choice] = [value for value, label in form.fields["format"].choices if label.lower() == file_format]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    response = client.post(url, {"format": choice, "resource": "0", **selected})
    text = response.content.decode("utf-8-sig")
    if file_format == "csv":
        return response, list(csv.DictReader(io.StringIO(text)))
    return response, json.loads(text)


def looks_like_json(value) -> bool:
    """A JSON object or list, or a Python one printed as text."""
    if isinstance(value, dict | list):
        return True
    if isinstance(value, str) and value and value[0] in "{[" and value[-1] in "}]":
        return True
    try:
        return isinstance(json.loads(value), dict | list)
    except (TypeError, ValueError):
        return False


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_export_leaks_a_secret_a_hash_or_json(persona, client, people, realistic_rows):
    secrets = secrets_in_the_database(people)
    assert any(HASH.match(s) for s in secrets) and ExpressionOfInterest.objects.get().unsubscribe_token.hex
    client.force_login(people[persona])
    exported = []
    for key in exporting_admins():
        viewers, _ = ADMIN_MODELS[key]
        for file_format in ("csv", "json"):
            response, rows = export(client, key, file_format)
            if persona not in viewers:
                assert rows is None and response.status_code in (302, 403), f"{persona} exported {key}"
                continue
            assert response.status_code == 200 and rows, f"{persona}: empty {file_format} export of {key}"
            exported.append(key)
            text = response.content.decode("utf-8-sig")
            headers = set(rows[0])
            assert not {h for h in headers if "password" in h.lower()}, f"{key}: a password column"
            leaked = [s for s in secrets if s in text]
            assert not leaked, f"{key} ({file_format}) leaks {leaked}"
            cells = [value for row in rows for value in row.values()]
            assert not [c for c in cells if isinstance(c, str) and HASH.match(c)], f"{key}: a password hash"
            assert not [c for c in cells if looks_like_json(c)], f"{key} ({file_format}): a cell of JSON"
    expected = {key for key in exporting_admins() if persona in ADMIN_MODELS[key][0]}
    assert set(exported) == expected


# --- exports read as people expect ------------------------------------------------------


def test_the_application_export_shows_names_labels_and_answers_in_words(client, people, realistic_rows):
    application = realistic_rows
    client.force_login(people["recruiter"])
    _, rows = export(client, "placements/workexperienceapplication", "csv")
    [row] = [r for r in rows if r["Applicant's email"] == application.applicant.email]
    assert row["Programme"] == application.programme.title
    assert row["Applicant"] == application.applicant.full_name
    assert row["Status"] == "Applied"
    assert row["Escorting officer"] == people["escorting_officer"].full_name
    assert row["Eligibility answers"] == "Do you live or study in Kent? Yes"
    assert row["Date of birth"] == "01/03/2010"


def test_the_volunteer_application_export_reads_in_words(client, people, realistic_rows):
    client.force_login(people["recruiter"])
    _, rows = export(client, "volunteers/volunteerapplication", "csv")
    [row] = [row for row in rows if row["Applicant"] == "Val Volunteer"]  # Casey, active, logs hours
    assert row["Campaign"] == "Community Policing Volunteer — West Kent"
    assert (row["Applicant"], row["Status"], row["Date of birth"]) == ("Val Volunteer", "Submitted", "27/03/1990")
    assert (row["Lives or works in the area"], row["Can give the hours"], row["Right to volunteer in the UK"]) == (
        "Yes",
        "Yes",
        "Yes",
    )


def test_the_action_log_export_names_the_record_and_its_statuses_in_words(client, people, realistic_rows):
    client.force_login(people["diversity_officer"])
    _, rows = export(client, "accounts/actionlog", "csv")
    [row] = [r for r in rows if r["Action"] == "approved"]
    assert (row["Record type"], row["From"], row["To"]) == ("partner organisation", "Interested", "Approved")
    assert row["Record"].startswith("Kent Community Charity") and row["By"] == people["diversity_officer"].full_name


def test_the_user_export_lists_people_by_name_and_role_without_their_password(client, people):
    client.force_login(people["head_of_resourcing"])
    _, rows = export(client, "accounts/user", "csv")
    recruiter = people["recruiter"]
    [row] = [r for r in rows if r["Email"] == recruiter.email]
    assert row == {
        "Name": recruiter.full_name,
        "Email": recruiter.email,
        "Roles": "Corporate Recruitment Team",
        "Active": "Yes",
        "Joined": f"{timezone.localtime(recruiter.date_joined):%d/%m/%Y %H:%M}",
        "Last logged in": "",
    }


def test_every_export_header_is_written_for_people():
    """Headers such as "Programme" and "Status", not field names like ``programme_id``."""
    for key, model_admin in exporting_admins().items():
        if key in ("notifications/notification", "placements/studentofficer"):
            continue  # the outbox's own resource; the officers' CSV is the import's format
        for resource_class in model_admin.resource_classes:
            for header in resource_class().get_export_headers():
                assert not header[0].islower() and "_" not in header, f"{key}: header {header!r}"


# --- formula escaping -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+44 1622 690690", "'+44 1622 690690"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        # some spreadsheets split a CSV line on ";" when importing it: every part is escaped
        ("a;=cmd", "a;'=cmd"),
        ("1;@SUM(A1:A9)", "1;'@SUM(A1:A9)"),
        ("a; +1;b", "a;' +1;b"),
        ("=1;=2", "'=1;'=2"),
        # full-width forms, read as = + - @ by some spreadsheets
        ("\uff1dcmd|' /C calc'!A0", "'\uff1dcmd|' /C calc'!A0"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("x;\uff1d1", "x;'\uff1d1"),
        # left alone
        ("Maidstone Grammar School", "Maidstone Grammar School"),
        ("Yes; No", "Yes; No"),
        ("a=b", "a=b"),
        (7, 7),
    ],
)
def test_formula_escaping(cell, escaped):
    assert escape_formula(cell) == escaped


def test_an_exported_cell_with_a_formula_after_a_semicolon_is_escaped(client, recruiter):
    ApplicationFactory(school='Kent College;=HYPERLINK("http://evil.example")', status_reason="\uff20SUM(A1)")
    client.force_login(recruiter)
    _, [row] = export(client, "placements/workexperienceapplication", "csv")
    assert row["School or college"] == 'Kent College;\'=HYPERLINK("http://evil.example")'
    assert row["Note on the status"] == "'\uff20SUM(A1)"
