"""Keeping a person's equality monitoring answers (issue 12): the one write of this part.

No entry goes in the action log and no email is sent: either would name the person next
to the fact that they answered, the very link the answers are stored without (models.py).
An invitation is answered once: the respondent key is unique, so a second submission
(another tab, a double click) is refused by the database, not by a check that two requests
could both pass."""

from django.db import IntegrityError, transaction

from kentplacements.workflow import DomainError

from .characteristics import CHARACTERISTICS
from .invitations import read_invitation
from .models import EqualityResponse


class AlreadyAnswered(DomainError):
    pass


def record_equality_answers(token: str, answers: dict) -> EqualityResponse | None:
    """Keep ``answers`` (field -> answer code, "" for a question left out) for the person
    invited by ``token``. Nothing is kept, and None returned, when every question was left
    out: that is a skip."""
    invitation = read_invitation(token)
    answers = {c.field: answers.get(c.field) or "" for c in CHARACTERISTICS}
    for c in CHARACTERISTICS:
        if answers[c.field] not in (*c.choices.values, ""):
            raise DomainError(f"Choose one of the answers to “{c.question}”, or leave it out.")
    if not any(answers.values()):
        return None
    try:
        with transaction.atomic():
            return EqualityResponse.objects.create(**invitation.stored_fields(), **answers)
    except IntegrityError as exc:
        raise AlreadyAnswered("You have already answered these questions. Thank you.") from exc
