"""Discretion (protocol 2.3): the Head of HR Resourcing, and only that role, grants a
recorded exception to one rule for one application, with a written rationale (issue 10).
The services of placements.services.work_experience consult it where each rule is
enforced (selectors.discretion)."""

from django.db import IntegrityError, transaction

from accounts.audit import record_action
from accounts.roles import Role, has_role
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..enums import ENDED_APPLICATIONS, ExceptionRule
from ..models import DiscretionaryException, WorkExperienceApplication
from .work_experience import application_context


@transaction.atomic
def grant_exception(application, *, by, rule, rationale: str, question=None) -> DiscretionaryException:
    rule = ExceptionRule(rule)
    rationale = rationale.strip()
    if not has_role(by, Role.HEAD_OF_RESOURCING):
        raise DomainError("Only the Head of Resourcing can make an exception to the protocol.")
    if not rationale:
        raise DomainError("Give the rationale for the exception.")
    application = (
        WorkExperienceApplication.objects.select_for_update(of=("self",))
        .select_related("programme", "applicant")
        .get(pk=application.pk)
    )
    if application.status in ENDED_APPLICATIONS:
        raise DomainError("This application has ended: there is nothing left to make an exception for.")
    if (rule == ExceptionRule.CRITERION) != (question is not None):
        raise DomainError(
            "Choose the criterion the exception is for." if question is None else "Only a criterion names a question."
        )
    if question is not None and question.programme_id != application.programme_id:
        raise DomainError("That criterion belongs to another programme.")
    try:
        with transaction.atomic():
            exception = DiscretionaryException.objects.create(
                application=application, rule=rule, question=question, rationale=rationale, granted_by=by
            )
    except IntegrityError:
        raise DomainError("An exception to this rule has already been granted for this application.") from None
    waived = f"{rule.label}{f' ({question.text})' if question else ''}"
    # The rationale goes in the action log with the rule it waives (2.3: a clear rationale).
    record_action(application, action="grant_exception", by=by, reason=f"{waived}: {rationale}")
    notify(
        recipient=application.applicant.email,
        template="placements/we_exception_granted",
        context={**application_context(application), "rule": waived.lower()},
        key=f"we-exception-{exception.pk}",
        related=application,
    )
    return exception
