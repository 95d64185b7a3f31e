"""The Head of Resourcing's retention page (issue 13): the schedule with what the next run
will dispose of, the disposal log, the link in their navigation bar, and the back office's
read-only log with its export."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from accounts.tests.test_navigation import nav_links
from kentplacements.settings import CELERY_BEAT_SCHEDULE
from retention.models import DisposalLog
from retention.registry import all_rules
from retention.services import rule_in_words
from tests.test_exports import export

from .kinds import KINDS, STARTS

pytestmark = pytest.mark.django_db
URL = reverse("retention_schedule")


def log_entries(count):
    DisposalLog.objects.bulk_create(
        DisposalLog(
            ran_at=timezone.now() - timedelta(days=n),
            kind="notifications",
            label="Emails in the outbox (sent or given up)",
            action="delete",
            rule="365 days after it was written, then deleted",
            records=n + 1,
        )
        for n in range(count)
    )


def test_the_page_shows_each_rule_and_what_the_next_run_will_dispose_of(client, head_of_resourcing):
    KINDS["business_interest"]()
    KINDS["notifications"]()
    with time_machine.travel(STARTS + timedelta(days=settings.RETENTION["notifications"] + 1), tick=False):
        client.force_login(head_of_resourcing)
        response = client.get(URL)
    assertContains(response, "<h1>Retention and disposal</h1>", html=True)
    for rule in all_rules():
        assertContains(response, escape(rule.label))
        assertContains(response, escape(rule_in_words(rule)))
    due = {row.rule.kind: row.records for row in response.context["due"]}
    assert due["notifications"] == due["business_interest"] == 1 and due["medical_certificates"] == 0
    assertContains(response, "Nothing has been disposed of yet.")


def test_the_page_lists_the_log_newest_first_and_links_the_export(client, head_of_resourcing):
    log_entries(3)
    client.force_login(head_of_resourcing)
    response = client.get(URL)
    assertContains(response, "3 entries, newest first")
    assert [entry.records for entry in response.context["log"]] == [1, 2, 3]
    assertContains(response, reverse("admin:retention_disposallog_changelist"))


def test_the_head_of_resourcing_finds_it_in_their_navigation_and_nobody_else_does(
    client, head_of_resourcing, recruiter
):
    client.force_login(head_of_resourcing)
    assert ("Retention", URL) in nav_links(client.get(reverse("home"), follow=True))
    client.force_login(recruiter)
    assert ("Retention", URL) not in nav_links(client.get(reverse("home"), follow=True))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("entries", [1, 50])
def test_the_page_reads_the_same_queries_for_1_and_50_log_entries(
    client, head_of_resourcing, entries, django_assert_num_queries
):
    log_entries(entries)
    client.force_login(head_of_resourcing)
    client.get(URL)  # the session and the roles, read once
    with django_assert_num_queries(QUERIES):
        client.get(URL)


# session, user, roles, MFA check; one count per kind of record (the preview); the log's count and
# page; the user's and their groups' model permissions (the back-office link): 23 today
QUERIES = 4 + len(KINDS) + 2 + 2


def test_the_back_office_log_is_read_only_and_exports_labels(client, head_of_resourcing):
    log_entries(2)
    client.force_login(head_of_resourcing)
    changelist = client.get(reverse("admin:retention_disposallog_changelist"))
    assertContains(changelist, "Emails in the outbox (sent or given up)")
    assertNotContains(changelist, "Add disposal log entry")
    entry = DisposalLog.objects.first()
    page = client.get(reverse("admin:retention_disposallog_change", args=[entry.pk]))
    assert page.status_code == 200 and b'name="records"' not in page.content  # nothing to edit
    _, rows = export(client, "retention/disposallog", "csv")
    assert {row["What happened"] for row in rows} == {"deleted"}
    assert set(rows[0]) == {"When", "Kind of record", "What happened", "Records", "Files removed", "The rule"}


def test_the_disposal_runs_nightly():
    entry = CELERY_BEAT_SCHEDULE["retention-disposal"]
    assert entry["task"] == "retention.tasks.dispose_past_retention_task"
    from retention.tasks import dispose_past_retention_task

    assert dispose_past_retention_task.name == entry["task"]
