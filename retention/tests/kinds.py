"""One record of each kind in the retention schedule, made when its period starts, with a
way to tell whether the nightly run disposed of it (retention.tests.test_disposal)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from notifications.models import Notification
from notifications.tests.factories import NotificationFactory
from outreach.businesses.models import BusinessInterest
from outreach.models import OutreachEvent
from outreach.programme.enums import EnrolmentStatus
from outreach.programme.services import complete_enrolment
from outreach.retention import ANONYMISED_DOMAIN
from outreach.tests.business_factories import business_not_taken_forward
from outreach.tests.factories import OutreachEventFactory, registered
from outreach.tests.programme_factories import applied, enrolled, with_session
from placements.enums import ApplicationStatus, DeclineReason
from placements.models import ExpressionOfInterest, PlacementReflection
from placements.tests.factories import CommunityPlacementFactory
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import MedicalCertificate, VolunteerApplication
from volunteers.tests.factories import VolunteerApplicationFactory, certificate_to_check

STARTS = timezone.make_aware(datetime(2027, 9, 1, 12, 0))
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class Made:
    """A record whose period started at ``starts``; ``personal`` is what it told us about
    someone (never to be found in the disposal log); ``files`` its names in storage."""

    kind: str
    starts: datetime
    disposed: object  # () -> bool
    personal: tuple[str, ...] = ()
    files: tuple = ()


def notification():
    with time_machine.travel(STARTS, tick=False):
        row = NotificationFactory(sent=True, recipient="sam.sent@example.org")
    return Made("notifications", STARTS, lambda: not Notification.objects.filter(pk=row.pk).exists(), (row.recipient,))


def expression_of_interest():
    with time_machine.travel(STARTS, tick=False):
        row = ExpressionOfInterest.objects.create(full_name="Erin Interested", email="erin@example.org")
    gone = lambda: not ExpressionOfInterest.objects.filter(pk=row.pk).exists()  # noqa: E731
    return Made("expressions_of_interest", STARTS, gone, ("Erin Interested", "erin@example.org"))


def unsuccessful_application():
    programme = ProgrammeFactory(starts_on=date(2027, 8, 30), ends_on=STARTS.date())
    row = ApplicationFactory(
        programme=programme, status=ApplicationStatus.DECLINED, decline_reason=DeclineReason.CAPACITY
    )

    def anonymised():
        row.refresh_from_db()
        assert row.status == ApplicationStatus.DECLINED  # the monitoring still counts it
        return row.date_of_birth is None and row.statement == row.guardian_email == row.school == ""

    # the period starts on the programme's last day, whatever the hour
    starts = timezone.make_aware(datetime.combine(programme.ends_on, time(0, 0)))
    return Made("unsuccessful_work_experience", starts, anonymised, (row.statement, row.guardian_email))


def uploaded_presentation():
    """A reflection whose slides were uploaded twice: both files sit in storage (the
    history names the first), as they did before replaced uploads were removed."""
    with time_machine.travel(STARTS - timedelta(minutes=5), tick=False):
        row = PlacementReflection(placement=CommunityPlacementFactory(), reflection="What I learnt at the day centre.")
        row.presentation_file.save("first.pdf", ContentFile(PDF))
        first = row.presentation_file.name
    with time_machine.travel(STARTS, tick=False):
        row.presentation_file.save("second.pdf", ContentFile(PDF))
    storage = row.presentation_file.storage

    def file_gone():
        row.refresh_from_db()
        assert row.reflection  # the reflection stays with the placement
        return not row.presentation_file

    files = ((storage, first), (storage, row.presentation_file.name))
    return Made("uploaded_presentations", STARTS, file_gone, (), files)


def medical_certificate():
    with time_machine.travel(STARTS - timedelta(days=3), tick=False):
        application = certificate_to_check()
    certificate = application.medical_certificate
    MedicalCertificate.objects.filter(pk=certificate.pk).update(uploaded_at=STARTS)
    # the candidate withdrew (test data: the status the services would have left)
    VolunteerApplication.objects.filter(pk=application.pk).update(status=VolunteerApplicationStatus.WITHDRAWN)
    gone = lambda: not MedicalCertificate.objects.filter(pk=certificate.pk).exists()  # noqa: E731
    return Made("medical_certificates", STARTS, gone, (), ((certificate.file.storage, certificate.file.name),))


def volunteer_application():
    row = VolunteerApplicationFactory(
        campaign__closes_at=STARTS,
        status=VolunteerApplicationStatus.REJECTED,
        rejection_reason="Could not give the hours while caring for a parent.",
        motivation="After my own burglary I want to help others.",
    )

    def anonymised():
        row.refresh_from_db()
        assert row.status == VolunteerApplicationStatus.REJECTED  # the dashboard still counts it
        return row.motivation == row.availability == "" and row.date_of_birth == date(1990, 1, 1)

    return Made("volunteer_applications", STARTS, anonymised, (row.motivation, row.rejection_reason))


def event_registration():
    with time_machine.travel(STARTS - timedelta(days=10), tick=False):
        registration = registered(OutreachEventFactory(), full_name="Robin Registrant", phone="07700 900555")
    OutreachEvent.objects.filter(pk=registration.event_id).update(starts_at=STARTS - timedelta(hours=3), ends_at=STARTS)

    def anonymised():
        registration.refresh_from_db()
        return registration.full_name == "(anonymised)" and registration.email.endswith(ANONYMISED_DOMAIN)

    return Made("event_registrations", STARTS, anonymised, ("Robin Registrant", registration.email, "07700 900555"))


def business_interest():
    with time_machine.travel(STARTS, tick=False):
        row = business_not_taken_forward(contact_name="Bea Business")
    gone = lambda: not BusinessInterest.objects.filter(pk=row.pk).exists()  # noqa: E731
    return Made("business_interest", STARTS, gone, ("Bea Business", row.email))


def programme_enrolment():
    with time_machine.travel(STARTS - timedelta(days=30), tick=False):
        enrolment = with_session(enrolled(applied(phone="07700 900777", why="To prepare for the SEARCH day.")))
    with time_machine.travel(STARTS, tick=False):
        complete_enrolment(enrolment, by=enrolment.buddy)
    session = enrolment.support_sessions.get()

    def anonymised():
        enrolment.refresh_from_db()
        session.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.COMPLETED  # the intake's report still counts it
        return enrolment.why == enrolment.phone == session.notes == ""

    return Made("programme_enrolments", STARTS, anonymised, ("07700 900777", session.notes))


KINDS = {
    "notifications": notification,
    "expressions_of_interest": expression_of_interest,
    "unsuccessful_work_experience": unsuccessful_application,
    "uploaded_presentations": uploaded_presentation,
    "volunteer_applications": volunteer_application,
    "medical_certificates": medical_certificate,
    "event_registrations": event_registration,
    "programme_enrolments": programme_enrolment,
    "business_interest": business_interest,
}
