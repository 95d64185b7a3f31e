"""Designated powers (seed 002: the Policing and Crime Bill 2017 "has given Chief Constables
authority to extend certain powers to volunteers"): the recruitment team records a power
granted to an active volunteer, one of those their role lists, with the date and who granted
it; and withdraws it, with the reason, as a designation can be. Each change is logged on the
volunteer's application and emailed to them."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record_action
from kentplacements.workflow import DomainError

from ..enums import VolunteerApplicationStatus
from ..models import DesignatedPower, GrantedPower
from .applications import email_applicant, locked_application

S = VolunteerApplicationStatus


def held_powers(application):
    """The powers the volunteer holds now (granted, not withdrawn)."""
    return GrantedPower.objects.filter(application=application, withdrawn_on__isnull=True)


def grantable_powers(application):
    """The role's powers the volunteer does not hold yet."""
    return DesignatedPower.objects.filter(roles=application.campaign.role_id).exclude(
        pk__in=held_powers(application).values("power_id")
    )


def granted_on_problem(application, granted_on, today=None) -> str:
    """Why the power cannot have been granted on that day, or "" (shown next to the date)."""
    today = today or timezone.localdate()
    if granted_on > today:
        return "Give the day the power was granted: today or a day before."
    if granted_on < timezone.localdate(application.submitted_at):
        return f"The volunteer applied on {timezone.localdate(application.submitted_at):%-d %B %Y}: check the date."
    return ""


@transaction.atomic
def grant_power(application, power, *, by, granted_on) -> GrantedPower:
    application = locked_application(application)
    name = application.applicant.full_name or application.applicant.email
    role = application.campaign.role
    if application.status != S.ACTIVE:
        raise DomainError(
            f"Powers are granted to active volunteers: {name}'s application is {application.get_status_display()}."
        )
    if not role.powers.filter(pk=power.pk).exists():
        raise DomainError(f"A {role} may not be granted this power: {power}.")
    if problem := granted_on_problem(application, granted_on):
        raise DomainError(problem)
    already = f"{name} already holds this power: {power}."
    if held_powers(application).filter(power=power).exists():
        raise DomainError(already)
    try:
        with transaction.atomic():
            grant = GrantedPower.objects.create(
                application=application, power=power, granted_on=granted_on, granted_by=by
            )
    except IntegrityError as exc:  # granted by someone else at the same moment
        raise DomainError(already) from exc
    day = f"{granted_on:%-d %B %Y}"
    record_action(application, action="grant_power", by=by, reason=f"{power}, from {day}")
    email_applicant(application, "power_granted", key_suffix=f"-{grant.pk}", power=str(power), granted_on=day)
    return grant


@transaction.atomic
def withdraw_power(grant, *, by, reason: str) -> GrantedPower:
    """From today; the volunteer is emailed the reason. The grant stays on their record."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the power is withdrawn: the volunteer reads it.")
    grant = (
        GrantedPower.objects.select_for_update(of=("self",))
        .select_related("power", "application__campaign__role", "application__applicant")
        .get(pk=grant.pk)
    )
    if grant.withdrawn_on is not None:
        raise DomainError(f"This power was already withdrawn on {grant.withdrawn_on:%-d %B %Y}.")
    grant.withdrawn_on, grant.withdrawn_by, grant.withdrawal_reason = timezone.localdate(), by, reason
    grant.save()
    record_action(grant.application, action="withdraw_power", by=by, reason=f"{grant.power}: {reason}")
    email_applicant(
        grant.application, "power_withdrawn", key_suffix=f"-{grant.pk}", power=str(grant.power), reason=reason
    )
    return grant
