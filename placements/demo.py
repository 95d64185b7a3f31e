"""Demo data for placements, loaded by `manage.py seed_demo` (accounts). Idempotent.

Issue 9: every demo persona finds something on each of their pages, so the dates are
relative to the day the demo is loaded: the cohort's 2-day placements are over (a
reflection to write, feedback to give), its 4-day round has started (a placement waits
for the partner's reply, two officers are at risk of missing theirs), a presentation
session takes replies and has a waiting list, and a work-experience programme is running
this week with an escorting officer, participants and daily registers. Rows are created
in the state the story has reached, as the partners above are (no emails go out)."""

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from vetting.demo import seed_agreements_demo, seed_completed_journey_demo, seed_completed_vetting_demo

from .enums import (
    ActivityKind,
    ApplicationStatus,
    CommunityCode,
    KentDistrict,
    OrganisationKind,
    PartnerResponse,
    PartnerStatus,
    PlacementStatus,
    PlacementType,
    ProgrammeStatus,
    RsvpStatus,
)
from .models import (
    Cohort,
    Community,
    CommunityPlacement,
    HostingOffer,
    PartnerContact,
    PartnerOrganisation,
    PlacementReflection,
    PresentationInvitation,
    PresentationSession,
    RiskAssessment,
    RiskAttachment,
    SecurityBriefing,
    StudentOfficer,
    WorkExperienceApplication,
    WorkExperienceProgramme,
)
from .models.work_experience import RISK_FRAMEWORK_CHECKS
from .services.presentations import submit_reflection
from .validators import duplicate_key

C = CommunityCode
DEMO_PARTNERS = [
    # name, kind, KICA, number, postcode, district, status, communities
    (
        "Maidstone Mind",
        OrganisationKind.CHARITY,
        True,
        "1101234",
        "ME14 1XX",
        KentDistrict.MAIDSTONE,
        PartnerStatus.ACTIVE,
        [C.MENTAL_ILL_HEALTH],
    ),
    (
        "Sevenoaks Dementia Café",
        OrganisationKind.COMMUNITY_GROUP,
        True,
        "",
        "TN13 1AA",
        KentDistrict.SEVENOAKS,
        PartnerStatus.ACTIVE,
        [C.DEMENTIA, C.OLDER_PEOPLE],
    ),
    (
        "Medway Sight and Hearing",
        OrganisationKind.CHARITY,
        False,
        "1045678",
        "ME4 4TR",
        KentDistrict.MEDWAY,
        PartnerStatus.INTERESTED,
        [C.PHYSICAL_DISABILITY],
    ),
    # declined: the Diversity Placements Officer may look at it again (reactivate)
    (
        "Tonbridge Hearing Support",
        OrganisationKind.COMMUNITY_GROUP,
        False,
        "",
        "TN9 1AB",
        KentDistrict.TONBRIDGE_MALLING,
        PartnerStatus.DECLINED,
        [C.PHYSICAL_DISABILITY],
    ),
    # Issue 9: they hosted other officers of the round and replied to the presentations
    (
        "Ashford Carers' Hub",
        OrganisationKind.CHARITY,
        True,
        "1123456",
        "TN23 1PL",
        KentDistrict.ASHFORD,
        PartnerStatus.ACTIVE,
        [C.OLDER_PEOPLE, C.PHYSICAL_DISABILITY],
    ),
    (
        "Canterbury Deaf Centre",
        OrganisationKind.CHARITY,
        False,
        "1098765",
        "CT1 2RB",
        KentDistrict.CANTERBURY,
        PartnerStatus.ACTIVE,
        [C.PHYSICAL_DISABILITY],
    ),
]
# a minimal PDF: the demo officer's presentation slides
DEMO_SLIDES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DEMO_PARTICIPANTS = [("Jamie Participant", "jamie.participant"), ("Morgan Participant", "morgan.participant")]
# Issue 10: an applicant to the summer programme whose vetting checks are under way.
DEMO_IN_VETTING = ("Riley Vetted", "riley.vetted")
# Protocol 3.3.2: an applicant whose joining instructions have gone, who has yet to confirm
# they will attend (the step before the place is confirmed).
DEMO_AWAITING_ATTENDANCE = ("Sam Joining", "sam.joining")
# Issue 10: "one journey completed to the end, with its sealed agreement".
DEMO_COMPLETED = ("Charlie Completed", "charlie.completed")


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def demo_cohort(today: date) -> dict:
    """A cohort whose 19-week course has just ended: the 2-day window is past, the
    4-day window opens about three months after the course (seed 000)."""
    course_start = monday(today) - timedelta(weeks=20)
    two_day = course_start + timedelta(weeks=10)
    four_day = monday(today) + timedelta(weeks=14)
    return {
        "name": f"Cohort {course_start:%Y-%m}",
        "course_start": course_start,
        "two_day_window_start": two_day,
        "two_day_window_end": two_day + timedelta(days=25),
        "four_day_window_start": four_day,
        "four_day_window_end": four_day + timedelta(days=53),
    }


def seed_placements_demo(*, partner_user, officer_user):
    today = timezone.localdate()
    partners = [_partner(*row) for row in DEMO_PARTNERS]
    # the demo contact speaks for two organisations: the portal lists both
    for primary, partner in ((True, partners[0]), (False, partners[1])):
        PartnerContact.objects.get_or_create(
            organisation=partner,
            email=partner_user.email,
            defaults={"full_name": partner_user.full_name, "user": partner_user, "is_primary": primary},
        )
    fields = demo_cohort(today)
    cohort, _ = Cohort.objects.get_or_create(name=fields["name"], defaults=fields)
    officer, _ = StudentOfficer.objects.get_or_create(
        email=officer_user.email,
        defaults={
            "cohort": cohort,
            "user": officer_user,
            "staff_number": "KP10001",
            "full_name": officer_user.full_name,
        },
    )
    offers = {}
    for placement_type, (start, end) in (
        (PlacementType.TWO_DAY, cohort.window(PlacementType.TWO_DAY)),
        (PlacementType.FOUR_DAY, cohort.window(PlacementType.FOUR_DAY)),
    ):
        for partner in partners[:2]:
            offers[placement_type, partner.pk], _ = HostingOffer.objects.get_or_create(
                partner=partner,
                placement_type=placement_type,
                defaults={"places": 4, "available_from": start, "available_until": end},
            )
    # the 2-day placement is over: a reflection written, the partner's feedback to give
    two_day = _placement(officer, offers[PlacementType.TWO_DAY, partners[0].pk], PlacementStatus.COMPLETED, 2)
    if not PlacementReflection.objects.filter(placement=two_day).exists():
        submit_reflection(
            two_day,
            by=officer_user,
            summary="What the people Maidstone Mind supports want from the police.",
            reflection="I will take more time to listen when someone is in crisis.",
            upload=SimpleUploadedFile("slides.pdf", DEMO_SLIDES),
        )
    # the 4-day placement waits for the partner's reply (the cohort page offers to accept it for the partner)
    _placement(officer, offers[PlacementType.FOUR_DAY, partners[1].pk], PlacementStatus.CONFIRMED, 4)
    _officers_at_risk(cohort, partners, offers)
    _classmate_with_a_proposal(cohort, partners, offers)
    _presentation_session(cohort, today, partners)


def _presentation_session(cohort, today, partners):
    """A small room, full: one organisation coming, one on the waiting list, one that
    declined, and the demo contact's own organisation still to reply (issue 9)."""
    maidstone, sevenoaks, ashford, canterbury = partners[0], partners[1], partners[4], partners[5]
    now = timezone.now()
    session, _ = PresentationSession.objects.get_or_create(
        cohort=cohort,
        placement_type=PlacementType.TWO_DAY,
        defaults={
            "date": monday(today) + timedelta(weeks=2, days=2),
            "starts_at": time(14),
            "room": "Lecture theatre 2",
            "capacity": 4,
            "seats_taken": 3,
            "rsvp_cutoff": now + timedelta(days=10),
        },
    )
    replies = [
        (maidstone, {}),
        (
            ashford,
            {
                "rsvp_status": RsvpStatus.ATTENDING,
                "attendees": 3,
                "attendee_names": "Jo Hart\nLee Brown\nAmir Khan",
                "access_needs": "Step-free access for Lee",
                "replied_at": now - timedelta(days=3),
            },
        ),
        (
            sevenoaks,
            {
                "rsvp_status": RsvpStatus.WAITING,
                "attendees": 2,
                "attendee_names": "Priya Partner\nTom Webb",
                "replied_at": now - timedelta(days=1),
                "waiting_since": now - timedelta(days=1),
            },
        ),
        (canterbury, {"rsvp_status": RsvpStatus.CANCELLED, "replied_at": now - timedelta(days=2)}),
    ]
    for partner, reply in replies:
        PresentationInvitation.objects.get_or_create(session=session, partner=partner, defaults=reply)


def _officers_at_risk(cohort, partners, offers):
    """Issue 9: the cohort's 4-day round has started, and two officers are at risk of missing it: Riley was
    never placed (re-allocating places them at Maidstone Mind); Sevenoaks Dementia Café declined Jordan, who
    cannot go back to Maidstone Mind (their 2-day host) either, so re-allocating says why they stay unplaced."""
    riley, jordan = (
        StudentOfficer.objects.get_or_create(
            staff_number=staff_number,
            defaults={"cohort": cohort, "full_name": name, "email": f"{staff_number.lower()}@{DEMO_DOMAIN}"},
        )[0]
        for staff_number, name in (("KP10002", "Riley Officer"), ("KP10003", "Jordan Officer"))
    )
    maidstone, sevenoaks = partners[0], partners[1]
    _placement(riley, offers[PlacementType.TWO_DAY, sevenoaks.pk], PlacementStatus.COMPLETED, 2)
    _placement(jordan, offers[PlacementType.TWO_DAY, maidstone.pk], PlacementStatus.COMPLETED, 2)
    reason = "Our day centre is closed that week for building work."
    _placement(
        jordan,
        offers[PlacementType.FOUR_DAY, sevenoaks.pk],
        PlacementStatus.CANCELLED,
        4,
        partner_response=PartnerResponse.DECLINED,
        partner_response_reason=reason,
        cancel_reason=f"{sevenoaks.name} cannot host it: {reason}",
    )


def _classmate_with_a_proposal(cohort, partners, offers):
    """Casey's 4-day placement is still the allocator's proposal: the Diversity Placements Officer may
    move it or confirm it (issue 9: the review row's "Move" page)."""
    casey, _ = StudentOfficer.objects.get_or_create(
        staff_number="KP10004",
        defaults={"cohort": cohort, "full_name": "Casey Recruit", "email": f"kp10004@{DEMO_DOMAIN}"},
    )
    maidstone, sevenoaks = partners[0], partners[1]
    _placement(casey, offers[PlacementType.TWO_DAY, sevenoaks.pk], PlacementStatus.COMPLETED, 2)
    _placement(casey, offers[PlacementType.FOUR_DAY, maidstone.pk], PlacementStatus.PROPOSED, 4)


def _placement(officer, offer, status, days, **fields):
    """The officer's placement of the offer's type, from the first Monday of the offer."""
    starts_on = monday(offer.available_from + timedelta(days=6))
    placement, _ = CommunityPlacement.objects.get_or_create(
        officer=officer,
        placement_type=offer.placement_type,
        defaults={
            "offer": offer,
            "partner": offer.partner,
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=days - 1),
            "status": status,
            "partner_response": PartnerResponse.ACCEPTED
            if status == PlacementStatus.COMPLETED
            else PartnerResponse.AWAITING,
            "confirmed_at": None if status == PlacementStatus.PROPOSED else timezone.now(),
            **fields,
        },
    )
    return placement


def seed_work_experience_demo(*, applicant_user, escort_user, vetting_officer, open_programme, make_participant):
    """A programme running this week with the demo escorting officer's participants (the
    demo applicant among them), each through every step protocol 3.3.2 asks before a
    confirmed place; an applicant to the open programme waiting to confirm they will attend;
    and the demo applicant's application to the open programme.
    ``make_participant(name, login)`` gives the user for a participant who has no demo login.
    Returns the application in vetting, whose checks vetting's demo records (vetting/demo.py)."""
    today = timezone.localdate()
    now = timezone.now()
    running, _ = WorkExperienceProgramme.objects.get_or_create(
        title=f"Work experience week, {monday(today):%-d %B %Y}",
        defaults={
            "starts_on": monday(today),
            "ends_on": monday(today) + timedelta(days=4),
            "capacity": 10,
            "applications_open_at": now - timedelta(days=90),
            "applications_close_at": now - timedelta(days=30),
            "status": ProgrammeStatus.RUNNING,
            "arrival_time": time(9),
            "contact_details": "Corporate Recruitment Team, 01622 690690",
        },
    )
    people = [applicant_user, *(make_participant(name, login) for name, login in DEMO_PARTICIPANTS)]
    participants = [
        _application(
            running,
            person,
            status=ApplicationStatus.CONFIRMED,
            date_of_birth=date(today.year - 16, 3, 1 + number),
            escorting_officer=escort_user,
            joining_instructions_sent_at=now - timedelta(days=14),
            attendance_confirmed_at=now - timedelta(days=12),
        )
        for number, person in enumerate(people)
    ]
    # Issue 10: all but the last have had their security briefing and risk assessment, so
    # the escort's pages show a participant ready for activities and one still to start.
    for application in participants[:-1]:
        _started(application, escort_user)
    running.places_confirmed = len(people)
    running.save(update_fields=["places_confirmed"])
    # each was vetted, gave a reference and signed the Work Placement Agreement before the
    # joining instructions went (protocol 3.3.2, 3.4.1)
    confirmed = running.applications.filter(status=ApplicationStatus.CONFIRMED)
    seed_completed_vetting_demo(confirmed, vetting_officer=vetting_officer)
    seed_agreements_demo(confirmed)
    answering = _application(
        open_programme,
        make_participant(*DEMO_AWAITING_ATTENDANCE),
        status=ApplicationStatus.AGREEMENT_PENDING,
        date_of_birth=date(today.year - 16, 9, 1),
        joining_instructions_sent_at=now - timedelta(days=2),
    )
    seed_completed_vetting_demo([answering], vetting_officer=vetting_officer)
    seed_agreements_demo([answering])
    _completed_journey(make_participant(*DEMO_COMPLETED), escort_user, vetting_officer, today)
    # another programme open for applications, which the demo applicant has not applied to
    WorkExperienceProgramme.objects.get_or_create(
        title="October half-term work experience",
        defaults={
            "starts_on": open_programme.starts_on + timedelta(weeks=14),
            "ends_on": open_programme.starts_on + timedelta(weeks=14, days=4),
            "capacity": 12,
            "applications_open_at": now,
            "applications_close_at": open_programme.applications_close_at,
            "status": ProgrammeStatus.OPEN,
        },
    )
    # an application still under way: the applicant may read it, or withdraw it
    _application(
        open_programme, applicant_user, status=ApplicationStatus.APPLIED, date_of_birth=date(today.year - 16, 3, 1)
    )
    return _application(
        open_programme,
        make_participant(*DEMO_IN_VETTING),
        status=ApplicationStatus.VETTING,
        date_of_birth=date(today.year - 17, 5, 1),
    )


def finished_programme(starts_on, *, capacity, places_confirmed) -> WorkExperienceProgramme:
    """A week's programme that ran from ``starts_on`` and finished, its applications closed
    two months before (the demo's past: the completed journey, the monitoring figures)."""
    opened = timezone.make_aware(datetime.combine(starts_on - timedelta(days=120), time(9)))
    programme, _ = WorkExperienceProgramme.objects.get_or_create(
        title=f"Work experience week, {starts_on:%-d %B %Y}",
        defaults={
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=4),
            "capacity": capacity,
            "places_confirmed": places_confirmed,
            "applications_open_at": opened,
            "applications_close_at": opened + timedelta(days=60),
            "status": ProgrammeStatus.FINISHED,
            "arrival_time": time(9),
            "contact_details": "Corporate Recruitment Team, 01622 690690",
        },
    )
    return programme


def _completed_journey(person, escort_user, vetting_officer, today):
    """A programme that finished a month ago and one participant who went the whole way:
    applied, vetted, referenced, joining instructions sent and attendance confirmed
    (protocol 3.3.2), agreement signed (3.4.1), briefed and risk-assessed on the first day
    (3.5.4), completed. Vetting's rows, and the sealed agreement, are vetting's demo."""
    starts_on = monday(today) - timedelta(weeks=5)
    at = lambda day, hour=10: timezone.make_aware(datetime.combine(day, time(hour)))  # noqa: E731
    finished = finished_programme(starts_on, capacity=10, places_confirmed=1)  # a completed place is kept
    application = _application(
        finished,
        person,
        status=ApplicationStatus.COMPLETED,
        date_of_birth=date(starts_on.year - 17, 2, 1),
        escorting_officer=escort_user,
        submitted_at=at(starts_on - timedelta(days=70)),
        joining_instructions_sent_at=at(starts_on - timedelta(days=14)),
        attendance_confirmed_at=at(starts_on - timedelta(days=12), 19),
    )
    _started(application, escort_user)
    seed_completed_journey_demo(application, vetting_officer=vetting_officer)


# The areas the demo's risk assessments cover (protocol 3.5.4, 3.5.6).
DEMO_ATTACHMENTS = {
    ActivityKind.COLLEGE_SESSION: "Classroom sessions at the college: fire exits shown; escorted between buildings.",
    ActivityKind.COMMUNITY_LIAISON: "Meeting community groups on site: the escorting officer stays with them.",
}


def _started(application, escort_user):
    """The start of the placement (protocol 3.4.1, 3.5.4), as the story has reached it."""
    first_day = application.programme.starts_on
    SecurityBriefing.objects.get_or_create(
        application=application,
        defaults={"given_by": "PS Dana Lane, college security lead", "given_on": first_day, "recorded_by": escort_user},
    )
    assessment, _ = RiskAssessment.objects.get_or_create(
        application=application,
        defaults={
            "owner": escort_user,
            "assessed_on": first_day,
            "review_due": first_day + timedelta(days=2),
            "summary": "Remains on site at Kent Police College, escorted at all times.",
        },
    )
    for kind, findings in DEMO_ATTACHMENTS.items():
        RiskAttachment.objects.get_or_create(
            assessment=assessment,
            kind=kind,
            defaults={"findings": findings, "recorded_by": escort_user, **dict.fromkeys(RISK_FRAMEWORK_CHECKS, True)},
        )


def _application(programme, applicant, **fields):
    defaults = {
        "school": "Maidstone Grammar School",
        "statement": "I want to see how the police work with the community.",
        "emergency_contact_name": "Pat Parent",
        "emergency_contact_phone": "07911 123456",
        "guardian_name": "Pat Parent",
        "guardian_email": "pat.parent@example.org",
        "submitted_at": timezone.now() - timedelta(days=40),
        **fields,
    }
    application, _ = WorkExperienceApplication.objects.get_or_create(
        programme=programme, applicant=applicant, defaults=defaults
    )
    return application


def _partner(name, kind, kica, number, postcode, district, status, communities):
    partner, created = PartnerOrganisation.objects.get_or_create(
        duplicate_key=duplicate_key(name, postcode),
        defaults={
            "name": name,
            "kind": kind,
            "kica_member": kica,
            "registration_number": number,
            "postcode": postcode,
            "district": district,
            "status": status,
            "address": f"1 High Street, {district.label}",
            "premises_accessibility": "Step-free access; accessible toilet.",
            "placement_description": "Officers join our day services and talk with the people we support.",
        },
    )
    if created:
        partner.communities.set(Community.objects.filter(code__in=communities))
    return partner
