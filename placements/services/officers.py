"""Student officers' logins (seed 000: every student officer completes the placements)."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.audit import record_action
from accounts.models import User
from accounts.passwords import set_password_link_days, set_password_url
from accounts.roles import Role
from accounts.services import assign_role
from notifications.services import notify

from ..links import absolute_url


@transaction.atomic
def enrol_student_officer(officer, *, by):
    """Give an imported officer a login with the student officer role. The account has
    no password yet: the officer is emailed a link to set one (issue 9; their police
    email is already verified) and then sets up two-factor authentication, as all staff do.
    An officer who already had an account with a password just gains the role."""
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
    if not user.has_usable_password():
        # A sensitive message (notifications/sensitive.py): the link sets the password.
        notify(
            recipient=user.email,
            template="placements/officer_account_created",
            context={
                "officer_name": officer.full_name,
                "cohort": str(officer.cohort),
                "set_password_url": set_password_url(user),
                "link_days": set_password_link_days(),
                "login_url": absolute_url("account_login"),
            },
            key=f"officer-account-created:{officer.pk}",
            related=officer,
        )
    return officer
