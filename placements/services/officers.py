"""Student officers' logins (seed 000: every student officer completes the placements)."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.audit import record_action
from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role


@transaction.atomic
def enrol_student_officer(officer, *, by):
    """Give an imported officer a login with the student officer role. The account has
    no password yet: the officer sets one with "Forgot your password?" (their police
    email is already verified) and then sets up two-factor authentication, as all staff do."""
    if officer.user_id:
        return officer
    user = User.objects.filter(email__iexact=officer.email).first()
    if user is None:
        user = User.objects.create_user(email=officer.email, full_name=officer.full_name)
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    assign_role(user, Role.STUDENT_OFFICER, by=by, reason=f"student officer of {officer.cohort}")
    officer.user = user
    officer.save(update_fields=["user"])
    record_action(officer, action="enrol", by=by, reason=str(officer.cohort))
    return officer
