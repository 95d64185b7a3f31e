from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from notifications.selectors import stuck_messages

from ..audit import recent_changes
from ..navigation import GATES, navigation_for, own_things_for
from ..queues import waiting_for
from ..roles import Role, has_role, is_staff_member, role_labels


@login_required
def home(request):
    """Where login lands: staff go to their dashboard, everyone else to their account."""
    return redirect("staff_dashboard" if is_staff_member(request.user) else "my_account")


@login_required
@permission_required("accounts.view_own_account", raise_exception=True)
def my_account(request):
    """Issue 9: "Your account" lists the person's own things, each linked to its page, then
    the other pages of the bar."""
    own = own_things_for(request.user)
    listed = {reverse("home"), reverse("my_account"), *(kind.url for kind in own)}
    pages = [entry for entry in navigation_for(request.user) if entry.url not in listed]
    return render(
        request,
        "accounts/my_account.html",
        {"roles": role_labels(request.user), "own_things": own, "pages": pages},
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
        # as the bar offers it: to a linked student officer, not to a superuser without a record
        "own_placements": GATES["my_placements"].opens_for(user),
    }
    # Issue 9: what waits for this person, rather than the outbox's counts by status.
    context["queues"] = waiting_for(user)
    if user.has_perm("notifications.view_notification"):
        context["stuck"] = stuck_messages().count()
    if user.has_perm("accounts.view_actionlog"):
        context["recent_changes"] = recent_changes(user, limit=10)
    return render(request, "accounts/staff_dashboard.html", context)
