"""Load the demo data for `make run`. Safe to run again: it changes nothing twice."""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TOTP_SECRET, demo_email
from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from accounts.services import assign_role
from outreach.businesses.demo import seed_businesses_demo
from outreach.demo import seed_outreach_demo
from outreach.equality.demo import seed_equality_demo
from outreach.programme.demo import seed_programme_demo
from placements.demo import seed_placements_demo, seed_work_experience_demo
from placements.demo_monitoring import seed_monitoring_demo
from placements.enums import ProgrammeStatus
from placements.models import WorkExperienceProgramme
from vetting.demo import seed_references_demo, seed_vetting_demo
from volunteers.demo import seed_volunteers_demo


class Command(BaseCommand):
    help = "Create the demo users (one per role), partner organisations, a cohort, a programme and a campaign."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates accounts with published passwords.")
        with transaction.atomic():
            self._people()
            self._domain()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Password for every demo login: {DEMO_PASSWORD}"))

    def _people(self):
        for role, login, name in DEMO_PEOPLE:
            user, created = User.objects.get_or_create(email=demo_email(login), defaults={"full_name": name})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                assign_role(user, role, reason="demo data")
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            if (
                role in STAFF_ROLES
                and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
            ):
                TOTP.activate(user, DEMO_TOTP_SECRET)
            self.stdout.write(f"  {role.label:32} {user.email}")

    def _domain(self):
        # Placements' own demo data (partners, cohort, officer, offers) lives with the app.
        seed_placements_demo(
            partner_user=User.objects.get(email=demo_email("partner")),
            officer_user=User.objects.get(email=demo_email("student")),
        )
        now = timezone.now()
        WorkExperienceProgramme.objects.get_or_create(
            title="Summer work experience 2027",
            defaults={
                "starts_on": date(2027, 7, 19),
                "ends_on": date(2027, 7, 23),
                "capacity": 20,
                "applications_open_at": now,
                "applications_close_at": now + timedelta(days=60),
                "status": ProgrammeStatus.OPEN,
            },
        )
        in_vetting = seed_work_experience_demo(
            applicant_user=User.objects.get(email=demo_email("applicant")),
            escort_user=User.objects.get(email=demo_email("escort")),
            vetting_officer=User.objects.get(email=demo_email("vetting")),
            open_programme=WorkExperienceProgramme.objects.get(title="Summer work experience 2027"),
            make_participant=self._participant,
        )
        seed_monitoring_demo(
            head_user=User.objects.get(email=demo_email("resourcing")),
            escort_user=User.objects.get(email=demo_email("escort")),
            make_participant=self._participant,
        )
        seed_vetting_demo(record=in_vetting, vetting_officer=User.objects.get(email=demo_email("vetting")))
        seed_references_demo(in_vetting, by=User.objects.get(email=demo_email("recruiter")))
        seed_volunteers_demo(
            volunteer_user=User.objects.get(email=demo_email("volunteer")),
            recruiter=User.objects.get(email=demo_email("recruiter")),
        )
        seed_outreach_demo(officer=User.objects.get(email=demo_email("diversity")), domain=DEMO_DOMAIN)
        seed_programme_demo(  # the Positive Action Programme (issue 12): the escorting officer buddies
            officer=User.objects.get(email=demo_email("diversity")),
            buddy=User.objects.get(email=demo_email("escort")),
            domain=DEMO_DOMAIN,
            password=DEMO_PASSWORD,
        )
        seed_businesses_demo(officer=User.objects.get(email=demo_email("diversity")), domain=DEMO_DOMAIN)
        seed_equality_demo()  # after every application it counts (issue 12)

    def _participant(self, name, login):
        """A participant of the demo programme: no password, nobody logs in as them."""
        user, created = User.objects.get_or_create(email=demo_email(login), defaults={"full_name": name})
        if created:
            user.set_unusable_password()
            user.save()
            assign_role(user, Role.APPLICANT, reason="demo data")
        return user
