"""Issue 12: keeping the equality answers apart. The invitation names the application it
follows, signed and time-limited; the answers keep the source (campaign, programme) and a key
that only the settings' secret turns back into the application, are written once, and leave
no trace beside the person: no action-log entry, no email, no timestamp, a random id. The
model has no permissions and no admin. The stage report joins the answers to the stages their
applications reached by recomputing the keys."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import ActionLog
from notifications.models import Notification
from outreach.equality.characteristics import CHARACTERISTICS, FIELDS
from outreach.equality.invitations import (
    InvitationExpired,
    InvitationNotFound,
    equality_invitation_url,
    invitation_token,
    read_invitation,
    respondent_key,
)
from outreach.equality.models import EqualityResponse
from outreach.equality.services import AlreadyAnswered, record_equality_answers
from outreach.equality.sources import source_for
from placements.tests.work_experience_factories import ApplicationFactory
from volunteers.models import VolunteerApplication
from volunteers.services.applications import shortlist_application, withdraw_application
from volunteers.tests.factories import VolunteerApplicationFactory

from .equality_factories import SOME_ANSWERS, answer

pytestmark = pytest.mark.django_db


def test_the_answers_keep_the_campaign_and_a_key_never_the_application():
    application = VolunteerApplicationFactory()
    row = answer(application)
    assert (row.source_type.model_class(), row.source_id) == (type(application.campaign), application.campaign_id)
    assert row.respondent_key == respondent_key(VolunteerApplication, application.pk)
    assert len(row.respondent_key) == 64 and row.respondent_key != respondent_key(VolunteerApplication, 0)
    stored = {field.name for field in EqualityResponse._meta.concrete_fields}
    assert stored == {"id", "source_type", "source_id", "respondent_key", *FIELDS}  # no person, no time
    assert {f: getattr(row, f) for f in FIELDS} == {f: SOME_ANSWERS.get(f, "") for f in FIELDS}


def test_a_work_experience_answer_keeps_its_programme():
    application = ApplicationFactory(status="applied")
    row = answer(application)
    assert (row.source_type.model, row.source_id) == ("workexperienceprogramme", application.programme_id)


def test_the_key_needs_the_settings_secret(settings):
    application = VolunteerApplicationFactory()
    before = respondent_key(VolunteerApplication, application.pk)
    settings.EQUALITY_RESPONDENT_KEY = "another secret"
    assert respondent_key(VolunteerApplication, application.pk) != before


def test_answering_writes_nothing_beside_the_person():
    application = VolunteerApplicationFactory()
    logged, mailed = ActionLog.objects.count(), Notification.objects.count()
    answer(application)
    assert (ActionLog.objects.count(), Notification.objects.count()) == (logged, mailed)


def test_an_invitation_is_answered_once():
    application = VolunteerApplicationFactory()
    answer(application, sex="male")
    with pytest.raises(AlreadyAnswered):
        answer(application, sex="female")
    assert list(EqualityResponse.objects.values_list("sex", flat=True)) == ["male"]
    assert read_invitation(invitation_token(application)).answered


def test_leaving_everything_out_keeps_nothing():
    assert record_equality_answers(invitation_token(VolunteerApplicationFactory()), {}) is None
    assert not EqualityResponse.objects.exists()


def test_an_answer_not_offered_is_refused():
    with pytest.raises(Exception, match="Choose one of the answers"):
        answer(VolunteerApplicationFactory(), ethnic_group="martian")
    assert not EqualityResponse.objects.exists()


def test_the_database_refuses_what_the_service_would_not_write():
    application = VolunteerApplicationFactory()
    fields = read_invitation(invitation_token(application)).stored_fields()
    for bad in ({"sex": "martian"}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            EqualityResponse.objects.create(**fields, **bad)


def test_the_invitation_expires(time_machine, settings):
    token = invitation_token(VolunteerApplicationFactory())
    time_machine.move_to(timezone.now() + timedelta(days=settings.EQUALITY_INVITATION_DAYS, minutes=1))
    with pytest.raises(InvitationExpired):
        record_equality_answers(token, SOME_ANSWERS)


def test_a_changed_or_stale_invitation_is_not_found():
    application = VolunteerApplicationFactory()
    token = invitation_token(application)
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", ""):
        with pytest.raises(InvitationNotFound):
            read_invitation(bad)
    VolunteerApplication.objects.filter(pk=application.pk).delete()
    with pytest.raises(InvitationNotFound):
        read_invitation(token)


def test_only_registered_records_are_invited():
    with pytest.raises(LookupError):
        equality_invitation_url(VolunteerApplicationFactory().campaign)
    assert equality_invitation_url(VolunteerApplicationFactory()).startswith("/equality/")


def test_nobody_can_be_given_the_right_to_read_answers_and_no_admin_shows_them():
    assert not Permission.objects.filter(content_type__app_label="outreach", content_type__model="equalityresponse")
    assert EqualityResponse not in admin.site._registry


def test_the_stage_reached_is_the_furthest_the_action_log_shows(recruiter):
    application = shortlist_application(VolunteerApplicationFactory(), by=recruiter)
    withdraw_application(application, by=application.applicant)
    waiting = VolunteerApplicationFactory(campaign=application.campaign)
    registration = source_for(application)
    reached = registration.furthest_stages(application.campaign)
    assert {pk: registration.stages[stage].label for pk, stage in reached.items()} == {
        application.pk: "Shortlisted",
        waiting.pk: "Applied",
    }


def test_every_characteristic_has_prefer_not_to_say():
    assert len(CHARACTERISTICS) == 9
    assert all(("prefer_not_to_say", "Prefer not to say") in c.choices.choices for c in CHARACTERISTICS)
