from django.db import models

from kentplacements.workflow import Workflow


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed"


_C = CampaignStatus
# Seed 002: "Recruitment has just started and closes on 26 January 2018". A closed
# campaign stays closed (DOMAIN.md: "closing is enforced"); recruiting again is a new campaign.
CAMPAIGN_WORKFLOW = Workflow({_C.DRAFT: {_C.OPEN}, _C.OPEN: {_C.CLOSED}, _C.CLOSED: set()})


class Power(models.TextChoices):
    """Seed 002: the Policing and Crime Bill 2017 lets Chief Constables extend these powers
    to volunteers; a role lists the ones its volunteers may be granted."""

    REQUEST_NAME_AND_ADDRESS = (
        "request_name_address",
        "Request the name and address of someone committing anti-social behaviour",
    )
    CONTROL_TRAFFIC = "control_traffic", "Control traffic"
    PLACE_TRAFFIC_SIGNS = "place_traffic_signs", "Place traffic signs"
    ENTER_PREMISES = "enter_premises", "Enter premises to save life or prevent serious damage"


class VolunteerApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEW_BOOKED = "interview_booked", "Interview booked"
    INTERVIEWED = "interviewed", "Interviewed"
    FITNESS_PASSED = "fitness_passed", "Fitness test passed"
    MEDICAL_RECEIVED = "medical_received", "Medical certificate received"
    VETTING = "vetting", "Vetting"
    OFFERED = "offered", "Offered a place"
    IN_TRAINING = "in_training", "In training"
    ACTIVE = "active", "Active volunteer"
    REJECTED = "rejected", "Not successful"
    WITHDRAWN = "withdrawn", "Withdrawn"


_A = VolunteerApplicationStatus
# Seed 002 and DOMAIN.md §3: the path from application to active volunteer, in order.
# The fitness test and the medical certificate are steps only for roles that need them
# ("Applicants will need to successfully pass a fitness test and provide a medical
# certificate" is said of CPVs); next_stage() skips the others.
APPLICATION_PATH = (
    _A.SUBMITTED,
    _A.SHORTLISTED,
    _A.INTERVIEW_BOOKED,
    _A.INTERVIEWED,
    _A.FITNESS_PASSED,
    _A.MEDICAL_RECEIVED,
    _A.VETTING,
    _A.OFFERED,
    _A.IN_TRAINING,
    _A.ACTIVE,
)
ENDED_APPLICATIONS = frozenset({_A.REJECTED, _A.WITHDRAWN})
# Still in the running: at most one per person per campaign (a DB constraint).
LIVE_APPLICATIONS = frozenset(APPLICATION_PATH) - {_A.ACTIVE}
_SKIPPABLE = {_A.FITNESS_PASSED, _A.MEDICAL_RECEIVED}


def _path_moves(stage):
    """From ``stage``: the next step, and the steps after it that may be skipped to."""
    index = APPLICATION_PATH.index(stage)
    targets = set()
    for later in APPLICATION_PATH[index + 1 :]:
        targets.add(later)
        if later not in _SKIPPABLE:
            break
    return targets


# The one transition table: each stage moves on along the path (skipping the steps a role
# does not need), and any live stage may end in rejected (with a reason) or withdrawn.
APPLICATION_WORKFLOW = Workflow(
    {
        **{stage: _path_moves(stage) | ENDED_APPLICATIONS for stage in LIVE_APPLICATIONS},
        # issue 11: a candidate may cancel their interview and is shortlisted again, free to book another
        _A.INTERVIEW_BOOKED: _path_moves(_A.INTERVIEW_BOOKED) | ENDED_APPLICATIONS | {_A.SHORTLISTED},
        _A.ACTIVE: set(),
        _A.REJECTED: set(),
        _A.WITHDRAWN: set(),
    }
)


def role_path(role) -> tuple:
    """APPLICATION_PATH without the fitness test or the medical certificate when ``role``
    needs neither: the stages its applications go through (and a campaign's dashboard shows)."""
    not_needed = set()
    if not role.needs_fitness_test:
        not_needed.add(_A.FITNESS_PASSED)
    if not role.needs_medical_certificate:
        not_needed.add(_A.MEDICAL_RECEIVED)
    return tuple(stage for stage in APPLICATION_PATH if stage not in not_needed)


def next_stage(application) -> str | None:
    """The stage after the application's, skipping the fitness test or the medical
    certificate when its role needs neither (the service skips them, not the staff)."""
    if application.status not in APPLICATION_PATH[:-1]:
        return None
    path = role_path(application.campaign.role)
    later = APPLICATION_PATH[APPLICATION_PATH.index(application.status) + 1 :]
    return next((stage for stage in later if stage in path), None)


class FitnessResult(models.TextChoices):
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"


class MedicalCertificateStatus(models.TextChoices):
    UPLOADED = "uploaded", "Waiting to be checked"
    ACCEPTED = "accepted", "Accepted"
    ANOTHER_REQUESTED = "another_requested", "Another certificate asked for"


_M = MedicalCertificateStatus
# Issue 11: staff accept the certificate or ask for another; the candidate's next upload
# replaces the file and the certificate waits to be checked again.
MEDICAL_WORKFLOW = Workflow(
    {_M.UPLOADED: {_M.ACCEPTED, _M.ANOTHER_REQUESTED}, _M.ANOTHER_REQUESTED: {_M.UPLOADED}, _M.ACCEPTED: set()}
)


def medical_stage_reached(application) -> bool:
    """True when the application waits for its medical certificate: its next stage is
    medical_received (after fitness_passed, or after interviewed if the role needs no test)."""
    return next_stage(application) == _A.MEDICAL_RECEIVED
