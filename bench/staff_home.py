"""Benchmark the staff home (/staff/) with 10,000 work-experience applications (issue 9:
"the home answers in < 150 ms median with 10,000 applications").

Run from the repo root: `.venv/bin/python bench/staff_home.py [--applications N] [--runs N]`.
It builds a throwaway database (SQLite in memory by default; with DATABASE_URL set to a
PostgreSQL database, a `bench_<name>` database next to it, dropped at the end), fills it
with bulk_create, then times the home through Django's test client for each back-office
role: median, 90th percentile and the number of queries. See bench/README.md.
"""

import argparse
import statistics
import sys
import time
from datetime import date, timedelta

from common import load_average, setup_django, throwaway_database, time_get

TARGET_MS = 150
PERSONAS = ("recruiter", "diversity_officer", "vetting_officer", "head_of_resourcing")
# Statuses cycled over the applications: every work queue of the team has rows.
STATUSES = (
    "applied",
    "shortlisted",
    "vetting",
    "cleared",
    "agreement_pending",
    "confirmed",
    "attending",
    "completed",
    "withdrawn",
)
PROGRAMMES = 10


def fill(applications: int):
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from accounts.models import ActionLog, User
    from notifications.tests.factories import NotificationFactory
    from placements.models import PartnerOrganisation, RiskAssessment, WorkExperienceApplication
    from placements.tests.work_experience_factories import ProgrammeFactory
    from tests.personas import make_persona

    people = {name: make_persona(name) for name in PERSONAS}
    recruiter = people["recruiter"]
    now = timezone.now()
    today = timezone.localdate()
    programmes = [
        ProgrammeFactory(starts_on=today + timedelta(days=20 + i), ends_on=today + timedelta(days=24 + i))
        for i in range(PROGRAMMES)
    ]
    unusable = make_password(None)  # applicants who never log in here
    applicants = User.objects.bulk_create(
        User(email=f"applicant{n}@example.org", full_name=f"Applicant {n}", password=unusable)
        for n in range(applications)
    )
    rows = []
    for n, applicant in enumerate(applicants):
        status = STATUSES[n % len(STATUSES)]
        rows.append(
            WorkExperienceApplication(
                programme=programmes[n % PROGRAMMES],
                applicant=applicant,
                status=status,
                date_of_birth=date(2009, 5, 1),
                school="Maidstone Grammar School",
                submitted_at=now,
                # protocol 3.3.2: half those at the agreement have had their joining instructions,
                # and have not answered by the deadline
                joining_instructions_sent_at=now if status == "agreement_pending" and n % 2 else None,
                attendance_flagged_at=now if status == "agreement_pending" and n % 2 else None,
            )
        )
    created = WorkExperienceApplication.objects.bulk_create(rows, batch_size=1000)
    on_placement = [a for a in created if a.status in ("confirmed", "attending")]
    RiskAssessment.objects.bulk_create(
        RiskAssessment(
            application=a,
            owner=recruiter,
            assessed_on=today - timedelta(days=30),
            review_due=today - timedelta(days=n % 3),
            summary="Office-based; escorted at all times.",
        )
        for n, a in enumerate(on_placement[::2])
    )
    content_type = ContentType.objects.get_for_model(WorkExperienceApplication)
    ActionLog.objects.bulk_create(
        (
            ActionLog(
                actor=recruiter, content_type=content_type, object_id=str(a.pk), action="submit", to_state="applied"
            )
            for a in created
        ),
        batch_size=1000,
    )
    PartnerOrganisation.objects.bulk_create(
        PartnerOrganisation(
            name=f"Bench charity {n}",
            kind="charity",
            postcode="ME14 1XX",
            status=("interested", "approved", "active")[n % 3],
            duplicate_key=f"bench-{n}",
        )
        for n in range(300)
    )
    NotificationFactory.create_batch(50, dead=True)
    return people


def time_home(user, runs: int):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    response, queries, timings = time_get(client, reverse("staff_dashboard"), runs)
    assert "Waiting for you" in response.content.decode()
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:2]
    return timings, len(queries), slowest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30, help="timed requests per role; the median counts")
    parser.add_argument("--slowest", action="store_true", help="print each home's two slowest queries")
    args = parser.parse_args()
    setup_django()
    with throwaway_database() as connection:
        started = time.perf_counter()
        people = fill(args.applications)
        print(
            f"{connection.vendor}: {args.applications} applications, filled in {time.perf_counter() - started:.1f} s; "
            f"{load_average()}"
        )
        failed = False
        for name, user in people.items():
            timings, queries, slowest = time_home(user, args.runs)
            median = statistics.median(timings)
            p90 = statistics.quantiles(timings, n=10)[-1]
            verdict = "ok" if median < TARGET_MS else "OVER TARGET"
            failed = failed or median >= TARGET_MS
            print(
                f"  {name:20} median {median:6.1f} ms   p90 {p90:6.1f} ms   min {min(timings):6.1f} ms   "
                f"{queries} queries   target < {TARGET_MS} ms   {verdict}"
            )
            if args.slowest:
                for query in slowest:
                    print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
