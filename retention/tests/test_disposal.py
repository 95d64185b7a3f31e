"""The nightly disposal with frozen time (issue 13): each kind goes the day after its
period and not a day before, files go from storage with it, in batches, into a log that
names no one; the preview says what the run then does, and a second run does nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.forms.models import model_to_dict

from notifications.tests.factories import NotificationFactory
from retention.models import DisposalLog
from retention.registry import all_rules
from retention.services import dispose_past_retention, preview, rule_in_words

from .kinds import KINDS, STARTS

pytestmark = pytest.mark.django_db


def run(capture, when, **kwargs):
    """The nightly run at ``when``, its files removed as its batches commit."""
    with time_machine.travel(when, tick=False), capture(execute=True):
        return dispose_past_retention(**kwargs)


def days(kind):
    return timedelta(days=settings.RETENTION[kind])


def test_every_kind_has_a_rule_and_a_period():
    assert {rule.kind for rule in all_rules()} == set(settings.RETENTION) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_kept_until_the_day_after_its_period(kind, django_capture_on_commit_callbacks):
    made = KINDS[kind]()
    assert run(django_capture_on_commit_callbacks, made.starts + days(kind) - timedelta(days=1))[kind] == 0
    assert not made.disposed()
    assert not DisposalLog.objects.filter(kind=kind).exists()
    for storage, name in made.files:
        assert storage.exists(name)

    when = made.starts + days(kind) + timedelta(days=1)
    assert run(django_capture_on_commit_callbacks, when)[kind] == 1
    assert made.disposed()
    [entry] = DisposalLog.objects.filter(kind=kind)
    rule = next(rule for rule in all_rules() if rule.kind == kind)
    assert (entry.kind, entry.records, entry.files, entry.action) == (kind, 1, len(made.files), rule.action)
    assert entry.ran_at == when and entry.rule == rule_in_words(rule)
    for storage, name in made.files:
        assert not storage.exists(name), "the file went with its record, earlier uploads too"


def test_the_next_night_disposes_only_of_accounts_left_unneeded_and_the_night_after_of_nothing(
    django_capture_on_commit_callbacks,
):
    made = [make() for make in KINDS.values()]
    later = STARTS + timedelta(days=max(settings.RETENTION.values()) + 2)
    first = run(django_capture_on_commit_callbacks, later)
    assert all(first.values()) and all(m.disposed() for m in made)
    # the accounts of the people whose last record went in the first run: judged the night after
    second = run(django_capture_on_commit_callbacks, later + timedelta(days=1))
    assert {kind for kind, records in second.items() if records} == {"unused_accounts"}
    logged = list(DisposalLog.objects.values_list("pk", flat=True))
    third = run(django_capture_on_commit_callbacks, later + timedelta(days=2))
    assert set(third.values()) == {0}
    assert list(DisposalLog.objects.values_list("pk", flat=True)) == logged


def test_the_preview_says_what_the_run_then_does(django_capture_on_commit_callbacks):
    for make in KINDS.values():
        make()
    # a spread of moments: some kinds due, some not yet
    for when in (STARTS + timedelta(days=200), STARTS + timedelta(days=400), STARTS + timedelta(days=800)):
        with time_machine.travel(when, tick=False):
            expected = {due.rule.kind: due.records for due in preview()}
        assert run(django_capture_on_commit_callbacks, when) == expected
        for kind, records in expected.items():
            logged = DisposalLog.objects.filter(kind=kind, ran_at=when).values_list("records", flat=True)
            assert list(logged) == ([records] if records else [])


def test_the_log_names_no_one(django_capture_on_commit_callbacks):
    made = [make() for make in KINDS.values()]
    run(django_capture_on_commit_callbacks, STARTS + timedelta(days=max(settings.RETENTION.values()) + 2))
    entries = [model_to_dict(entry) for entry in DisposalLog.objects.all()]
    assert len(entries) == len(KINDS)
    # only what the log is for: kind, how many, when, which rule
    assert set(entries[0]) == {"id", "ran_at", "kind", "label", "action", "rule", "records", "files"}
    text = repr(entries).lower()
    personal = [value for m in made for value in m.personal] + [name for m in made for _s, name in m.files]
    assert personal and not [value for value in personal if value.lower() in text]


def test_in_batches_until_none_is_left(django_capture_on_commit_callbacks):
    with time_machine.travel(STARTS, tick=False):
        rows = NotificationFactory.create_batch(5, sent=True)
    kept = NotificationFactory(sent=True)  # written later: still within its period
    kept.created_at = STARTS + timedelta(days=30)
    kept.save()
    result = run(django_capture_on_commit_callbacks, STARTS + days("notifications") + timedelta(days=1), batch_size=2)
    assert result["notifications"] == 5
    assert not type(kept).objects.filter(pk__in=[row.pk for row in rows]).exists()
    assert type(kept).objects.filter(pk=kept.pk).exists()
    [entry] = DisposalLog.objects.filter(kind="notifications")
    assert entry.records == 5  # one entry for the run, counted batch by batch


def test_a_rolled_back_batch_keeps_its_files(django_capture_on_commit_callbacks):
    made = KINDS["uploaded_presentations"]()
    when = made.starts + days("uploaded_presentations") + timedelta(days=1)
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=False) as callbacks:
        dispose_past_retention()
    assert callbacks, "the files are removed after commit, not before"
    for storage, name in made.files:
        assert storage.exists(name)
