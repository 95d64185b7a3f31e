"""The action log reads as words with names (issue 9: the staff dashboard showed
"assign_role: — → volunteer" and "User 9"). The demo data is loaded, its people then do
what each of them does through the services (every kind of entry the log holds), and the
whole log is read wherever it is shown: as sentences (the staff home, record pages), in
the action-log admin and in its export. None may show an internal ID or a stored code."""

import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from accounts.audit import describe, visible_entries
from accounts.demo import demo_email
from accounts.models import ActionLog, User
from accounts.personal_data import erase_person
from accounts.roles import Role
from accounts.services import assign_role
from outreach.models import OutreachEvent
from outreach.services.events import cancel_event, change_places
from outreach.services.registrations import cancel_from_link, cancel_registration, record_attendance
from outreach.tests.factories import emailed_cancel_token
from placements.demo import DEMO_PARTICIPANTS
from placements.enums import ActivityKind, ApplicationStatus, PlacementStatus, PlacementType
from placements.models import (
    Cohort,
    CommunityPlacement,
    HostingOffer,
    PartnerOrganisation,
    PresentationInvitation,
    StudentOfficer,
    WorkExperienceApplication,
    WorkExperienceProgramme,
)
from placements.services import partners, placement_days, placements, presentations, work_experience
from placements.services.allocation import run_allocation
from placements.services.calendars import rotate_calendar_token
from placements.services.officers import enrol_student_officer
from tests.factories import UserFactory
from tests.test_exports import export
from vetting.services.agreements import Evidence, agreement_of, sign_as_guardian, sign_as_participant
from vetting.services.checks import checks_of, clear_check, start_check
from vetting.services.references import request_reference, submit_reference
from vetting.tests.agreement_helpers import consent_token
from vetting.tests.references import ANSWERS, emailed_token
from volunteers.enums import CampaignStatus, VolunteerApplicationStatus
from volunteers.models import RecruitmentCampaign, VolunteerApplication
from volunteers.services.campaigns import close_campaign

pytestmark = pytest.mark.django_db

# What a reader must never see: a record or a person by number, a stored code.
INTERNAL = [
    re.compile(
        r"\b(user|placement|application|invitation|offer|programme|session|contact|officer|partner)s? \d+\b", re.I
    ),
    re.compile(r"\bobject \(\d+\)"),  # Django's name for a record without one
    re.compile(r"\b[a-z]+(_[a-z]+)+\b"),  # snake_case: a status, role, kind or action code
]


def person(login) -> User:
    return User.objects.get(email=demo_email(login))


def internal_codes(text: str) -> list[str]:
    return [match.group(0) for pattern in INTERNAL for match in pattern.finditer(text)]


@pytest.fixture
def demo_log(settings):
    """The demo data, then a working season of its people, through the services."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    rita, sarah, victor, erin = (person(login) for login in ("recruiter", "diversity", "vetting", "escort"))
    sam, priya, alex = person("student"), person("partner"), person("applicant")
    mind, medway, tonbridge = (
        PartnerOrganisation.objects.get(name=name)
        for name in ("Maidstone Mind", "Medway Sight and Hearing", "Tonbridge Hearing Support")
    )
    cohort = Cohort.objects.get()
    today = timezone.localdate()

    # The Diversity Placements Officer's partners; the partner's colleagues and offers.
    partners.approve_partner(medway, by=sarah)
    partners.reactivate_partner(tonbridge, by=sarah, reason="They have a new volunteer lead")
    partners.decline_partner(tonbridge, by=sarah, reason="They cannot host before next year")
    partners.add_contact(mind, by=priya, full_name="Dee Colleague", email="dee@maidstonemind.example")
    four_day_from, four_day_until = cohort.window(PlacementType.FOUR_DAY)
    offer = partners.offer_places(
        mind,
        by=priya,
        placement_type=PlacementType.FOUR_DAY,
        places=2,
        available_from=four_day_from,
        available_until=four_day_until,
    )
    partners.change_offer_places(offer, by=priya, places=3)

    # Placements: accepted, presented, given feedback; a new officer allocated, moved, confirmed, declined.
    sams = CommunityPlacement.objects.filter(officer__user=sam)
    waiting = sams.get(status=PlacementStatus.CONFIRMED)
    partners.accept_placement(waiting, by=priya)
    done = sams.get(status=PlacementStatus.COMPLETED)
    presentations.give_feedback(done, by=priya, rating=5, comment="Sam listened well.")
    placements.mark_presented(done, by=sarah)
    newcomer = StudentOfficer.objects.create(
        cohort=cohort, full_name="Nia Newcomer", email="nia.newcomer@kent.police.example", staff_number="KP10099"
    )
    enrol_student_officer(newcomer, by=sarah)
    run_allocation(cohort, PlacementType.FOUR_DAY, by=sarah)
    proposal = CommunityPlacement.objects.get(officer=newcomer, status=PlacementStatus.PROPOSED)
    other = HostingOffer.objects.filter(placement_type=PlacementType.FOUR_DAY).exclude(pk=proposal.offer_id).first()
    placements.move_proposal(proposal, other, proposal.starts_on, by=sarah)
    placements.confirm_placement(proposal, by=sarah)
    partners.decline_placement(proposal, by=priya, reason="Our building is closed that week.")
    rotate_calendar_token(StudentOfficer.objects.get(user=sam), by=sam)

    # Presentations: the partner replies for two people.
    invitation = PresentationInvitation.objects.get(partner=mind)
    presentations.reply_to_invitation(invitation, by=priya, attending=True, attendees=2, attendee_names="Priya\nDee")

    # Work experience: an application from sent to confirmed, a participant's days, one discontinued.
    application = WorkExperienceApplication.objects.get(applicant=alex, status=ApplicationStatus.APPLIED)
    work_experience.shortlist_application(application, by=rita)
    work_experience.start_vetting(application, by=rita)
    for check in checks_of(application):  # the vetting officer clears the checks starting vetting asked for
        start_check(check, by=victor)
        clear_check(check, by=victor, notes="Checks complete")
    application = work_experience.request_agreement(application, by=rita)
    agreement, evidence = agreement_of(application), Evidence(ip_address=None, user_agent="")
    shown = agreement.version.text_sha256
    sign_as_participant(agreement, user=alex, name="Alex Applicant", shown_sha256=shown, evidence=evidence)
    if agreement.guardian_needed:
        sign_as_guardian(consent_token(agreement), name="Pat Parent", shown_sha256=shown, evidence=evidence)
    placement_days.record_risk_assessment(
        application,
        by=rita,
        owner=erin,
        assessed_on=today,
        review_due=today + timedelta(days=7),
        summary="Escorted at all times.",
    )
    # Protocol 3.3.2: a reference in, the joining instructions, the applicant's answer, the place.
    reference = request_reference(
        application, by=rita, referee_name="Robin Tutor", referee_email="robin@school.example", relationship="Tutor"
    )
    submit_reference(emailed_token(reference), answers=ANSWERS)
    application = work_experience.send_joining_instructions(application, by=rita)
    placement_days.confirm_attendance(application, by=alex)
    work_experience.confirm_application(application, by=rita)
    placement_days.assign_escorting_officer(application, by=rita, officer=erin)
    running = WorkExperienceProgramme.objects.get(status="running")
    participant = WorkExperienceApplication.objects.get(programme=running, applicant=alex)
    placement_days.record_activity(
        participant, by=erin, date=running.starts_on, kind=ActivityKind.COLLEGE_SESSION, notes="Met the PCSOs."
    )
    placement_days.record_attendance(participant, by=rita, date=running.starts_on, present=True)
    placement_days.record_attendance(participant, by=rita, date=running.starts_on, present=False, note="Left early")
    placement_days.add_diary_entry(
        participant, by=alex, date=running.starts_on, text="I saw how the control room works."
    )
    morgan = WorkExperienceApplication.objects.get(
        programme=running, applicant__email=demo_email(DEMO_PARTICIPANTS[1][1])
    )
    placement_days.record_security_briefing(morgan, by=erin, given_by="PS Dana Lane", given_on=running.starts_on)
    placement_days.add_risk_attachment(
        participant.risk_assessment,
        by=erin,
        kind=ActivityKind.LICENSING,
        findings="Stays outside licensed premises.",
        hazards_identified=True,
        who_might_be_harmed=True,
        precautions_in_place=True,
        participant_told=True,
    )
    work_experience.mark_attending(morgan, by=rita)
    work_experience.discontinue_application(morgan, by=rita, reason="Abusive language to staff.")
    late = WorkExperienceApplication.objects.create(
        programme=application.programme, applicant=UserFactory(full_name="Lee Late"), status=ApplicationStatus.APPLIED
    )
    work_experience.decline_application(late, by=rita, reason="capacity")
    interest = work_experience.register_interest(full_name="Ivy Interested", email="ivy@example.org")
    work_experience.unsubscribe_interest(interest)
    work_experience.close_programme(application.programme, by=rita)

    # The back office: a role given, a campaign closed.
    assign_role(UserFactory(full_name="Vic Volunteer"), Role.VOLUNTEER, by=rita, reason="joined the pilot")
    close_campaign(RecruitmentCampaign.objects.get(status=CampaignStatus.OPEN), by=rita)

    # Outreach (issue 12): a place given up from the link goes to the first waiting; the officer
    # cancels one for the person, adds places, takes and corrects a register and calls an event off.
    full = OutreachEvent.objects.get(title="SEARCH assessment workshop, Canterbury")
    cancel_from_link(emailed_cancel_token(full.registrations.filter(status="registered").first()))
    cancel_registration(full.registrations.filter(status="registered").first(), by=sarah)
    change_places(full, by=sarah, capacity=4)
    day = OutreachEvent.objects.get(title__startswith="#MoreThanTheBadge")
    record_attendance(day, set(day.registrations.values_list("pk", flat=True)[:2]), by=sarah)
    record_attendance(day, set(), by=sarah)
    maidstone = OutreachEvent.objects.get(title="Pre-application workshop, Maidstone")
    cancel_event(maidstone, by=sarah, reason="The college is closed that evening.")

    # Erasure on request (issue 13): a volunteer applicant with an interview booked, then someone
    # holding a place at the workshop; each live record is ended first, by the Head of Resourcing.
    harriet = person("resourcing")
    booked = VolunteerApplication.objects.filter(status=VolunteerApplicationStatus.INTERVIEW_BOOKED).first()
    erase_person(booked.applicant.email, by=harriet)
    erase_person(full.registrations.filter(status="registered").first().email, by=harriet)
    return ActionLog.objects.all()


def test_every_entry_reads_as_a_sentence_with_names(demo_log):
    reader = UserFactory(is_superuser=True)
    kinds = {entry.action for entry in demo_log}
    # the entries the issue named, and the counters' moves, are among those read
    assert {"assign_role", "assign_escorting_officer", "take places_taken", "release places_taken"} <= kinds
    assert {"withdraw_for_erasure", "cancel_registration_for_erasure", "erase_personal_data"} <= kinds

    problems = []
    for change in describe(visible_entries(reader).order_by("pk"), reader):
        sentence = f"{change.actor} {change.verb} {change.record}. {change.states}. {change.reason}"
        problems += [f"{sentence!r}: {code!r}" for code in internal_codes(sentence)]
        if "“" in change.verb:  # the fallback for an action nobody worded
            problems.append(f"{sentence!r}: no words for this action")
    assert problems == []


def test_the_admin_and_the_export_show_the_log_in_words(client, demo_log):
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    url = reverse("admin:accounts_actionlog_changelist")
    first = client.get(url)
    cl = first.context["cl"]
    assert cl.result_count == demo_log.count()
    for number in range(cl.paginator.num_pages):  # every page of the list, as the team pages through it
        listed = first if number == 0 else client.get(url, {"p": number + 1})
        rows_html = re.search(r'<table id="result_list">(.*?)</table>', listed.content.decode(), re.S).group(1)
        assert internal_codes(unescape(strip_tags(rows_html))) == []

    _, rows = export(client, "accounts/actionlog", "csv")
    assert len(rows) == demo_log.count()
    problems = [
        f"{row}: {code!r}"
        for row in rows
        for column in ("By", "Record", "Action", "From", "To", "Reason")
        for code in internal_codes(row[column])
    ]
    assert problems == []
