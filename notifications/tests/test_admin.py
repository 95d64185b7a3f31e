"""The outbox in the back office: the recruitment team reads it, re-sends dead mail,
and exports it; nobody adds, edits or deletes rows by hand."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils.html import escape

from notifications.enums import NotificationStatus
from notifications.models import Notification

from .factories import NotificationFactory

S = NotificationStatus
CHANGELIST = "admin:notifications_notification_changelist"


def resend(client, *pks):
    return client.post(
        reverse(CHANGELIST), {"action": "resend_selected", "_selected_action": list(pks), "index": 0}, follow=True
    )


@pytest.mark.django_db(transaction=True)
def test_resending_a_queued_row_shows_a_warning_and_still_resends_the_dead_one(client, recruiter, mailoutbox):
    queued = NotificationFactory(subject="Still on its way")
    dead = NotificationFactory(dead=True, recipient="jo@example.org", subject="Gave up on this one")
    client.force_login(recruiter)

    response = resend(client, queued.pk, dead.pk)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"{escape(str(queued))}: It is still queued: if it is stuck, re-queue it instead." in page
    assert "1 notification queued again." in page
    queued.refresh_from_db()
    dead.refresh_from_db()
    assert (queued.status, queued.attempts) == (S.QUEUED, 0)  # untouched
    assert (dead.status, dead.attempts) == (S.SENT, 1)
    assert [(m.to, m.subject) for m in mailoutbox] == [(["jo@example.org"], "Gave up on this one")]
    assert list(LogEntry.objects.values_list("object_id", flat=True)) == [str(dead.pk)]


@pytest.mark.django_db
def test_resending_only_queued_rows_changes_nothing(client, recruiter, mailoutbox):
    queued = NotificationFactory()
    client.force_login(recruiter)

    response = resend(client, queued.pk)

    page = response.content.decode()
    assert f"{escape(str(queued))}: It is still queued: if it is stuck, re-queue it instead." in page
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (S.QUEUED, 0)
    assert not LogEntry.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_view_only_staff_read_the_outbox_but_cannot_resend(client, diversity_officer, mailoutbox):
    dead = NotificationFactory(dead=True, subject="Gave up on this one")
    client.force_login(diversity_officer)

    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Gave up on this one" in page
    assert "resend_selected" not in page
    assert "requeue_stuck" not in page

    response = resend(client, dead.pk)

    assert "queued again" not in response.content.decode()
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (S.DEAD, 5)
    assert not LogEntry.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_rows_cannot_be_added_edited_or_deleted_by_hand(client, recruiter):
    notification = NotificationFactory(
        subject="Your placement", body_html='<p onclick="steal()">Dear Jo</p><script>alert(1)</script>'
    )
    client.force_login(recruiter)

    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "delete_selected" not in page
    assert reverse("admin:notifications_notification_add") not in page
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    change_url = reverse("admin:notifications_notification_change", args=[notification.pk])
    assert client.get(reverse("admin:notifications_notification_delete", args=[notification.pk])).status_code == 403

    # the change page shows the stored HTML as text, never as markup
    detail = client.get(change_url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert "<script>alert(1)" not in detail

    # every field is read-only: a forged POST changes nothing
    before = Notification.objects.values().get(pk=notification.pk)
    client.post(change_url, {"recipient": "attacker@example.org", "status": "sent", "subject": "Changed"})
    assert Notification.objects.values().get(pk=notification.pk) == before


@pytest.mark.django_db
def test_the_changelist_query_count_is_the_same_for_1_and_50_notifications(
    client, recruiter, assert_query_count_constant, clock
):
    def make_rows(n):
        for i in range(n):
            trait = ("sent", "failed", "dead", None)[i % 4]
            NotificationFactory(**({trait: True} if trait else {}))

    client.force_login(recruiter)
    # 11: the list is counted once, not twice (show_full_result_count = False, issue 13)
    assert_query_count_constant(client, reverse(CHANGELIST), make_rows, queries=11)


@pytest.mark.django_db
def test_the_recruitment_team_exports_the_outbox_with_formulas_escaped(client, recruiter):
    NotificationFactory(sent=True, recipient="jo@example.org", subject="Your placement", body_text="Private text")
    NotificationFactory(recipient="sam@example.org", subject='=HYPERLINK("http://evil.example","Click")')
    NotificationFactory(recipient="kim@example.org", subject="+44 1622 777688")
    NotificationFactory(recipient="lee@example.org", subject="@SUM(A1:A2)")
    NotificationFactory(
        recipient="kit@example.org",
        template="account/email/password_reset_key",
        subject="Password Reset",
        sensitive=True,
        body_text="Reset it here: http://127.0.0.1:8000/accounts/password/reset/key/3-secret/",
        context={"password_reset_url": "http://127.0.0.1:8000/accounts/password/reset/key/3-secret/"},
    )
    client.force_login(recruiter)
    url = reverse("admin:notifications_notification_export")

    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    [csv_choice] = [value for value, label in form.fields["format"].choices if label.lower() == "csv"]

    response = client.post(
        url,
        {
            "format": csv_choice,
            "resource": "0",
            **{name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)},
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_recipient = {row["Recipient"]: row for row in rows}
    assert set(by_recipient) == {
        "jo@example.org",
        "sam@example.org",
        "kim@example.org",
        "lee@example.org",
        "kit@example.org",
    }
    assert by_recipient["jo@example.org"]["Subject"] == "Your placement"
    assert by_recipient["jo@example.org"]["Status"] == "Sent"  # the label, not the code
    # shown as typed, never run: an apostrophe in front of = + - @
    assert by_recipient["sam@example.org"]["Subject"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert by_recipient["kim@example.org"]["Subject"] == "'+44 1622 777688"
    assert by_recipient["lee@example.org"]["Subject"] == "'@SUM(A1:A2)"
    assert "Private text" not in response.content.decode()  # bodies stay in the back office
    # a message with a personal link says so, and neither its text nor its context is there
    assert (
        by_recipient["kit@example.org"]["Contains a personal link"],
        by_recipient["jo@example.org"]["Contains a personal link"],
    ) == ("Yes", "No")
    assert by_recipient["kit@example.org"]["Template"] == "account/email/password_reset_key"
    assert "3-secret" not in response.content.decode()
