"""The staff home (issue 9): what waits for each role, as counts linking to the rows;
"Recent changes" as sentences about the records the viewer may see, with sensitive
reasons only for the roles allowed to read them (also in the action-log admin and export)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.audit import WITHHELD, record_action
from accounts.services import assign_role
from notifications.tests.factories import NotificationFactory
from outreach.services.registrations import record_attendance
from outreach.tests.business_factories import business_interest, contacted_business
from outreach.tests.factories import attendance_to_record
from outreach.tests.programme_factories import applied, enrolled
from placements.enums import ApplicationStatus, PartnerStatus, PlacementStatus, PlacementType
from placements.models import PartnerOrganisation, RiskAssessment
from placements.services.partners import approve_partner
from placements.services.work_experience import discontinue_application, record_clearance, start_vetting
from placements.tests.factories import (
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
)
from placements.tests.presentation_factories import PresentationSessionFactory
from placements.tests.work_experience_factories import ApplicationFactory, ready_for_joining_instructions
from tests.factories import UserFactory
from tests.test_exports import export
from vetting import subjects
from volunteers.tests.factories import (
    OfferedApplicationFactory,
    VolunteerApplicationFactory,
    certificate_to_check,
    interview_to_record,
)

HOME = reverse("staff_dashboard")
S = ApplicationStatus


def queues_on_home(client, user):
    client.force_login(user)
    response = client.get(HOME)
    return {queue.label: queue for queue in response.context["queues"]}, response.content.decode()


def rows_behind(client, url):
    """The records the queue's link lists (an admin changelist or a staff page)."""
    response = client.get(url)
    assert response.status_code == 200, url
    if "cl" in response.context:
        return set(response.context["cl"].queryset)
    if "cohorts" in response.context:
        return officers_behind(client, response.context["cohorts"])
    if "records" in response.context:  # the vetting officer's list (vetting/views/checks.py)
        return {subjects.subject_of(record.checks[0]) for record in response.context["records"]}
    return set(response.context["page"].object_list)


def officers_behind(client, cohorts):
    """The cohort list counts each cohort's officers without both placements, and the cohort's page (its
    link) names them: missing either placement, or with only a cancelled or declined one."""
    found = set()
    for cohort in cohorts:
        overview = client.get(reverse("allocation_cohort", args=[cohort.pk])).context["overview"]
        missing = {
            row.officer
            for row in overview.rows
            if any(standing.placement is None or standing.placement.status == "cancelled" for standing in row.standings)
        }
        assert cohort.missing_count == len(missing), cohort
        found |= missing
    return found


# --- queues -------------------------------------------------------------------------------


def test_the_recruitment_team_sees_its_applications_participants_and_emails(client, recruiter):
    to_shortlist = ApplicationFactory.create_batch(2)
    ApplicationFactory(status=S.VETTING)
    awaiting_agreement = ApplicationFactory(status=S.AGREEMENT_PENDING)
    # issue 10: checks cleared, a reference received and the agreement signed: the team's turn
    ready_to_send = ready_for_joining_instructions(ApplicationFactory(status=S.AGREEMENT_PENDING))
    without_assessment = ApplicationFactory(status=S.CONFIRMED)
    assessed = ApplicationFactory(status=S.CONFIRMED)
    today = timezone.localdate()
    RiskAssessment.objects.create(
        application=assessed, owner=recruiter, assessed_on=today - timedelta(days=9), review_due=today - timedelta(1)
    )
    # protocol 3.3.2: the joining instructions went, and the applicant has not answered by the deadline
    answered = ApplicationFactory(
        status=S.AGREEMENT_PENDING, joining_instructions_sent_at=timezone.now(), attendance_confirmed_at=timezone.now()
    )
    flagged = ApplicationFactory(
        status=S.AGREEMENT_PENDING, joining_instructions_sent_at=timezone.now(), attendance_flagged_at=timezone.now()
    )
    dead = NotificationFactory(dead=True)
    NotificationFactory(sent=True)
    volunteer = VolunteerApplicationFactory()
    VolunteerApplicationFactory(status="shortlisted")
    interviewed = interview_to_record()
    certificate = certificate_to_check()
    offered = OfferedApplicationFactory()
    buddied = enrolled(buddy=recruiter)  # issue 12: any member of staff may be a programme buddy

    queues, page = queues_on_home(client, recruiter)

    expected = {
        "Applications to shortlist": set(to_shortlist),
        "Agreements awaiting signature": {awaiting_agreement},
        "Joining instructions to send": {ready_to_send},
        "Places to confirm": {answered},
        "Participants without a risk assessment": {without_assessment},
        "Overdue risk reviews": {assessed.risk_assessment},
        "Attendance not confirmed": {flagged},
        "Emails that could not be delivered": {dead},
        "Volunteer applications to shortlist": {volunteer},
        "Interviews to record": {interviewed},
        "Medical certificates to check": {certificate},
        "Volunteer offers outstanding": {offered},
        "Candidates you buddy": {buddied},
    }
    assert set(queues) == set(expected)  # no vetting, partners or cohorts: not the team's work
    for label, rows in expected.items():
        assert queues[label].count == len(rows), label
        assert f'<a href="{escape(queues[label].url)}">' in page
        assert rows_behind(client, queues[label].url) == rows, label


def test_the_diversity_placements_officer_sees_partners_cohorts_placements_and_presentations(client, diversity_officer):
    registration = PartnerFactory(status=PartnerStatus.INTERESTED, name="Maidstone Mind")
    nobody_answers = PartnerFactory(status=PartnerStatus.ACTIVE)
    PartnerContactFactory(organisation=nobody_answers, user=UserFactory(is_active=False))
    PartnerContactFactory()  # an active partner with a contact
    placed = StudentOfficerFactory()
    for kind in PlacementType:
        CommunityPlacementFactory(officer=placed, offer=HostingOfferFactory(placement_type=kind))
    half_placed = CommunityPlacementFactory().officer
    cancelled = CommunityPlacementFactory(status=PlacementStatus.CANCELLED).officer
    awaiting = CommunityPlacementFactory(status=PlacementStatus.CONFIRMED)
    for hosting in PartnerOrganisation.objects.filter(placements__isnull=False).distinct():
        PartnerContactFactory(organisation=hosting)  # hosts with someone to answer
    this_week = PresentationSessionFactory(date=timezone.localdate() + timedelta(days=2))
    PresentationSessionFactory(date=timezone.localdate() + timedelta(days=30))
    register_to_take = attendance_to_record()  # issue 12
    taken = attendance_to_record()
    record_attendance(taken, set(), by=diversity_officer)
    attendance_to_record(people=0)  # nobody registered: nothing to take
    new_business = business_interest()  # issue 12: a local business nobody has contacted yet
    contacted_business()
    to_decide = applied()  # issue 12: an application to the Positive Action Programme

    queues, page = queues_on_home(client, diversity_officer)

    expected = {
        "Partner registrations to review": {registration},
        "Active partners without a contact": {nobody_answers},
        "Officers of a cohort without a 2-day or 4-day placement": {half_placed, cancelled, awaiting.officer},
        "Placements awaiting the partner's reply": {awaiting},
        "Presentations in the next 7 days": {this_week},
        "Outreach events: attendance to record": {register_to_take},
        "Businesses to follow up": {new_business},
        "Programme applications to decide": {to_decide},
        "Candidates you buddy": set(),
        "Emails that could not be delivered": set(),
    }
    assert set(queues) == set(expected)
    for label, rows in expected.items():
        assert queues[label].count == len(rows), label
        assert rows_behind(client, queues[label].url) == rows, label
    # Issue 9: the officers' queue leads to the cohorts, whose pages say why each waits and re-allocate them
    assert queues["Officers of a cohort without a 2-day or 4-day placement"].url == reverse("allocation_cohorts")
    assert "Applications to shortlist" not in page


def test_only_the_vetting_officer_sees_vetting_to_decide(client, vetting_officer, recruiter, head_of_resourcing):
    # issue 10: an application whose checks were requested when vetting started
    in_vetting = start_vetting(ApplicationFactory(status=S.SHORTLISTED), by=recruiter)
    ApplicationFactory()

    queues, _ = queues_on_home(client, vetting_officer)

    assert list(queues) == ["Vetting to decide", "Clearances lapsing before the placement ends", "Candidates you buddy"]
    assert queues["Vetting to decide"].count == 1
    assert queues["Clearances lapsing before the placement ends"].count == 0
    assert rows_behind(client, queues["Vetting to decide"].url) == {in_vetting}
    for other in (recruiter, head_of_resourcing):
        assert "Vetting to decide" not in queues_on_home(client, other)[0]


def test_the_head_of_resourcing_sees_the_lists_they_may_open(client, head_of_resourcing):
    ApplicationFactory()
    PartnerFactory(status=PartnerStatus.INTERESTED)

    queues, _ = queues_on_home(client, head_of_resourcing)

    assert set(queues) == {
        "Partner registrations to review",
        "Active partners without a contact",
        "Officers of a cohort without a 2-day or 4-day placement",
        "Placements awaiting the partner's reply",
        "Presentations in the next 7 days",
        "Emails that could not be delivered",
        # protocol 7.1 (placements.queues): theirs alone
        "Review of the Work Experience Protocol due",
        "Candidates you buddy",  # issue 12: any member of staff may be a programme buddy
    }
    assert queues["Partner registrations to review"].count == 1


def test_an_escorting_officer_sees_their_own_participants_without_risk_assessment(client, escorting_officer):
    mine = ApplicationFactory(status=S.CONFIRMED, escorting_officer=escorting_officer)
    ApplicationFactory(status=S.CONFIRMED, escorting_officer=UserFactory())  # someone else's
    overdue = ApplicationFactory(status=S.ATTENDING, escorting_officer=escorting_officer)
    today = timezone.localdate()
    RiskAssessment.objects.create(
        application=overdue, owner=UserFactory(), assessed_on=today - timedelta(10), review_due=today - timedelta(1)
    )

    queues, page = queues_on_home(client, escorting_officer)

    assert {label: q.count for label, q in queues.items()} == {
        "Your participants without a risk assessment": 1,
        "Your participants' overdue risk reviews": 1,
        "Candidates you buddy": 0,
    }
    # each count opens their list of participants filtered to the ones it counts
    without = client.get(queues["Your participants without a risk assessment"].url)
    assert list(without.context["participants"]) == [mine]
    assert "Showing only: your participants without a risk assessment." in without.content.decode()
    assert list(client.get(queues["Your participants' overdue risk reviews"].url).context["participants"]) == [overdue]
    assert "Recent changes" not in page  # escorting officers do not read the action log


# --- recent changes -----------------------------------------------------------------------


def test_recent_changes_read_as_sentences_with_links(client, diversity_officer, recruiter):
    officer = UserFactory(full_name="Sarah Meloni", roles=["diversity_placements_officer"])
    partner = PartnerFactory(name="Maidstone Mind", status=PartnerStatus.INTERESTED)
    approve_partner(partner, by=officer)
    volunteer = UserFactory(full_name="Vic Volunteer")
    assign_role(volunteer, "volunteer", by=recruiter)

    client.force_login(diversity_officer)
    page = client.get(HOME).content.decode()
    link = reverse("admin:placements_partnerorganisation_change", args=[partner.pk])
    assert f'Sarah Meloni approved <a href="{link}">Maidstone Mind</a>' in page
    # the officer may not see people's accounts: neither the sentence nor "User 9"
    assert "Vic Volunteer" not in page and "assign_role" not in page

    client.force_login(recruiter)
    page = client.get(HOME).content.decode()
    user_link = reverse("admin:accounts_user_change", args=[volunteer.pk])
    assert f'{escape(str(recruiter))} gave the Volunteer role to <a href="{user_link}">Vic Volunteer</a>' in page
    assert "Maidstone Mind" not in page  # partners are not the team's records
    assert "assign_role" not in page and "→" not in page


@pytest.fixture
def sensitive_entries(recruiter, vetting_officer):
    refused = ApplicationFactory(status=S.VETTING)
    record_clearance(refused, by=vetting_officer, cleared=False, note="Undisclosed caution in 2024")
    discontinued = ApplicationFactory(status=S.ATTENDING)
    discontinue_application(discontinued, by=recruiter, reason="Shared photos of the custody suite")
    return "Undisclosed caution in 2024", "Shared photos of the custody suite"


@pytest.mark.parametrize(
    ("persona", "sees_vetting", "sees_conduct"),
    [("vetting_officer", True, False), ("recruiter", False, True)],
)
def test_sensitive_reasons_only_for_the_roles_allowed(
    client, request, sensitive_entries, persona, sees_vetting, sees_conduct
):
    vetting_note, conduct_note = sensitive_entries
    client.force_login(request.getfixturevalue(persona))

    home = client.get(HOME).content.decode()
    assert "recorded the vetting decision on" in home and "discontinued" in home
    assert (vetting_note in home, conduct_note in home) == (sees_vetting, sees_conduct)
    assert WITHHELD in home

    changelist = client.get(reverse("admin:accounts_actionlog_changelist")).content.decode()
    assert (vetting_note in changelist, conduct_note in changelist) == (sees_vetting, sees_conduct)
    assert WITHHELD in changelist

    _, rows = export(client, "accounts/actionlog", "csv")
    reasons = {row["Action"]: row["Reason"] for row in rows}
    assert reasons["recorded the vetting decision on"] == (vetting_note if sees_vetting else WITHHELD)
    assert reasons["discontinued"] == (conduct_note if sees_conduct else WITHHELD)


def test_a_withheld_reason_is_not_on_the_record_nor_found_by_search(client, recruiter, sensitive_entries):
    vetting_note, _ = sensitive_entries
    from accounts.models import ActionLog

    entry = ActionLog.objects.get(action="record_clearance")
    client.force_login(recruiter)
    record = client.get(reverse("admin:accounts_actionlog_change", args=[entry.pk])).content.decode()
    assert vetting_note not in record
    found = client.get(reverse("admin:accounts_actionlog_changelist"), {"q": "caution"}).context["cl"].result_count
    assert found == 0


# --- queries ------------------------------------------------------------------------------


# "Your community placements" asks the bar's gate (roles first), not the model backend's
# permissions (one fewer); the recruiter has four more counts (18 -> 22): "Joining instructions
# to send" (its vetting rows are Exists subqueries of that one query), "Volunteer
# applications to shortlist", "Interviews to record" and "Medical certificates to check"
# (and one more, 23, for "Volunteer offers outstanding", issue 11); the
# Head of Resourcing's home, first pinned here, reads the same rows (seven queues, recent
# changes) whatever their number; the Diversity Placements Officer has one more count (16 -> 17),
# "Outreach events: attendance to record" (issue 12), and another (17 -> 18), "Businesses to follow up";
# every member of staff one more, "Candidates you buddy" (issue 12: anyone may be chosen as a buddy),
# and the officer another, "Programme applications to decide" (18 -> 20)
@pytest.mark.parametrize(
    ("persona", "queries"), [("recruiter", 24), ("diversity_officer", 20), ("head_of_resourcing", 19)]
)
def test_the_home_query_count_does_not_grow_with_the_records(
    client, request, persona, queries, assert_query_count_constant
):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    def make_rows(n):
        for _ in range(n):
            application = ApplicationFactory()
            record_action(application, action="shortlist", by=user, from_state=S.APPLIED, to_state=S.SHORTLISTED)
            partner = PartnerFactory(status=PartnerStatus.INTERESTED)
            record_action(partner, action="approve", by=user, to_state=PartnerStatus.APPROVED)

    assert_query_count_constant(client, HOME, make_rows, queries=queries)
