"""The recruitment team's back office for work experience applications: filters, the
bulk actions (through the services) and a formula-safe CSV export."""

import csv
import io
from datetime import date

import pytest
from django.contrib.admin import site
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from accounts.audit import WITHHELD
from notifications.models import Notification
from placements.admin.work_experience import WorkExperienceProgrammeForm
from placements.enums import ApplicationStatus, DeclineReason, ProgrammeStatus
from placements.models import WorkExperienceProgramme
from placements.services.work_experience import (
    confirm_application,
    decline_application,
    discontinue_application,
    register_interest,
)
from tests.test_exports import export

from .work_experience_factories import ApplicationFactory, ProgrammeFactory, ready_to_confirm

pytestmark = pytest.mark.django_db
S = ApplicationStatus
CHANGELIST = "admin:placements_workexperienceapplication_changelist"


def act(client, action, *applications, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in applications], **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_shortlisting_from_the_admin_uses_the_service_and_reports_refusals(client, recruiter):
    applied, declined = ApplicationFactory(), ApplicationFactory(status=S.DECLINED, decline_reason="capacity")
    client.force_login(recruiter)
    page = act(client, "shortlist_selected", applied, declined).content.decode()
    assert "1 work experience application shortlisted." in page
    assert "cannot move from" in page
    applied.refresh_from_db()
    assert applied.status == S.SHORTLISTED
    assert Notification.objects.get().template == "placements/we_shortlisted"


def test_declining_asks_for_the_reason_first(client, recruiter):
    application = ApplicationFactory()
    client.force_login(recruiter)
    page = act(client, "decline_selected", application).content.decode()
    assert "Why are these applications declined?" in page
    application.refresh_from_db()
    assert application.status == S.APPLIED
    act(client, "decline_selected", application, apply="1", reason=DeclineReason.OPERATIONAL_NEED, note="")
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == (S.DECLINED, DeclineReason.OPERATIONAL_NEED)


def test_starting_vetting_from_the_admin(client, recruiter):
    application = ApplicationFactory(status=S.SHORTLISTED)
    client.force_login(recruiter)
    act(client, "start_vetting_selected", application)
    application.refresh_from_db()
    assert application.status == S.VETTING


def test_filtering_those_under_18_on_the_first_day(client, recruiter):
    programme = ProgrammeFactory()
    young = ApplicationFactory(programme=programme, date_of_birth=date(2009, 7, 20))
    adult = ApplicationFactory(programme=programme, date_of_birth=date(2009, 7, 19))
    client.force_login(recruiter)
    under = client.get(reverse(CHANGELIST), {"under_18": "yes"}).context["cl"].queryset
    over = client.get(reverse(CHANGELIST), {"under_18": "no"}).context["cl"].queryset
    assert list(under) == [young] and list(over) == [adult]


def test_the_export_is_formula_safe(client, recruiter):
    ApplicationFactory(school='=HYPERLINK("http://evil.example")')
    client.force_login(recruiter)
    url = reverse("admin:placements_workexperienceapplication_export")
    form = client.get(url).context["form"]
    [csv_choice] = [value for value, label in form.fields["format"].choices if label.lower() == "csv"]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    response = client.post(url, {"format": csv_choice, "resource": "0", **selected})
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["School or college"] == '\'=HYPERLINK("http://evil.example")'


def test_opening_a_programme_from_the_admin_emails_everyone_interested(client, recruiter):
    register_interest(full_name="Sam Keen", email="sam@example.org")
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    client.force_login(recruiter)
    data = {"action": "open_selected", ACTION_CHECKBOX_NAME: [programme.pk]}
    client.post(reverse("admin:placements_workexperienceprogramme_changelist"), data)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.OPEN
    assert Notification.objects.get(template="placements/we_programme_open").recipient == "sam@example.org"


def test_head_of_resourcing_cannot_open_applications(client, head_of_resourcing):
    client.force_login(head_of_resourcing)
    assert client.get(reverse(CHANGELIST)).status_code == 403


def programme_form(programme, **changes):
    """The programme's change form as the recruiter sends it back, with ``changes``."""
    data = {k: v for k, v in model_to_dict(programme).items() if k in WorkExperienceProgrammeForm.base_fields}
    return WorkExperienceProgrammeForm(instance=programme, data={**data, **changes})


@pytest.fixture
def one_place_confirmed(recruiter):
    application = ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING, programme__capacity=5))
    opened = WorkExperienceProgramme.objects.get(pk=application.programme_id)  # what the change page loaded
    confirm_application(application, by=recruiter)
    return opened


def test_the_capacity_cannot_go_below_the_places_confirmed(one_place_confirmed):
    """Without this check the database refused the save: a server error."""
    programme = WorkExperienceProgramme.objects.get(pk=one_place_confirmed.pk)
    form = programme_form(programme, capacity=0)
    assert form.errors == {"capacity": ["Applicants hold 1 confirmed place; the capacity cannot be lower."]}


def test_saving_a_programme_in_the_admin_keeps_the_places_confirmed_since_the_page_opened(
    recruiter, one_place_confirmed
):
    form = programme_form(one_place_confirmed, title="Summer work experience 2027")
    assert form.is_valid(), form.errors
    request = RequestFactory().post("/")
    request.user = recruiter
    site._registry[WorkExperienceProgramme].save_model(request, form.save(commit=False), form, change=True)
    programme = WorkExperienceProgramme.objects.get(pk=one_place_confirmed.pk)
    assert (programme.title, programme.places_confirmed) == ("Summer work experience 2027", 1)


# --- the note on the status: a conduct reason only for the roles allowed (issue 9) ----------

CONDUCT = "Shared photos of the custody suite"


@pytest.fixture
def discontinued(recruiter):
    application = ApplicationFactory(status=S.ATTENDING)
    return discontinue_application(application, by=recruiter, reason=CONDUCT)


@pytest.mark.parametrize(("persona", "reads_conduct"), [("recruiter", True), ("vetting_officer", False)])
def test_a_conduct_reason_is_shown_only_to_the_roles_that_may_read_it(
    client, request, recruiter, discontinued, persona, reads_conduct
):
    declined = decline_application(
        ApplicationFactory(), by=recruiter, reason=DeclineReason.CAPACITY, note="Applied for two weeks"
    )
    client.force_login(request.getfixturevalue(persona))
    shown = CONDUCT if reads_conduct else WITHHELD

    record = client.get(reverse("admin:placements_workexperienceapplication_change", args=[discontinued.pk]))
    assert (CONDUCT in record.content.decode(), WITHHELD in record.content.decode()) == (
        reads_conduct,
        not reads_conduct,
    )
    assertContains(record, "Note on the status")
    # a past version of the record reads the same
    version = discontinued.history.latest()
    past = client.get(
        reverse(
            "admin:placements_workexperienceapplication_simple_history",
            args=[discontinued.pk, version.history_id],
        )
    )
    assert (CONDUCT in past.content.decode(), WITHHELD in past.content.decode()) == (reads_conduct, not reads_conduct)

    # the list neither shows the note nor finds the record by it
    changelist = client.get(reverse(CHANGELIST))
    assertContains(changelist, escape(discontinued.applicant))
    assertNotContains(changelist, CONDUCT)
    assert client.get(reverse(CHANGELIST), {"q": "custody"}).context["cl"].result_count == 0

    for file_format in ("csv", "json"):
        _, rows = export(client, "placements/workexperienceapplication", file_format)
        notes = {row["Applicant"]: row["Note on the status"] for row in rows}
        # a decline's note is no conduct reason: every role reads it
        assert notes == {str(discontinued.applicant): shown, str(declined.applicant): "Applied for two weeks"}
