from django.db import models

from kentplacements.workflow import Workflow


class ProgrammeStage(models.TextChoices):
    """Seed 004: the programme "includes Application stage; the National SEARCH assessment
    and senior interview"."""

    APPLICATION = "application", "The application stage"
    SEARCH = "search", "The National SEARCH assessment"
    INTERVIEW = "interview", "The senior interview"


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    ENROLLED = "enrolled", "Enrolled"
    COMPLETED = "completed", "Completed"
    DECLINED = "declined", "Not offered a place"
    WITHDRAWN = "withdrawn", "Withdrawn"


_S = EnrolmentStatus
# The programme staff enrol an applicant (with a buddy) or decline them; an enrolled
# candidate completes the programme; the candidate may withdraw before completing.
ENROLMENT_WORKFLOW = Workflow(
    {
        _S.APPLIED: {_S.ENROLLED, _S.DECLINED, _S.WITHDRAWN},
        _S.ENROLLED: {_S.COMPLETED, _S.WITHDRAWN},
        _S.COMPLETED: set(),
        _S.DECLINED: set(),
        _S.WITHDRAWN: set(),
    }
)
# An enrolment that stops the candidate applying to the same intake again.
LIVE_ENROLMENTS = (_S.APPLIED, _S.ENROLLED)


class SupportChannel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By phone"
    VIDEO = "video", "By video call"
