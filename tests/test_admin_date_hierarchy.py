"""Issue 8 §4: a date the drill-down cannot show (``?created_at__year=99999999999``, a
13th month, a year whose end is past 9999, letters) never gives a server error on an
admin list with a date hierarchy: the bad date is dropped, with a message, and the whole
list is shown. Walks every registered ModelAdmin with ``date_hierarchy``."""

import pytest
from django.contrib import messages

from accounts.audit import record_action
from notifications.tests.factories import NotificationFactory
from tests.admin_registry import changelist_url, label, our_model_admins, third_party_model_admins
from tests.test_admin_query_counts import disposal_logged
from vetting.tests.references import ask_for_reference

pytestmark = pytest.mark.django_db
WITH_DATES = [m for m in [*our_model_admins(), *third_party_model_admins()] if m.date_hierarchy]
# One row of each, dated today, so "the whole list" is something to see.
MAKE = {
    "accounts.ActionLog": lambda user: record_action(user, action="test"),
    "notifications.Notification": lambda user: NotificationFactory(),
    "vetting.Reference": lambda user: ask_for_reference(user),
    "retention.DisposalLog": lambda user: disposal_logged(),
}
# Who opens each list: the recruitment team, but the disposal log is the Head of Resourcing's.
VIEWER = {"retention.DisposalLog": "head_of_resourcing"}


def viewer(request, model_admin):
    return request.getfixturevalue(VIEWER.get(label(model_admin), "recruiter"))


BAD_DATES = [
    {"year": "99999999999"},
    {"year": "9999"},  # the end of the year 9999 is not a date
    {"year": "9999", "month": "12"},
    {"year": "0"},
    {"year": "2026", "month": "13"},
    {"year": "2026", "month": "99999999999"},
    {"year": "2026", "month": "2", "day": "30"},
    {"year": "2026", "day": "1"},
    {"month": "99999999999"},
    {"day": "-1"},
    {"year": "abc"},
    {"year": "２０２６"},
    {"year": "2026", "month": "1e3"},
]


def test_every_list_with_a_date_hierarchy_is_covered():
    assert {label(m) for m in WITH_DATES} == set(MAKE)


@pytest.mark.parametrize("model_admin", WITH_DATES, ids=label)
@pytest.mark.parametrize("bad", BAD_DATES, ids=lambda bad: "&".join(f"{k}={v}" for k, v in bad.items()))
def test_a_date_the_list_cannot_show_is_dropped_with_a_message(client, request, model_admin, bad):
    user = viewer(request, model_admin)
    MAKE[label(model_admin)](user)
    client.force_login(user)
    query = {f"{model_admin.date_hierarchy}__{part}": value for part, value in bad.items()}
    page = client.get(changelist_url(model_admin.model), {**query, "q": ""}, follow=True)
    assert page.status_code == 200
    warnings = [m.message for m in page.context["messages"] if m.level == messages.WARNING]
    assert warnings == ["That date is not one this list can show, so every date is shown."]
    changelist = page.context["cl"]
    assert changelist.result_count == model_admin.model.objects.count() > 0
    assert "q" in page.request["QUERY_STRING"]  # the rest of the address is kept


@pytest.mark.parametrize("model_admin", WITH_DATES, ids=label)
def test_a_real_date_still_narrows_the_list(client, request, model_admin):
    user = viewer(request, model_admin)
    MAKE[label(model_admin)](user)
    client.force_login(user)
    field = model_admin.date_hierarchy
    shown = client.get(changelist_url(model_admin.model), {f"{field}__year": "2001", f"{field}__month": "2"})
    assert shown.status_code == 200 and shown.context["cl"].result_count == 0
