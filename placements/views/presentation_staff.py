"""The back office's view of the presentation sessions (issue 9): each session's replies
with its waiting list, and moving a session, which tells everyone who replied. The
Diversity Placements Officer runs them; the Head of Resourcing reads the numbers. Thin
views: selector -> form -> service -> redirect."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import history_for
from kentplacements.pages import posted, run_service

from ..forms.presentations import SessionChangeForm
from ..models import PresentationSession
from ..selectors.presentations import session_replies, sessions_for_staff
from ..services.presentations import change_session
from .partner_staff import staff_page

# The list shows this many past sessions; older ones are in the back office.
PAST_SESSIONS_SHOWN = 10


@staff_page("placements.view_presentation_sessions")
@require_GET
def session_list(request):
    coming, past = sessions_for_staff()
    context = {"coming": coming, "past": past[:PAST_SESSIONS_SHOWN], "past_shown": PAST_SESSIONS_SHOWN}
    return render(request, "placements/presentations/staff_list.html", context)


@staff_page("placements.view_presentation_sessions")
@require_GET
def session_detail(request, session_id):
    session = get_object_or_404(PresentationSession.objects.select_related("cohort"), pk=session_id)
    context = {
        "session": session,
        "replies": session_replies(session),
        "history": history_for(session).filter(action="change_session"),
        "may_move": request.user.has_perm("placements.move_presentation_session") and session.starts > timezone.now(),
        "names_shown": request.user.has_perm("placements.see_presentation_attendees"),
    }
    return render(request, "placements/presentations/staff_session.html", context)


@staff_page("placements.move_presentation_session")
@require_http_methods(["GET", "POST"])
def session_change(request, session_id):
    session = get_object_or_404(PresentationSession.objects.select_related("cohort"), pk=session_id)
    form = SessionChangeForm(posted(request), session=session)
    if form.is_valid() and run_service(
        request,
        form,
        lambda: change_session(session, by=request.user, **form.cleaned_data),
        "The session has changed. We have emailed the contacts of every organisation that replied.",
    ):
        return redirect("staff_presentation_session", session.pk)
    return render(request, "placements/presentations/staff_change.html", {"session": session, "form": form})


urlpatterns = [
    path("placements/staff/presentations/", session_list, name="staff_presentations"),
    path("placements/staff/presentations/<int:session_id>/", session_detail, name="staff_presentation_session"),
    path("placements/staff/presentations/<int:session_id>/change/", session_change, name="staff_presentation_change"),
]
