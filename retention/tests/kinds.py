"""One record of each kind in the retention schedule, made when its period starts, with a
way to tell whether the nightly run disposed of it (retention.tests.test_disposal)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import time_machine
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.audit import record_action
from accounts.models import User
from accounts.personal_data import ERASED_DOMAIN, ERASED_NAME
from accounts.roles import Role
from notifications.models import Notification
from notifications.tests.factories import NotificationFactory
from outreach.businesses.models import BusinessInterest
from outreach.equality.models import EqualityResponse
from outreach.models import EventRegistration, OutreachEvent
from outreach.programme.enums import EnrolmentStatus
from outreach.programme.services import complete_enrolment
from outreach.retention import ANONYMISED_DOMAIN, _anonymise_registrations
from outreach.tests.business_factories import business_not_taken_forward
from outreach.tests.equality_factories import answer
from outreach.tests.factories import OutreachEventFactory, registered
from outreach.tests.programme_factories import applied, enrolled, with_session
from placements.enums import ApplicationStatus, DeclineReason
from placements.models import (
    AttendanceRecord,
    DiaryEntry,
    ExpressionOfInterest,
    PlacementReflection,
    WorkExperienceApplication,
)
from placements.retention import ANONYMISED as ANONYMISED_APPLICATION
from placements.tests.factories import CommunityPlacementFactory
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from tests.factories import UserFactory
from vetting import subjects
from vetting.enums import CheckStatus, CheckType
from vetting.models import (
    AgreementStatus,
    AgreementVersion,
    IssuedDocument,
    Reference,
    Signature,
    SignerRole,
    VettingCheck,
    WorkPlacementAgreement,
)
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


def _ended_application(status, **fields):
    """A work-experience application of a programme whose last day is STARTS, already without
    the applicant's answers (as the rule for its own kind left it), so that only the vetting
    and agreement rows made on it are due."""
    programme = ProgrammeFactory(starts_on=STARTS.date() - timedelta(days=4), ends_on=STARTS.date())
    row = ApplicationFactory(programme=programme, status=status, **fields)
    WorkExperienceApplication.objects.filter(pk=row.pk).update(**ANONYMISED_APPLICATION)
    return row


def _from_the_programmes_last_day(application):
    return timezone.make_aware(datetime.combine(application.programme.ends_on, time(0, 0)))


def completed_placement():
    programme = ProgrammeFactory(starts_on=STARTS.date() - timedelta(days=4), ends_on=STARTS.date())
    row = ApplicationFactory(programme=programme, status=ApplicationStatus.COMPLETED)
    diary = DiaryEntry.objects.create(application=row, date=programme.starts_on, text="I sat in on a 999 call.")
    attendance = AttendanceRecord.objects.create(
        application=row, date=programme.starts_on, present=False, note="Off with tonsillitis"
    )

    def anonymised():
        row.refresh_from_db()
        attendance.refresh_from_db()
        assert row.status == ApplicationStatus.COMPLETED and attendance.present is False  # still counted
        gone = not DiaryEntry.objects.filter(pk=diary.pk).exists()
        earlier_versions_gone = not row.history.exclude(statement="").exists()
        return gone and earlier_versions_gone and row.statement == row.guardian_phone == attendance.note == ""

    personal = (row.statement, row.guardian_phone, diary.text, attendance.note)
    return Made("completed_work_experience", _from_the_programmes_last_day(row), anonymised, personal)


def signed_agreement():
    application = _ended_application(ApplicationStatus.COMPLETED)
    version = AgreementVersion.objects.create(number=1, text="The agreement.", text_sha256="a" * 64)
    agreement = WorkPlacementAgreement(
        **subjects.pointer(application),
        version=version,
        status=AgreementStatus.READY,
        participant=application.applicant,
        pdf_sha256="b" * 64,
        signed_at=STARTS - timedelta(days=30),
    )
    agreement.pdf.save("agreement.pdf", ContentFile(PDF))
    Signature.objects.create(
        agreement=agreement,
        role=SignerRole.PARTICIPANT,
        name="Sienna Signer",
        email="sienna@example.org",
        signed_at=agreement.signed_at,
        ip_address="192.0.2.44",
        version=version,
        text_sha256="a" * 64,
    )
    IssuedDocument.objects.create(
        sha256="b" * 64,
        description="Work Placement Agreement",
        issued_to="Sienna Signer",
        **subjects.pointer(application),
    )

    def gone():
        rows = (WorkPlacementAgreement.objects, Signature.objects, IssuedDocument.objects)
        return not any(manager.exists() for manager in rows)

    files = ((agreement.pdf.storage, agreement.pdf.name),)
    personal = ("Sienna Signer", "sienna@example.org", "192.0.2.44")
    return Made("signed_agreements", _from_the_programmes_last_day(application), gone, personal, files)


def vetting_check():
    application = _ended_application(ApplicationStatus.VETTING_REFUSED)
    check = VettingCheck.objects.create(
        **subjects.pointer(application),
        check_type=CheckType.FORCE_VETTING,
        status=CheckStatus.REFUSED,
        requested_at=STARTS - timedelta(days=40),
        decided_at=STARTS - timedelta(days=30),
        notes="Known associate of a nominal under investigation.",
    )

    def gone():
        return not VettingCheck.objects.filter(pk=check.pk).exists() and not check.history.exists()

    return Made("vetting_checks", _from_the_programmes_last_day(application), gone, (check.notes,))


def reference():
    """On a volunteer application, withdrawn in training long after its campaign closed: the
    period runs from the withdrawal (the last move in the action log), not the close."""
    application = VolunteerApplicationFactory(
        campaign__opens_at=STARTS - timedelta(days=120), campaign__closes_at=STARTS - timedelta(days=90)
    )
    VolunteerApplication.objects.filter(pk=application.pk).update(
        status=VolunteerApplicationStatus.WITHDRAWN, motivation="", availability=""
    )
    with time_machine.travel(STARTS, tick=False):
        record_action(application, action="withdraw", from_state="in_training", to_state="withdrawn")
    row = Reference.objects.create(
        **subjects.pointer(application),
        about="Volunteering: a campaign",
        referee_name="Rita Referee",
        referee_email="rita@example.org",
        relationship="Employer",
        requested_at=STARTS - timedelta(days=100),
    )
    gone = lambda: not Reference.objects.filter(pk=row.pk).exists()  # noqa: E731
    return Made("references", STARTS, gone, ("Rita Referee", "rita@example.org"))


def equality_answers():
    """Answers after an event registration; the registration itself is already anonymised
    (its own rule), so only the answers are due. They keep no time: the event's end counts."""
    with time_machine.travel(STARTS - timedelta(days=10), tick=False):
        registration = registered(OutreachEventFactory())
        answer(registration)
    _anonymise_registrations(EventRegistration.objects.filter(pk=registration.pk))
    OutreachEvent.objects.filter(pk=registration.event_id).update(starts_at=STARTS - timedelta(hours=3), ends_at=STARTS)
    assert EqualityResponse.objects.count() == 1
    return Made("equality_answers", STARTS, lambda: not EqualityResponse.objects.exists())


def closed_account():
    with time_machine.travel(STARTS - timedelta(days=400), tick=False):
        user = UserFactory(email="carl.closed@example.org", full_name="Carl Closed", roles=[Role.APPLICANT])
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
    with time_machine.travel(STARTS, tick=False):
        user.is_active = False  # closed in the back office: a change its history keeps
        user.save()
    assert EmailAddress.objects.filter(user=user).exists()  # allauth's, made with the account

    def anonymised():
        user.refresh_from_db()
        assert not user.is_active
        erased = user.email.endswith(ERASED_DOMAIN) and user.full_name == ERASED_NAME
        own_rows_gone = not EmailAddress.objects.filter(user=user).exists() and not user.groups.exists()
        return erased and own_rows_gone and not user.has_usable_password() and not user.history.exists()

    return Made("closed_accounts", STARTS, anonymised, ("carl.closed@example.org", "Carl Closed"))


def unused_account():
    """Someone who signed up, last signed in when the period started, and never applied."""
    with time_machine.travel(STARTS - timedelta(days=30), tick=False):
        user = UserFactory(email="uma.unused@example.org", full_name="Uma Unused", roles=[Role.APPLICANT])
    User.objects.filter(pk=user.pk).update(last_login=STARTS)

    def anonymised():
        user.refresh_from_db()
        erased = user.email.endswith(ERASED_DOMAIN) and user.full_name == ERASED_NAME
        return erased and not user.is_active and not EmailAddress.objects.filter(user=user).exists()

    return Made("unused_accounts", STARTS, anonymised, ("uma.unused@example.org", "Uma Unused"))


KINDS = {
    "unused_accounts": unused_account,
    "notifications": notification,
    "expressions_of_interest": expression_of_interest,
    "unsuccessful_work_experience": unsuccessful_application,
    "uploaded_presentations": uploaded_presentation,
    "volunteer_applications": volunteer_application,
    "medical_certificates": medical_certificate,
    "event_registrations": event_registration,
    "programme_enrolments": programme_enrolment,
    "business_interest": business_interest,
    "completed_work_experience": completed_placement,
    "signed_agreements": signed_agreement,
    "vetting_checks": vetting_check,
    "references": reference,
    "equality_answers": equality_answers,
    "closed_accounts": closed_account,
}
