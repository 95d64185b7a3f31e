"""Issue 12: a one-to-one session's "date and notes visible to the buddy and programme staff
only", and "Selection stays on merit: no recruitment decision page shows programme or
equality data".

A sentinel in a session's notes appears on no page of the site, no back-office page and no
export for any persona (every page opened with real records, as the permission matrix does),
except the enrolment's own staff page, which the Diversity Placements Officer (programme
staff) reads. The candidate sees the session's date, never its notes. The pages on which
volunteer and work-experience applications are decided, and their vetting, show nothing of
the programme for a person who is on it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from placements.tests.work_experience_factories import ApplicationFactory
from tests.matrix import ANONYMOUS, PERSONAS
from tests.test_exports import export, exporting_admins
from tests.test_permission_matrix import admin_objects, people, url_arguments, url_for  # noqa: F401 (fixtures)
from tests.urlwalk import all_routes
from volunteers.tests.factories import in_vetting

from .equality_factories import answer
from .programme_factories import answers, applied, enrolled, with_session
from .test_equality_privacy import text

pytestmark = pytest.mark.django_db
NOTES = "SENTINEL-SESSION-NOTES"


@pytest.fixture
def noted(people):  # noqa: F811 (the matrix's fixture)
    """The applicant persona on the programme, buddied by someone who is no persona, with a
    session whose notes are the sentinel."""
    return with_session(enrolled(applied(candidate=people["applicant"])), notes=NOTES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_or_export_but_the_enrolments_own_shows_a_sessions_notes(
    persona,
    client,
    people,  # noqa: F811
    admin_objects,  # noqa: F811
    url_arguments,  # noqa: F811
    noted,
):
    if persona != ANONYMOUS:
        client.force_login(people[persona])
    own_page = reverse("programme_staff_enrolment", args=[noted.pk])
    urls = [(route.key, url_for(route, admin_objects, url_arguments)) for route in all_routes()]
    urls += [
        ("the enrolment's page", own_page),
        ("the admin's enrolment", f"/admin/outreach/programmeenrolment/{noted.pk}/change/"),
    ]
    opened, found = 0, []
    for name, url in urls:
        response = client.get(url, follow=True)
        opened += response.status_code == 200
        if NOTES in text(response) and not (url == own_page and persona == "diversity_officer"):
            found.append(name)
    for key in exporting_admins():
        for file_format in ("csv", "json"):
            response, _rows = export(client, key, file_format)
            if NOTES in text(response):
                found.append(f"{key} export ({file_format})")
    assert not found, f"{persona} read a session's notes on: {found}"
    assert opened > 10, persona
    if persona == "diversity_officer":
        assert NOTES in client.get(own_page).content.decode()


def test_the_buddy_reads_the_notes_and_the_candidate_only_the_date(client, noted):
    client.force_login(noted.buddy)
    assert NOTES in client.get(reverse("programme_staff_enrolment", args=[noted.pk])).content.decode()
    client.force_login(noted.candidate)
    page = client.get(reverse("programme_mine")).content.decode()
    assert NOTES not in page and "Your one-to-one sessions" in page


WHY = "SENTINEL-WHY-PROGRAMME"
NEEDS = "SENTINEL-ACCESS-PROGRAMME"


def test_the_pages_that_decide_on_an_application_show_nothing_of_the_programme(client, recruiter, vetting_officer):
    volunteer = in_vetting()
    experience = ApplicationFactory()
    for person in (volunteer.applicant, experience.applicant):
        enrolment = with_session(
            enrolled(applied(candidate=person, **answers(why=WHY, access_needs=NEEDS))), notes=NOTES
        )
        answer(enrolment, ethnic_group="asian")
    words = [WHY, NEEDS, NOTES, "Positive Action Programme", "buddy", "equality", enrolment.intake.name]
    pages = {
        recruiter: [
            reverse("volunteer_staff_application", args=[volunteer.pk]),
            reverse("volunteer_staff_applications"),
            reverse("we_staff_application", args=[experience.pk]),
            f"/admin/volunteers/volunteerapplication/{volunteer.pk}/change/",
            f"/admin/placements/workexperienceapplication/{experience.pk}/change/",
        ],
        vetting_officer: [
            reverse("vetting_records"),
            reverse("vetting_record", args=[ContentType.objects.get_for_model(volunteer).pk, volunteer.pk]),
            f"/admin/placements/workexperienceapplication/{experience.pk}/change/",
        ],
    }
    for person, urls in pages.items():
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode().lower()
            assert not [word for word in words if word.lower() in page], (url, [w for w in words if w.lower() in page])
