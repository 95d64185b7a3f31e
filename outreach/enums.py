from django.db import models

from kentplacements.workflow import Workflow


class EventKind(models.TextChoices):
    """Seed 004: "Pre-application workshops in the community", the Positive Action
    Programme's "Application stage; the National SEARCH assessment and senior interview",
    "engagement days across Kent" and "Familiarisation experience"."""

    PRE_APPLICATION = "pre_application", "Pre-application workshop"
    APPLICATION_STAGE = "application_stage", "Application-stage workshop"
    SEARCH_ASSESSMENT = "search_assessment", "SEARCH assessment workshop"
    INTERVIEW = "interview", "Interview workshop"
    ENGAGEMENT_DAY = "engagement_day", "Engagement day"
    FAMILIARISATION = "familiarisation", "Familiarisation visit"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not shown to the public)"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


_E = EventStatus
# Staff prepare an event, publish it (the public listing shows it and people register),
# or call it off, before or after publishing; a cancelled event stays cancelled.
EVENT_WORKFLOW = Workflow({_E.DRAFT: {_E.PUBLISHED, _E.CANCELLED}, _E.PUBLISHED: {_E.CANCELLED}, _E.CANCELLED: set()})


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


_R = RegistrationStatus
# Issue 12: "A full event offers a waiting list; a cancellation promotes the first waiting";
# "staff take attendance" (and may correct the register). Cancelling is before the event.
REGISTRATION_WORKFLOW = Workflow(
    {
        _R.REGISTERED: {_R.CANCELLED, _R.ATTENDED, _R.DID_NOT_ATTEND},
        _R.WAITING: {_R.REGISTERED, _R.CANCELLED},
        _R.ATTENDED: {_R.DID_NOT_ATTEND},
        _R.DID_NOT_ATTEND: {_R.ATTENDED},
        _R.CANCELLED: set(),
    }
)
# A registration holding one of the event's places (OutreachEvent.places_taken counts them).
HOLDING_A_PLACE = (_R.REGISTERED, _R.ATTENDED, _R.DID_NOT_ATTEND)
# A registration the person may still cancel, and that stops them registering twice.
LIVE = (_R.REGISTERED, _R.WAITING)


class RoleConsidered(models.TextChoices):
    """Issue 12: "the role being considered". Seed 004: "opportunities ... range from office
    roles to front line roles", police officers (#MoreThanTheBadge) above all."""

    POLICE_OFFICER = "police_officer", "Police officer"
    DETECTIVE = "detective", "Detective (direct entry)"
    PCSO = "pcso", "Police community support officer (PCSO)"
    SPECIAL_CONSTABLE = "special_constable", "Special constable"
    POLICE_STAFF = "police_staff", "Police staff (office and specialist roles)"
    VOLUNTEER = "volunteer", "Volunteer"
    NOT_SURE = "not_sure", "Not sure yet"
