"""Discretion (protocol 2.3, issue 10): the Head of HR Resourcing, and only that role,
grants a recorded exception to one rule for one application, with a written rationale; the
services honour it where each rule is enforced, and without it the rule stands."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import IntegrityError

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from placements.enums import ApplicationStatus, ExceptionRule, ProgrammeStatus
from placements.models import DiscretionaryException
from placements.services.discretion import grant_exception
from placements.services.work_experience import close_programme, confirm_application, save_draft, submit_application

from .test_work_experience_services import answers, only_email_to
from .work_experience_factories import (
    ApplicationFactory,
    EligibilityQuestionFactory,
    ProgrammeFactory,
    ready_to_confirm,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus
RATIONALE = "Turns 16 two days after the start; the school asked, and the programme suits her."


def grant(application, by, rule, **kwargs):
    return grant_exception(application, by=by, rule=rule, rationale=RATIONALE, **kwargs)


# --- who, and what is recorded ------------------------------------------------------------


@pytest.mark.parametrize("persona", ["recruiter", "vetting_officer", "applicant"])
def test_only_the_head_of_resourcing_grants_an_exception(request, persona):
    application = ApplicationFactory(status=S.DRAFT)
    with pytest.raises(DomainError, match="Only the Head of Resourcing"):
        grant(application, request.getfixturevalue(persona), ExceptionRule.MINIMUM_AGE)
    assert not DiscretionaryException.objects.exists()


def test_an_exception_needs_a_rationale(head_of_resourcing):
    with pytest.raises(DomainError, match="Give the rationale"):
        grant_exception(ApplicationFactory(), by=head_of_resourcing, rule=ExceptionRule.CAPACITY, rationale="   ")


def test_the_rationale_is_in_the_action_log_and_the_applicant_is_told(head_of_resourcing):
    application = ApplicationFactory(status=S.DRAFT)
    grant(application, head_of_resourcing, ExceptionRule.MINIMUM_AGE)
    entry = ActionLog.objects.get(action="grant_exception", object_id=str(application.pk))
    assert entry.actor == head_of_resourcing and entry.reason == f"The minimum age: {RATIONALE}"
    body = only_email_to(application.applicant.email, "we_exception_granted").body_text
    assert "made an exception for you to the minimum age" in body


def test_one_exception_per_rule_per_application(head_of_resourcing):
    application = ApplicationFactory()
    grant(application, head_of_resourcing, ExceptionRule.CAPACITY)
    with pytest.raises(DomainError, match="already been granted"):
        grant(application, head_of_resourcing, ExceptionRule.CAPACITY)
    with pytest.raises(IntegrityError):  # the database stands behind the service
        DiscretionaryException.objects.create(
            application=application, rule=ExceptionRule.CAPACITY, rationale="Again", granted_by=head_of_resourcing
        )


def test_a_criterion_names_one_of_the_programmes_questions(head_of_resourcing):
    application = ApplicationFactory()
    with pytest.raises(DomainError, match="Choose the criterion"):
        grant(application, head_of_resourcing, ExceptionRule.CRITERION)
    with pytest.raises(DomainError, match="another programme"):
        grant(application, head_of_resourcing, ExceptionRule.CRITERION, question=EligibilityQuestionFactory())


# --- the services honour it ---------------------------------------------------------------


def test_minimum_age(applicant, head_of_resourcing):
    draft = save_draft(ProgrammeFactory(), applicant, answers(date_of_birth=date(2011, 7, 20)))  # 15 that day
    with pytest.raises(DomainError, match="16 or over on the first day"):
        submit_application(draft, by=applicant)
    grant(draft, head_of_resourcing, ExceptionRule.MINIMUM_AGE)
    assert submit_application(draft, by=applicant).status == S.APPLIED


def test_minimum_age_still_checks_a_plausible_date(applicant, head_of_resourcing):
    draft = save_draft(ProgrammeFactory(), applicant, answers(date_of_birth=date(2011, 7, 20)))
    grant(draft, head_of_resourcing, ExceptionRule.MINIMUM_AGE)
    draft.date_of_birth = date(2020, 1, 1)  # a slip: 7 on the first day
    draft.save(update_fields=["date_of_birth"])
    with pytest.raises(DomainError, match="Check your date of birth"):
        submit_application(draft, by=applicant)


def test_closing_time(applicant, head_of_resourcing, recruiter):
    programme = ProgrammeFactory()
    draft = save_draft(programme, applicant, answers())
    with time_machine.travel(programme.applications_close_at + timedelta(hours=1), tick=False):
        close_programme(programme, by=recruiter)
        with pytest.raises(DomainError, match="is not open for applications"):
            submit_application(draft, by=applicant)
        grant(draft, head_of_resourcing, ExceptionRule.CLOSING_TIME)
        save_draft(programme, applicant, answers(school="Invicta Grammar School"))
        assert submit_application(draft, by=applicant).status == S.APPLIED


def test_closing_time_does_not_open_a_programme_that_is_running(applicant, head_of_resourcing):
    programme = ProgrammeFactory()
    draft = save_draft(programme, applicant, answers())
    grant(draft, head_of_resourcing, ExceptionRule.CLOSING_TIME)
    programme.status = ProgrammeStatus.RUNNING
    programme.save(update_fields=["status"])
    with pytest.raises(DomainError, match="is not open for applications"):
        submit_application(draft, by=applicant)


def test_a_criterion(applicant, head_of_resourcing):
    question = EligibilityQuestionFactory()
    other = EligibilityQuestionFactory(programme=question.programme)
    ineligible = {str(question.pk): False, str(other.pk): False}
    draft = save_draft(question.programme, applicant, answers(eligibility_answers=ineligible))
    grant(draft, head_of_resourcing, ExceptionRule.CRITERION, question=question)
    with pytest.raises(DomainError, match=other.explanation):  # the other criterion still stands
        submit_application(draft, by=applicant)
    grant(draft, head_of_resourcing, ExceptionRule.CRITERION, question=other)
    assert submit_application(draft, by=applicant).status == S.APPLIED


def test_capacity(recruiter, head_of_resourcing):
    programme = ProgrammeFactory(capacity=1)
    first, second = (
        ready_to_confirm(ApplicationFactory(programme=programme, status=S.AGREEMENT_PENDING)) for _ in range(2)
    )
    confirm_application(first, by=recruiter)
    with pytest.raises(DomainError, match="no places left"):
        confirm_application(second, by=recruiter)
    grant(second, head_of_resourcing, ExceptionRule.CAPACITY)
    assert confirm_application(second, by=recruiter).status == S.CONFIRMED
    programme.refresh_from_db()
    assert (programme.capacity, programme.places_confirmed) == (2, 2)
    assert ActionLog.objects.filter(action="add_place", object_id=str(programme.pk)).exists()
