"""Vetting's demo rows (seed_demo): references for an application in vetting, made through
the services as in real life — one answered by its referee, one still waiting — so the
References pages have something to show. Safe to run again: a record with references is
left as it is."""

from notifications.models import Notification

from .services.references import references_for, request_reference, submit_reference

DEMO_ANSWERS = {
    "known_for": "Two years",
    "known_as": "As their form tutor",
    "suitability": "Punctual, honest and thoughtful; works well with adults and younger students.",
    "recommendation": "yes",
    "anything_else": "",
}


def seed_references_demo(record, *, by):
    if references_for(record).exists():
        return
    answered = request_reference(
        record, by=by, referee_name="Robin Tutor", referee_email="robin.tutor@example.org", relationship="Form tutor"
    )
    request_reference(
        record, by=by, referee_name="Casey Coach", referee_email="casey.coach@example.org", relationship="Netball coach"
    )
    # The referee follows the link in their email (its token exists nowhere else).
    link = Notification.objects.get(template="vetting/reference_request", related_id=str(answered.pk)).context
    submit_reference(link["link_url"].rstrip("/").rsplit("/", 1)[1], answers=DEMO_ANSWERS)
