from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from rules.contrib.views import permission_required

from notifications.selectors import stuck_messages

from ..audit import recent_changes
from ..queues import waiting_for
from ..roles import Role, has_role, is_staff_member, role_labels


@login_required
def home(request):
    """Where login lands: staff go to their dashboard, everyone else to their account."""
    return redirect("staff_dashboard" if is_staff_member(request.user) else "my_account")


@login_required
@permission_required("accounts.view_own_account", raise_exception=True)
def my_account(request):
    return render(
        request,
        "accounts/my_account.html",
        {"roles": role_labels(request.user)},
    )


@login_required
@permission_required("accounts.view_staff_dashboard", raise_exception=True)
def staff_dashboard(request):
    user = request.user
    context = {
        "roles": role_labels(user),
        "back_office": user.is_staff,
        "is_student_officer": has_role(user, Role.STUDENT_OFFICER),
        "is_escorting_officer": has_role(user, Role.ESCORTING_OFFICER),
    }
    # Issue 9: what waits for this person, rather than the outbox's counts by status.
    context["queues"] = waiting_for(user)
    if user.has_perm("notifications.view_notification"):
        context["stuck"] = stuck_messages().count()
    if user.has_perm("accounts.view_actionlog"):
        context["recent_changes"] = recent_changes(user, limit=10)
    return render(request, "accounts/staff_dashboard.html", context)
