"""One rule for reading the action log (issue 9, accounts.audit): each back-office role reads
the entries of the kinds of record it may view, and a sensitive reason only with the
permission it needs, wherever the log is shown: the staff home's "Recent changes", the
action-log admin's list, record, search, filters and export, and a record's own history
(the staff partner page and the back office's history pages). Before, the admin listed
every kind of record to every back-office role."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import capfirst

from accounts.audit import SENSITIVE_REASONS, WITHHELD
from accounts.models import ActionLog
from accounts.roles import Role
from placements.enums import ApplicationStatus, PartnerStatus, ProgrammeStatus
from placements.services.partners import approve_partner, decline_partner
from placements.services.work_experience import discontinue_application, open_programme, record_clearance
from placements.tests.factories import CommunityPlacementFactory, PartnerFactory, accepted_placement
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from tests.factories import UserFactory
from tests.test_exports import export

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_actionlog_changelist")
VETTING_NOTE = "Undisclosed caution in 2024"
CONDUCT_NOTE = "Shared photos of the custody suite"


@pytest.fixture
def log(recruiter, diversity_officer, vetting_officer):
    """Entries of every kind the four back-office roles tell apart, made by the services."""
    officer = UserFactory(full_name="Sarah Meloni", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER])
    approve_partner(PartnerFactory(name="Maidstone Mind", status=PartnerStatus.INTERESTED), by=officer)
    accepted_placement(CommunityPlacementFactory(offer__partner__name="Sevenoaks Dementia Café"), by=officer)
    open_programme(ProgrammeFactory(title="Summer 2027", status=ProgrammeStatus.DRAFT), by=recruiter)
    record_clearance(
        ApplicationFactory(status=ApplicationStatus.VETTING), by=vetting_officer, cleared=False, note=VETTING_NOTE
    )
    discontinue_application(ApplicationFactory(status=ApplicationStatus.ATTENDING), by=recruiter, reason=CONDUCT_NOTE)


USER, PARTNER, PLACEMENT, OFFER, PROGRAMME, APPLICATION = (
    "accounts.user",
    "placements.partnerorganisation",
    "placements.communityplacement",
    "placements.hostingoffer",
    "placements.workexperienceprogramme",
    "placements.workexperienceapplication",
)
# persona -> the kinds of record of the log above they read (those of the models they may view)
KINDS = {
    "recruiter": {USER, PROGRAMME, APPLICATION},
    "diversity_officer": {PARTNER, PLACEMENT, OFFER},
    "vetting_officer": {APPLICATION},
    "head_of_resourcing": {USER, PARTNER, PLACEMENT, OFFER, PROGRAMME},
}


def kind(entry) -> str:
    return f"{entry.content_type.app_label}.{entry.content_type.model}"


def entries_listed(client, **query):
    response = client.get(CHANGELIST, query)
    assert response.status_code == 200
    return response, list(response.context["cl"].queryset)


@pytest.mark.parametrize("persona", sorted(KINDS))
def test_each_role_lists_and_exports_only_the_kinds_of_record_it_may_see(client, request, log, persona):
    client.force_login(request.getfixturevalue(persona))

    _, listed = entries_listed(client)
    assert {kind(entry) for entry in listed} == KINDS[persona]

    _, rows = export(client, "accounts/actionlog", "csv")
    assert len(rows) == len(listed)
    names = {ContentType.objects.get_by_natural_key(*k.split(".")).name for k in KINDS[persona]}
    assert {row["Record type"] for row in rows} == names


@pytest.mark.parametrize("persona", sorted(KINDS))
def test_an_entry_of_another_kind_is_not_shown_on_its_own_page(client, request, log, persona):
    client.force_login(request.getfixturevalue(persona))
    for entry in ActionLog.objects.all():
        response = client.get(reverse("admin:accounts_actionlog_change", args=[entry.pk]))
        if kind(entry) in KINDS[persona]:
            assert response.status_code == 200, kind(entry)
        else:
            # the admin's answer for a record that is not there: back to its index
            assert response.status_code == 302, kind(entry)


@pytest.mark.parametrize("persona", sorted(KINDS))
def test_the_filters_offer_and_apply_only_what_the_role_may_see(client, request, log, persona):
    client.force_login(request.getfixturevalue(persona))
    response, _ = entries_listed(client)
    filters = {spec.title: spec for spec in response.context["cl"].filter_specs}

    kinds_offered = {label for _value, label in filters["kind of record"].lookup_choices}
    may_view = {
        capfirst(ContentType.objects.get_by_natural_key(app, codename.removeprefix("view_")).name)
        for app, codename in (p.split(".", 1) for p in request.getfixturevalue(persona).get_all_permissions())
        if codename.startswith("view_")
    }
    assert kinds_offered == may_view
    actions_offered = {label for _value, label in filters["what happened"].lookup_choices}
    assert ("approved" in actions_offered) == (PARTNER in KINDS[persona])
    assert ("opened" in actions_offered) == (PROGRAMME in KINDS[persona])

    # a kind typed into the address that the role may not see lists nothing
    hidden = ContentType.objects.get_by_natural_key("placements", "partnerorganisation")
    _, listed = entries_listed(client, kind=hidden.pk)
    assert bool(listed) == (PARTNER in KINDS[persona])


@pytest.mark.parametrize("persona", sorted(KINDS))
def test_search_finds_only_entries_the_role_may_see(client, request, log, persona):
    client.force_login(request.getfixturevalue(persona))
    _, found = entries_listed(client, q="Sarah Meloni")  # her entries: a partner, a placement, an offer
    assert {kind(entry) for entry in found} == KINDS[persona] & {PARTNER, PLACEMENT, OFFER}
    # reasons are searched only by a role that may read every one of them: none of these
    _, found = entries_listed(client, q="custody suite")
    assert found == []


@pytest.mark.parametrize(
    ("persona", "vetting", "conduct"),
    [
        ("vetting_officer", VETTING_NOTE, WITHHELD),
        ("recruiter", WITHHELD, CONDUCT_NOTE),
        # the Head of Resourcing may read conduct reasons, but views no applications
        ("head_of_resourcing", None, None),
    ],
)
def test_sensitive_reasons_in_the_list_the_record_and_the_export(client, request, log, persona, vetting, conduct):
    client.force_login(request.getfixturevalue(persona))
    _, rows = export(client, "accounts/actionlog", "csv")
    reasons = {row["Action"]: row["Reason"] for row in rows}
    assert (reasons.get("recorded the vetting decision on"), reasons.get("discontinued")) == (vetting, conduct)

    page, _ = entries_listed(client)
    html = page.content.decode()
    assert (VETTING_NOTE in html, CONDUCT_NOTE in html) == (vetting == VETTING_NOTE, conduct == CONDUCT_NOTE)
    for action, shown in (("record_clearance", vetting), ("discontinue", conduct)):
        entry = ActionLog.objects.get(action=action)
        record = client.get(reverse("admin:accounts_actionlog_change", args=[entry.pk])).content.decode()
        assert (entry.reason in record) == (shown == entry.reason)


def test_one_rule_everywhere_a_reason_newly_sensitive_is_withheld_on_the_partner_pages(
    client, diversity_officer, head_of_resourcing, monkeypatch
):
    """The partner pages follow SENSITIVE_REASONS too: were a partner's decline reason made
    sensitive, the staff page and the back office's history would withhold it (the field
    it is copied into included) from a role without the permission."""
    partner = PartnerFactory(name="Maidstone Mind", status=PartnerStatus.INTERESTED)
    decline_partner(partner, by=diversity_officer, reason="Their premises are not accessible")
    monkeypatch.setitem(SENSITIVE_REASONS, "decline", "accounts.see_conduct_reasons")

    client.force_login(diversity_officer)
    for url in (
        reverse("staff_partner_detail", args=[partner.pk]),
        reverse("admin:placements_partnerorganisation_history", args=[partner.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Their premises are not accessible" not in page, url
        assert WITHHELD in page, url

    client.force_login(head_of_resourcing)  # who may read conduct reasons
    assert (
        "Their premises are not accessible"
        in client.get(reverse("admin:placements_partnerorganisation_history", args=[partner.pk])).content.decode()
    )


def test_the_partner_pages_read_the_history_in_words(client, diversity_officer, head_of_resourcing):
    officer = UserFactory(full_name="Sarah Meloni", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER])
    partner = PartnerFactory(name="Maidstone Mind", status=PartnerStatus.INTERESTED)
    decline_partner(partner, by=officer, reason="Outside Kent")

    for viewer in (diversity_officer, head_of_resourcing):
        client.force_login(viewer)
        for url in (
            reverse("staff_partner_detail", args=[partner.pk]),
            reverse("admin:placements_partnerorganisation_history", args=[partner.pk]),
        ):
            page = client.get(url).content.decode()
            assert "Sarah Meloni declined Maidstone Mind" in page, url
            assert "Interested → Declined" in page and "Outside Kent" in page, url
            assert "decline:" not in page and "interested →" not in page, url


def test_an_applications_history_withholds_the_conduct_reason_from_the_vetting_officer(
    client, recruiter, vetting_officer
):
    application = ApplicationFactory(status=ApplicationStatus.ATTENDING)
    discontinue_application(application, by=recruiter, reason=CONDUCT_NOTE)
    history = reverse("admin:placements_workexperienceapplication_history", args=[application.pk])

    client.force_login(vetting_officer)
    page = client.get(history).content.decode()
    assert CONDUCT_NOTE not in page and WITHHELD in page

    client.force_login(recruiter)
    assert CONDUCT_NOTE in client.get(history).content.decode()
