import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_landing_presents_the_four_ways_in(client):
    response = client.get(reverse("landing"))
    text = response.content.decode()
    for heading in ("Partner organisations", "Work experience", "Volunteering", "Positive action"):
        assert heading in text


def test_staff_dashboard_for_recruiter(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("staff_dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Waiting for you" in page and "Applications to shortlist" in page
