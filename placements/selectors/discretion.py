"""Which rules the Head of Resourcing has waived for an application (protocol 2.3): what
the services consult where each rule is enforced (issue 10)."""

from ..enums import ExceptionRule
from ..models import DiscretionaryException


def waived(application, rule: ExceptionRule) -> bool:
    """True when an exception to ``rule`` (not a criterion: see ``waived_questions``) was granted."""
    if application is None or application.pk is None:
        return False
    return DiscretionaryException.objects.filter(application_id=application.pk, rule=rule).exists()


def waived_questions(application) -> set[int]:
    """The eligibility questions whose criterion was waived for this application."""
    if application is None or application.pk is None:
        return set()
    exceptions = DiscretionaryException.objects.filter(application_id=application.pk, rule=ExceptionRule.CRITERION)
    return set(exceptions.values_list("question_id", flat=True))


def exceptions_to(application):
    return DiscretionaryException.objects.filter(application=application).select_related("question", "granted_by")
