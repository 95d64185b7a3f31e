"""Outreach's rows of the permission matrix (tests/test_permission_matrix.py).

Anyone reads the published events and registers without an account; whoever holds a
cancel link (emailed to the person who registered) may cancel with it. The Diversity
Placements Officer alone opens the staff pages (outreach.rules): registrations carry
access needs and the role a person is considering."""

from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, audience, by_persona, saved

from .factories import OutreachEventFactory, attendance_to_record, emailed_cancel_token, registered

OFFICER_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200")

MATRIX = {
    "outreach_events": PUBLIC_PAGE,
    "outreach_event": PUBLIC_PAGE,
    "outreach_event_ics": PUBLIC_PAGE,
    "outreach_register": PUBLIC_PAGE,
    "outreach_registered": PUBLIC_PAGE,
    # the link is its holder's key: the page asks before cancelling
    "outreach_cancel": PUBLIC_PAGE,
    "outreach_staff_events": OFFICER_ONLY,
    "outreach_staff_event": OFFICER_ONLY,
    # the register's button: GET is refused once the person is known to be the officer
    "outreach_staff_attendance": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="405"),
}
POST_MATRIX = {
    # an empty form: its errors again, nothing saved
    "outreach_register": PUBLIC_PAGE,
    # the button on the page the link opens: it cancels (each POST is rolled back)
    "outreach_cancel": audience(saved("200"), saved("200"), saved("200")),
    # a register with nobody ticked: nobody came
    "outreach_staff_attendance": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=saved("→outreach_staff_event")
    ),
}
POST_DATA = {}


def url_arguments(people):
    event = OutreachEventFactory()
    on_event = {"event_id": event.pk}
    ids = {
        "outreach_event": on_event,
        "outreach_event_ics": on_event,
        "outreach_register": on_event,
        "outreach_registered": on_event,
        "outreach_cancel": {"token": emailed_cancel_token(registered(event))},
        "outreach_staff_event": on_event,
        "outreach_staff_attendance": {"event_id": attendance_to_record().pk},
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}
