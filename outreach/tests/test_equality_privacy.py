"""Issue 12: "a sentinel in an equality answer appears in no response to any other persona,
admin and exports included", and "no recruitment decision page shows programme or equality
data".

The answers hold no free text (characteristics.py), so the sentinel is what would lead from
an answer to its person if any page followed it: the row's random id and its respondent key.
With it in the database, beside the demo-like records the permission matrix makes, every
persona opens every page of the site (each with a real record where the matrix has one),
every back-office page of every model and every back-office export: none shows either. The
reports' readers also open the report of the campaign the sentinel answered for (figures
only). And the pages the recruitment team decides on show no question, answer or word of
equality monitoring."""

import pytest
from django.urls import reverse

from outreach.equality.characteristics import CHARACTERISTICS
from tests.matrix import ANONYMOUS, BACK_OFFICE, PERSONAS
from tests.personas import make_persona
from tests.test_exports import export, exporting_admins
from tests.test_permission_matrix import admin_objects, people, url_arguments, url_for  # noqa: F401 (fixtures)
from tests.urlwalk import all_routes
from volunteers.tests.factories import VolunteerApplicationFactory

from .equality_factories import answer

pytestmark = pytest.mark.django_db
REPORT_READERS = {"head_of_resourcing", "diversity_officer"}


@pytest.fixture
def sentinel(people):  # noqa: F811 (the matrix's fixture)
    """The volunteer applicant persona and four others answer for one campaign; the sentinels
    are the persona's row: its id (both spellings) and its respondent key."""
    mine = VolunteerApplicationFactory(applicant=people["volunteer_applicant"])
    row = answer(mine, sexual_orientation="bisexual", religion_or_belief="jewish", age_band="65_over")
    for _ in range(4):
        answer(VolunteerApplicationFactory(campaign=mine.campaign))
    return mine, {str(row.pk), row.pk.hex, row.respondent_key}


def pages(admin_objects, url_arguments, campaign):  # noqa: F811 (the matrix's fixtures)
    for route in all_routes():
        yield route.key, url_for(route, admin_objects, url_arguments)
    yield "the sentinel's report", reverse("equality_report", args=["campaign", campaign.pk])
    yield "the sentinel's report (CSV)", reverse("equality_report_csv", args=["campaign", campaign.pk])


def text(response) -> str:
    """A page, a CSV or a downloaded file, as text."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig", errors="replace")


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_or_export_shows_an_answer_or_its_key(persona, client, people, admin_objects, url_arguments, sentinel):  # noqa: F811
    application, secrets = sentinel
    if persona != ANONYMOUS:
        client.force_login(people[persona])
    opened, found = 0, []
    for name, url in pages(admin_objects, url_arguments, application.campaign):
        response = client.get(url, follow=True)
        opened += response.status_code == 200
        if any(secret in text(response) for secret in secrets):
            found.append(name)
    for key in exporting_admins():
        for file_format in ("csv", "json"):
            response, _rows = export(client, key, file_format)
            if any(secret in text(response) for secret in secrets):
                found.append(f"{key} export ({file_format})")
    assert not found, f"{persona} read an answer's id or key on: {found}"
    assert opened > 10, persona  # the pages were really seen
    if persona in REPORT_READERS:
        report = client.get(reverse("equality_report", args=["campaign", application.campaign_id]))
        assert "People who answered the optional questions: 5." in report.content.decode()


def test_the_pages_the_team_decides_on_show_no_equality_data(client, recruiter, vetting_officer):
    mine = VolunteerApplicationFactory()
    answer(mine, sexual_orientation="bisexual", religion_or_belief="jewish", ethnic_group="asian")
    words = ["equality", "Bisexual", "Jewish", "Asian", *(c.question for c in CHARACTERISTICS)]
    for person in (recruiter, vetting_officer):
        client.force_login(person)
        for url in (
            reverse("volunteer_staff_application", args=[mine.pk]),
            reverse("volunteer_staff_applications"),
            reverse("volunteer_staff_dashboard", args=[mine.campaign_id]),
            reverse("staff_dashboard"),
        ):
            response = client.get(url)
            page = response.content.decode()
            assert response.status_code in (200, 403), url
            assert not [word for word in words if word.lower() in page.lower()], (person, url)


@pytest.mark.parametrize("persona", sorted(BACK_OFFICE))
def test_the_back_office_has_no_page_of_answers(client, persona):
    """No ModelAdmin: the admin's own catch-all answers "not found" to every back-office role."""
    client.force_login(make_persona(persona))
    row = answer(VolunteerApplicationFactory())
    for url in ("/admin/outreach/equalityresponse/", f"/admin/outreach/equalityresponse/{row.pk}/"):
        assert client.get(url).status_code == 404, url
    # the app's index lists the events to the officer who runs them (issue 12), never the answers
    # (the bar's "Equality monitoring" report link may be there, for the roles that read reports)
    app_index = client.get("/admin/outreach/")
    listed = app_index.content.decode().lower()
    assert (
        app_index.status_code in (200, 404) and "equalityresponse" not in listed and "equality response" not in listed
    )
    assert "equality" not in client.get(reverse("admin:index")).content.decode().lower()
