"""Benchmark the admin changelists and staff lists at scale (issue 13: "50,000 applications with
related rows on PostgreSQL: admin changelists and staff lists use a constant number of queries
(<= 12) and answer in a median < 150 ms").

Run from the repo root, against PostgreSQL:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_bench_scale .venv/bin/python bench/scale.py [--applications N]`
(or `--database-url`). A `bench_<name>` database next to it is made, filled with bulk_create and
dropped at the end. Each page is requested through Django's test client by a superuser (the admin)
or the recruitment team (the staff lists): queries, median and 95th percentile. See bench/README.md.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta

from common import load_average, setup_django, throwaway_database, time_get

MAX_QUERIES = 12
TARGET_MS = 150
PROGRAMMES = 10
CAMPAIGNS = 10
EVENTS = 20
INTAKES = 5
BATCH = 2000
WE_STATUSES = ("applied", "shortlisted", "vetting", "cleared", "confirmed", "completed", "withdrawn")
VOLUNTEER_STATUSES = ("submitted", "shortlisted", "interview_booked", "interviewed", "vetting", "withdrawn")


def users(prefix: str, count: int):
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    unusable = make_password(None)  # people who never log in here
    return User.objects.bulk_create(
        (
            User(email=f"{prefix}{n}@example.org", full_name=f"{prefix.title()} {n}", password=unusable)
            for n in range(count)
        ),
        batch_size=BATCH,
    )


def fill(applications: int, others: int):
    """``applications`` work-experience and as many volunteer applications, an action-log entry and a
    notification for each, and ``others`` event registrations and programme enrolments."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from accounts.models import ActionLog
    from notifications.models import Notification
    from outreach.models import EventRegistration
    from outreach.programme.models import ProgrammeEnrolment
    from outreach.tests.factories import OutreachEventFactory
    from outreach.tests.programme_factories import ProgrammeIntakeFactory
    from placements.models import WorkExperienceApplication
    from placements.tests.work_experience_factories import ProgrammeFactory
    from tests.factories import UserFactory
    from tests.personas import make_persona
    from volunteers.models import VolunteerApplication
    from volunteers.tests.factories import OpenCampaignFactory

    recruiter = make_persona("recruiter")
    superuser = UserFactory(is_superuser=True, mfa=True)
    now = timezone.now()
    today = timezone.localdate()
    programmes = [
        ProgrammeFactory(starts_on=today + timedelta(days=20 + i), ends_on=today + timedelta(days=24 + i))
        for i in range(PROGRAMMES)
    ]
    work_experience = WorkExperienceApplication.objects.bulk_create(
        (
            WorkExperienceApplication(
                programme=programmes[n % PROGRAMMES],
                applicant=applicant,
                status=WE_STATUSES[n % len(WE_STATUSES)],
                date_of_birth=date(2009, 5, 1),
                school="Maidstone Grammar School",
                submitted_at=now,
            )
            for n, applicant in enumerate(users("student", applications))
        ),
        batch_size=BATCH,
    )
    campaigns = [OpenCampaignFactory() for _ in range(CAMPAIGNS)]
    volunteers = VolunteerApplication.objects.bulk_create(
        (
            VolunteerApplication(
                campaign=campaigns[n % CAMPAIGNS],
                applicant=applicant,
                status=VOLUNTEER_STATUSES[n % len(VOLUNTEER_STATUSES)],
                date_of_birth=date(1990, 3, 27),
                lives_or_works_in_area=True,
                can_give_hours=True,
                right_to_volunteer=True,
                motivation="I want to help make Tonbridge safer.",
                availability="Weekday evenings and Saturdays.",
            )
            for n, applicant in enumerate(users("volunteer", applications))
        ),
        batch_size=BATCH,
    )
    for rows in (work_experience, volunteers):
        content_type = ContentType.objects.get_for_model(rows[0])
        ActionLog.objects.bulk_create(
            (
                ActionLog(
                    actor=recruiter,
                    content_type=content_type,
                    object_id=str(a.pk),
                    action="submit",
                    to_state=a.status,
                )
                for a in rows
            ),
            batch_size=BATCH,
        )
        Notification.objects.bulk_create(
            (
                Notification(
                    recipient=f"person{a.pk}@example.org",
                    template="bench/scale",
                    subject="Your application",
                    body_text="Thank you for your application.",
                    status=("sent", "queued", "dead")[a.pk % 3],
                    sent_at=now if a.pk % 3 == 0 else None,
                    next_attempt_at=now if a.pk % 3 == 1 else None,
                    idempotency_key=f"bench-{content_type.pk}-{a.pk}",
                    related_type=content_type,
                    related_id=str(a.pk),
                )
                for a in rows
            ),
            batch_size=BATCH,
        )
    events = [OutreachEventFactory(capacity=10) for _ in range(EVENTS)]
    EventRegistration.objects.bulk_create(
        (
            EventRegistration(
                event=events[n % EVENTS],
                full_name=f"Visitor {n}",
                email=f"visitor{n}@example.org",
                phone="07911 123456",
                role_considered="police_officer",
                status="waiting",  # no place taken: the events' capacity constraint holds
                waiting_since=now,
            )
            for n in range(others)
        ),
        batch_size=BATCH,
    )
    intakes = [ProgrammeIntakeFactory() for _ in range(INTAKES)]
    ProgrammeEnrolment.objects.bulk_create(
        (
            ProgrammeEnrolment(
                intake=intakes[n % INTAKES],
                candidate=candidate,
                why="Help preparing for the SEARCH assessment.",
                stages_wanted=["search"],
                phone="07911 123456",
            )
            for n, candidate in enumerate(users("candidate", others))
        ),
        batch_size=BATCH,
    )
    return superuser, recruiter, programmes[0]


def pages(superuser, recruiter, programme):
    """(name, user, URL) of every page measured."""
    from django.urls import reverse

    def changelist(label: str) -> str:
        return reverse(f"admin:{label}_changelist")

    return [
        ("admin: work-experience applications", superuser, changelist("placements_workexperienceapplication")),
        ("admin: volunteer applications", superuser, changelist("volunteers_volunteerapplication")),
        ("admin: action log", superuser, changelist("accounts_actionlog")),
        ("admin: notifications", superuser, changelist("notifications_notification")),
        ("admin: event registrations", superuser, changelist("outreach_eventregistration")),
        ("admin: programme enrolments", superuser, changelist(f"{_enrolment_label()}_programmeenrolment")),
        ("staff: work-experience programmes", recruiter, reverse("we_programmes")),
        ("staff: a programme's applications", recruiter, reverse("we_programme_dashboard", args=[programme.pk])),
        ("staff: volunteer applications", recruiter, reverse("volunteer_staff_applications")),
    ]


def _enrolment_label() -> str:
    from outreach.programme.models import ProgrammeEnrolment

    return ProgrammeEnrolment._meta.app_label


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=50_000, help="of each kind: work experience, volunteer")
    parser.add_argument(
        "--others", type=int, default=None, help="event registrations and enrolments (default: a fifth of it)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page")
    parser.add_argument("--database-url", help="a PostgreSQL database next to which bench_<name> is made")
    parser.add_argument("--slowest", action="store_true", help="print each page's two slowest queries")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_bench_scale")
    others = args.others if args.others is not None else args.applications // 5
    setup_django()
    with throwaway_database() as connection:
        started = time.perf_counter()
        people = fill(args.applications, others)
        print(
            f"{connection.vendor}: {args.applications} work-experience and {args.applications} volunteer "
            f"applications, {2 * args.applications} action-log entries and notifications, {others} event "
            f"registrations and programme enrolments; filled in {time.perf_counter() - started:.1f} s; "
            f"{load_average()}"
        )
        missed = []
        for name, user, url in pages(*people):
            from django.test import Client

            client = Client()
            client.force_login(user)
            cpu = []
            _, queries, timings = time_get(client, url, args.runs, cpu)
            median = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[-1]
            # what the page costs in this process and in the database, whatever the machine's load
            query_ms = sum(float(query["time"]) for query in queries) * 1000
            ok = len(queries) <= MAX_QUERIES and median < TARGET_MS
            if not ok:
                missed.append(name)
            print(
                f"  {name:36} {len(queries):3} queries   median {median:7.1f} ms   p95 {p95:7.1f} ms   "
                f"{'PASS' if ok else 'MISS'}   (CPU {statistics.median(cpu):5.1f} ms + queries {query_ms:5.1f} ms)"
            )
            if args.slowest:
                for query in sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:2]:
                    print(f"      {float(query['time']) * 1000:7.1f} ms  {query['sql'][:200]}")
        print(f"targets: <= {MAX_QUERIES} queries and median < {TARGET_MS} ms; missed: {', '.join(missed) or 'none'}")
        print(f"at the end: {load_average()}")  # the load moves during a run on a shared machine
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
