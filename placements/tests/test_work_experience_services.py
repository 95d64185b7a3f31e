"""Work experience services (seed 001): every move of the lifecycle, its refusals and its
emails; age on the first day; the closing time; capacity; the interest emails."""

from datetime import date, timedelta

import pytest
import time_machine

from accounts.models import ActionLog
from accounts.roles import has_role
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.models import Notification
from placements.enums import ApplicationStatus, DeclineReason, ProgrammeStatus
from placements.models import ExpressionOfInterest, RiskAssessment, WorkExperienceApplication
from placements.services.work_experience import (
    close_programme,
    complete_application,
    confirm_application,
    decline_application,
    discontinue_application,
    finish_programme,
    mark_attending,
    open_programme,
    record_clearance,
    register_interest,
    request_agreement,
    save_draft,
    shortlist_application,
    start_programme,
    start_vetting,
    submit_application,
    unsubscribe_interest,
    withdraw_application,
)
from tests.factories import UserFactory

from .work_experience_factories import (
    ApplicationFactory,
    EligibilityQuestionFactory,
    ProgrammeFactory,
    ready_to_confirm,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def emails_to(address):
    return Notification.objects.filter(recipient=address)


def only_email_to(address, template):
    (email,) = emails_to(address).filter(template=f"placements/{template}")
    return email


def answers(**changes):
    return {
        "date_of_birth": date(2010, 3, 1),
        "school": "Maidstone Grammar School",
        "statement": "I want to see how the police work with the community.",
        "emergency_contact_name": "Pat Parent",
        "emergency_contact_phone": "07700 900123",
        "guardian_name": "Pat Parent",
        "guardian_email": "pat.parent@example.org",
        "guardian_phone": "07700 900123",
        **changes,
    }


# --- Age on the first day (protocol 3.5.3) ------------------------------------------------


def test_seventeen_turning_eighteen_the_day_after_the_first_day_needs_consent():
    application = ApplicationFactory(date_of_birth=date(2009, 7, 20))
    assert application.age_on_first_day == 17
    assert application.needs_guardian_consent


def test_turning_eighteen_on_the_first_day_needs_no_consent():
    application = ApplicationFactory(date_of_birth=date(2009, 7, 19))
    assert application.age_on_first_day == 18
    assert not application.needs_guardian_consent


def test_an_under_18_without_a_guardian_cannot_send(applicant):
    programme = ProgrammeFactory()
    draft = save_draft(programme, applicant, answers(date_of_birth=date(2009, 7, 20), guardian_email=""))
    with pytest.raises(DomainError, match="under 18 on the first day: enter your parent or guardian's email"):
        submit_application(draft, by=applicant)


def test_an_adult_on_the_first_day_sends_without_a_guardian(applicant):
    programme = ProgrammeFactory()
    empty = {"guardian_name": "", "guardian_email": "", "guardian_phone": ""}
    draft = save_draft(programme, applicant, answers(date_of_birth=date(2009, 7, 19), **empty))
    assert submit_application(draft, by=applicant).status == S.APPLIED


def test_under_the_minimum_age_on_the_first_day_is_explained(applicant):
    draft = save_draft(ProgrammeFactory(), applicant, answers(date_of_birth=date(2011, 7, 20)))
    with pytest.raises(DomainError, match="16 or over on the first day of the programme"):
        submit_application(draft, by=applicant)


# --- Submitting (protocol 3.2) ------------------------------------------------------------


def test_submitting_sends_the_application_and_thanks_the_applicant():
    user = UserFactory()  # not yet an applicant
    programme = ProgrammeFactory(title="Summer 2027")
    application = submit_application(save_draft(programme, user, answers()), by=user)
    assert application.status == S.APPLIED and application.submitted_at is not None
    assert has_role(user, "applicant")
    email = only_email_to(user.email, "we_applied")
    assert "Thank you for applying for Summer 2027" in email.body_text
    assert ActionLog.objects.filter(action="submit", object_id=str(application.pk), actor=user).exists()


def test_submitting_twice_gives_one_application_and_one_email(applicant):
    programme = ProgrammeFactory()
    draft = save_draft(programme, applicant, answers())
    first = submit_application(draft, by=applicant)
    second = submit_application(draft, by=applicant)
    assert first.pk == second.pk and second.submitted_at == first.submitted_at
    assert WorkExperienceApplication.objects.filter(programme=programme, applicant=applicant).count() == 1
    assert emails_to(applicant.email).filter(template="placements/we_applied").count() == 1


def test_a_sent_application_is_no_longer_a_draft_to_edit(applicant):
    programme = ProgrammeFactory()
    submit_application(save_draft(programme, applicant, answers()), by=applicant)
    with pytest.raises(DomainError, match="already sent"):
        save_draft(programme, applicant, answers(school="Another school"))


def test_applications_close_at_the_closing_time(applicant):
    programme = ProgrammeFactory()
    draft = save_draft(programme, applicant, answers())
    closed = pytest.raises(DomainError, match=r"Applications for .* closed at 17:00 on 31 May 2027")
    with time_machine.travel(programme.applications_close_at, tick=False), closed:
        submit_application(draft, by=applicant)
    with time_machine.travel(programme.applications_close_at - timedelta(seconds=1), tick=False):
        assert submit_application(draft, by=applicant).status == S.APPLIED


def test_a_programme_that_is_not_open_takes_no_applications(applicant):
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    with pytest.raises(DomainError, match="is not open for applications"):
        save_draft(programme, applicant, answers())


def test_an_ineligible_answer_is_explained_and_nothing_is_sent(applicant):
    question = EligibilityQuestionFactory()
    draft = save_draft(question.programme, applicant, answers(eligibility_answers={str(question.pk): False}))
    with pytest.raises(DomainError, match="for people who live or study in Kent"):
        submit_application(draft, by=applicant)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert not emails_to(applicant.email).exists()


# --- Staff moves through the lifecycle ----------------------------------------------------


def test_shortlisting_tells_the_applicant(recruiter):
    application = shortlist_application(ApplicationFactory(), by=recruiter)
    assert application.status == S.SHORTLISTED
    assert (
        "we have shortlisted your application" in only_email_to(application.applicant.email, "we_shortlisted").body_text
    )


def test_declining_records_the_reason_and_says_it_kindly(recruiter):
    application = decline_application(
        ApplicationFactory(), by=recruiter, reason=DeclineReason.CAPACITY, note="We had 300 applications."
    )
    assert (application.status, application.decline_reason) == (S.DECLINED, DeclineReason.CAPACITY)
    body = only_email_to(application.applicant.email, "we_declined").body_text
    assert "Our reason: The programme is full" in body and "We had 300 applications." in body


def test_vetting_then_clearance_then_the_agreement(recruiter):
    application = start_vetting(ApplicationFactory(status=S.SHORTLISTED), by=recruiter)
    assert application.status == S.VETTING
    application = record_clearance(application, by=recruiter, cleared=True)
    assert application.status == S.CLEARED
    application = request_agreement(application, by=recruiter)
    assert application.status == S.AGREEMENT_PENDING
    sent = set(emails_to(application.applicant.email).values_list("template", flat=True))
    # the agreement to sign comes from vetting (issue 10)
    assert sent == {"placements/we_vetting", "placements/we_cleared", "vetting/agreement_to_sign"}


def test_a_refused_clearance_ends_the_application(recruiter):
    application = record_clearance(ApplicationFactory(status=S.VETTING), by=recruiter, cleared=False, note="P04")
    assert application.status == S.VETTING_REFUSED
    assert "unable to offer you a place" in only_email_to(application.applicant.email, "we_vetting_refused").body_text


def test_moves_out_of_order_are_refused(recruiter):
    application = ApplicationFactory()
    with pytest.raises(TransitionNotAllowed):
        start_vetting(application, by=recruiter)
    with pytest.raises(TransitionNotAllowed):
        record_clearance(application, by=recruiter, cleared=True)
    with pytest.raises(TransitionNotAllowed):
        mark_attending(application, by=recruiter)
    assert not Notification.objects.exists()


def test_confirming_does_not_wait_for_the_risk_assessment(recruiter):
    """Issue 10: the Student Placement Risk Assessment is completed "at the start of the
    placement" (protocol 3.5.4) and is required before the first activity, not before
    confirming (it could only be recorded once confirmed: a dead end)."""
    application = confirm_application(ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING)), by=recruiter)
    assert application.status == S.CONFIRMED
    assert not RiskAssessment.objects.filter(application=application).exists()


def test_confirming_never_exceeds_the_places(recruiter):
    programme = ProgrammeFactory(capacity=1)
    first, second = (
        ready_to_confirm(ApplicationFactory(programme=programme, status=S.AGREEMENT_PENDING)) for _ in range(2)
    )
    confirm_application(first, by=recruiter)
    with pytest.raises(DomainError, match="no places left"):
        confirm_application(second, by=recruiter)
    second.refresh_from_db()
    programme.refresh_from_db()
    assert second.status == S.AGREEMENT_PENDING and programme.places_confirmed == 1


def test_withdrawing_a_confirmed_place_frees_it(recruiter):
    application = ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING))
    confirm_application(application, by=recruiter)
    application = withdraw_application(application, by=application.applicant)
    application.programme.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.programme.places_confirmed == 0
    assert "we have withdrawn your application" in only_email_to(application.applicant.email, "we_withdrawn").body_text


def test_a_completed_placement_cannot_be_withdrawn(recruiter):
    application = complete_application(ApplicationFactory(status=S.ATTENDING), by=recruiter)
    assert application.status == S.COMPLETED
    assert "Thank you for taking part" in only_email_to(application.applicant.email, "we_completed").body_text
    with pytest.raises(TransitionNotAllowed):
        withdraw_application(application, by=application.applicant)


def test_attending_follows_confirmed_on_the_first_day(recruiter):
    application = ApplicationFactory(status=S.CONFIRMED)
    with time_machine.travel(date(2027, 7, 19)):  # the factory programme's first day
        assert mark_attending(application, by=recruiter).status == S.ATTENDING


def test_nobody_is_marked_attending_before_the_first_day(recruiter):
    application = ApplicationFactory(status=S.CONFIRMED)
    with time_machine.travel(date(2027, 7, 18)), pytest.raises(DomainError, match="from the first day"):
        mark_attending(application, by=recruiter)
    application.refresh_from_db()
    assert application.status == S.CONFIRMED


def test_confirming_says_in_words_what_is_missing(recruiter):
    """Protocol 3.3.2: every requirement still missing, in words (CONFIRM_REQUIREMENTS)."""
    application = ApplicationFactory(status=S.AGREEMENT_PENDING)
    missing = (
        "the vetting checks are not all cleared; the references are not all received; the Work Placement "
        "Agreement is not signed by everyone; the applicant has not confirmed they will attend."
    )
    with pytest.raises(DomainError, match=f"cannot be confirmed yet: {missing}"):
        confirm_application(application, by=recruiter)
    application.refresh_from_db()
    assert application.status == S.AGREEMENT_PENDING and not Notification.objects.exists()


def test_discontinuing_needs_a_reason(recruiter):
    with pytest.raises(DomainError, match="Give the reason"):
        discontinue_application(ApplicationFactory(status=S.ATTENDING), by=recruiter, reason="  ")


def test_discontinuing_an_under_18_tells_the_applicant_and_the_guardian(recruiter):
    application = ApplicationFactory(status=S.ATTENDING)  # 17 on the first day
    application = discontinue_application(application, by=recruiter, reason="Abusive language to staff.")
    assert (application.status, application.status_reason) == (S.DISCONTINUED, "Abusive language to staff.")
    assert (
        "The reason: Abusive language to staff."
        in only_email_to(application.applicant.email, "we_discontinued").body_text
    )
    to_guardian = only_email_to("pat.parent@example.org", "we_discontinued_guardian")
    assert "Dear Pat Parent" in to_guardian.body_text and "Abusive language to staff." in to_guardian.body_text


def test_discontinuing_an_adult_does_not_email_a_guardian(recruiter):
    application = ApplicationFactory(status=S.ATTENDING, date_of_birth=date(2000, 1, 1))
    discontinue_application(application, by=recruiter, reason="Repeated lateness after warnings.")
    assert not emails_to("pat.parent@example.org").exists()


# --- Programmes and interest (protocol 3.2.3) ---------------------------------------------


def test_opening_a_programme_emails_everyone_interested_once(recruiter):
    staying = register_interest(full_name="Sam Keen", email="sam@example.org")
    leaving = unsubscribe_interest(register_interest(full_name="Lee Gone", email="lee@example.org"))
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT, title="Autumn 2027")
    open_programme(programme, by=recruiter)
    close_programme(programme, by=recruiter)
    open_programme(programme, by=recruiter)  # re-opened: nobody is told twice
    email = only_email_to("sam@example.org", "we_programme_open")
    assert "Autumn 2027" in email.body_text
    assert f"/work-experience/interest/unsubscribe/{staying.unsubscribe_token}/" in email.body_text
    assert not emails_to(leaving.email).filter(template="placements/we_programme_open").exists()


def test_the_next_programme_is_emailed_too(recruiter):
    register_interest(full_name="Sam Keen", email="sam@example.org")
    for programme in ProgrammeFactory.create_batch(2, status=ProgrammeStatus.DRAFT):
        open_programme(programme, by=recruiter)
    assert emails_to("sam@example.org").filter(template="placements/we_programme_open").count() == 2


def test_registering_the_same_email_twice_keeps_one_and_emails_the_owner_which_it_was():
    first = register_interest(full_name="Sam Keen", email="sam@example.org")
    again = register_interest(full_name="Someone Else", email="SAM@example.org")
    assert again.pk == first.pk and again.full_name == "Sam Keen"
    assert ExpressionOfInterest.objects.count() == 1
    assert "You're on the list" in only_email_to("sam@example.org", "we_interest_added").body_text
    assert "You are\nalready on the list" in only_email_to("sam@example.org", "we_interest_already").body_text
    register_interest(full_name="Sam Keen", email="sam@example.org")  # a third time the same day
    assert emails_to("sam@example.org").filter(template="placements/we_interest_already").count() == 1


def test_registering_again_after_unsubscribing_is_back_on_the_list():
    interest = unsubscribe_interest(register_interest(full_name="Sam Keen", email="sam@example.org"))
    again = register_interest(full_name="Sam Keen", email="sam@example.org")
    assert again.pk == interest.pk and again.unsubscribed_at is None


def test_an_open_programme_cannot_be_opened_again(recruiter):
    with pytest.raises(TransitionNotAllowed):
        open_programme(ProgrammeFactory(), by=recruiter)


def test_a_programme_runs_then_finishes_and_never_reopens(recruiter):
    programme = ProgrammeFactory()
    close_programme(programme, by=recruiter)
    assert start_programme(programme, by=recruiter).status == ProgrammeStatus.RUNNING
    assert finish_programme(programme, by=recruiter).status == ProgrammeStatus.FINISHED
    with pytest.raises(DomainError):
        open_programme(programme, by=recruiter)


def test_discontinuing_tells_the_school_when_the_applicant_gave_its_contact(recruiter):
    application = ApplicationFactory(status=S.ATTENDING, school_email="work.experience@mgs.kent.sch.uk")
    discontinue_application(application, by=recruiter, reason="Shared photos taken inside the station.")
    to_school = only_email_to("work.experience@mgs.kent.sch.uk", "we_discontinued_school")
    assert "Dear colleague at Maidstone Grammar School" in to_school.body_text
    assert "The reason: Shared photos taken inside the station." in to_school.body_text
    assert application.applicant.full_name in to_school.subject


def test_discontinuing_without_a_school_contact_emails_no_school(recruiter):
    application = ApplicationFactory(status=S.ATTENDING)
    discontinue_application(application, by=recruiter, reason="Repeated lateness after warnings.")
    assert not Notification.objects.filter(template="placements/we_discontinued_school").exists()
