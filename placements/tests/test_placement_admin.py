"""The back office acts on placements through the same services as the review page."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from placements.enums import PlacementStatus

from .factories import CommunityPlacementFactory, HostingOfferFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:placements_communityplacement_changelist"


def act(client, action, *placements):
    return client.post(
        reverse(CHANGELIST), {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in placements]}, follow=True
    )


def test_confirming_from_the_admin_takes_places_and_reports_a_full_offer(client, diversity_officer):
    offer = HostingOfferFactory(places=1)
    first, second = CommunityPlacementFactory(offer=offer), CommunityPlacementFactory(offer=offer)
    client.force_login(diversity_officer)
    page = act(client, "confirm_selected", first, second).content.decode()
    assert "1 community placement confirmed." in page
    assert "This offer has no places left." in page
    first.refresh_from_db(), second.refresh_from_db(), offer.refresh_from_db()
    assert {first.status, second.status} == {PlacementStatus.CONFIRMED, PlacementStatus.PROPOSED}
    assert offer.places_taken == 1


def test_placements_are_not_typed_into_the_admin(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    assert client.get(reverse("admin:placements_communityplacement_add")).status_code == 403
    form = client.get(reverse("admin:placements_communityplacement_change", args=[placement.pk])).context["adminform"]
    assert "status" not in form.form.fields and "starts_on" not in form.form.fields  # read-only


def test_head_of_resourcing_cannot_act(client, head_of_resourcing):
    placement = CommunityPlacementFactory()
    client.force_login(head_of_resourcing)
    act(client, "confirm_selected", placement)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.PROPOSED
