"""Issue 8 §1, "Reset links in the outbox": each message with a personal link is sent the
way a person would cause it (the public forms, a staff decision, a partner adding a
colleague). Every staff persona then opens every page that shows the outbox (admin list,
search, detail, history, the CSV and JSON exports, the staff dashboard): first while the
broker is down and the messages wait with their links, then once they are delivered, with
the links taken from the emails. The links are on none of these pages, and once delivered
they are nowhere in the database.

Real commits (``django_db(transaction=True)``): delivery, and so erasure, happens after
commit, as in production.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.account import app_settings as allauth_settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from notifications import services
from notifications.enums import NotificationStatus
from notifications.models import Notification
from notifications.sensitive import SENSITIVE_TEMPLATES, TOKEN_ARGUMENTS
from outreach.services.registrations import send_event_reminders
from outreach.tests.factories import OutreachEventFactory
from outreach.tests.test_event_changes import change_form
from placements.enums import ApplicationStatus, PartnerStatus, ProgrammeStatus
from placements.tests.factories import CohortFactory, PartnerContactFactory, PartnerFactory
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from tests.factories import PASSWORD, UserFactory
from tests.personas import STAFF_PERSONAS, make_persona
from vetting.services.references import references_page, send_reference_reminders

pytestmark = pytest.mark.django_db(transaction=True)

URL = re.compile(r"https?://[^\s<>\"']+")
CHANGELIST = "admin:notifications_notification_changelist"
# allauth's code mails are on the list but switched off here (no login or reset by code).
CODE_TEMPLATES = {"account/email/login_code", "account/email/password_reset_code"}


def trigger_every_personal_link():
    """Cause each message with a personal link as its sender would, through the site."""
    visitor = Client()
    # password reset, on the public form
    UserFactory(email="jo.reset@example.org")
    visitor.post(reverse("account_reset_password"), {"email": "jo.reset@example.org"})
    # email confirmation: signing up, and logging in with an address not yet confirmed
    visitor.post(
        reverse("account_signup"),
        {"full_name": "Sam New", "email": "sam.new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    UserFactory(email="lee.later@example.org", verified=False)
    Client().post(reverse("account_login"), {"login": "lee.later@example.org", "password": PASSWORD})
    # a partner approved by the Diversity Placements Officer: its contact is invited
    partner = PartnerFactory(name="Maidstone Mind", status=PartnerStatus.INTERESTED)
    PartnerContactFactory(organisation=partner, user=None, full_name="Pat Jones", email="pat@mind.example")
    officer = Client()
    officer.force_login(make_persona("diversity_officer"))
    officer.post(reverse("staff_partner_approve", args=[partner.pk]))
    # she imports a cohort's student officers: each is sent a link to set a password
    CohortFactory(name="Cohort 2027-01")
    officers_csv = b"staff_number,full_name,email,cohort\nKP30001,Ada Lovelace,ada@kent.police.example,Cohort 2027-01\n"
    preview = officer.post(
        reverse("admin:placements_studentofficer_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("officers.csv", officers_csv)},
    )
    officer.post(reverse("admin:placements_studentofficer_process_import"), preview.context["confirm_form"].initial)
    # a partner contact adds a colleague, who is invited
    contact = make_persona("partner_contact")
    PartnerContactFactory(organisation=PartnerFactory(name="Dover Carers", status=PartnerStatus.ACTIVE), user=contact)
    colleague = Client()
    colleague.force_login(contact)
    colleague.post(
        reverse("partner_contacts", args=[contact.partner_contacts.get().organisation_id]),
        {"full_name": "Kim Colleague", "email": "kim@carers.example", "phone": ""},
    )
    # someone registers interest in work experience; the recruitment team opens a programme
    visitor.post(reverse("we_interest"), {"full_name": "Alex Keen", "email": "alex.keen@example.org", "website": ""})
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT, title="Autumn 2027")
    team = Client()
    team.force_login(make_persona("recruiter"))
    team.post(
        reverse("admin:placements_workexperienceprogramme_changelist"),
        {"action": "open_selected", "_selected_action": [programme.pk], "index": 0},
    )
    # the team asks a referee for a reference (issue 10); beat reminds them days later
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    team.post(
        references_page(application),
        {"referee_name": "Rita Referee", "referee_email": "rita@school.example", "relationship": "Form tutor"},
    )
    send_reference_reminders(now=timezone.now() + timedelta(days=6))
    # the team asks a 17-year-old for the agreement: their guardian is sent the consent link (issue 10)
    cleared = ApplicationFactory(status=ApplicationStatus.CLEARED)
    team.post(reverse("we_staff_move", args=[cleared.pk, "request_agreement"]))
    # two people register for an outreach event with one place (issue 12): the second waits; the
    # Diversity Placements Officer cancels the first's place for her, so the second is given it,
    # then moves the event to another hall (the second is told, with a new link); beat reminds
    # her two days before
    event = OutreachEventFactory(capacity=1, starts_at=timezone.now() + timedelta(days=5))
    for name, email in (("Amara Okafor", "amara.okafor@example.org"), ("Grace Mensah", "grace.mensah@example.org")):
        visitor.post(
            reverse("outreach_register", args=[event.pk]),
            {"full_name": name, "email": email, "phone": "07911 123456", "role_considered": "police_officer"},
        )
    officer.post(
        reverse("admin:outreach_eventregistration_changelist"),
        {"action": "cancel_selected", "_selected_action": [event.registrations.earliest("pk").pk], "index": 0},
    )
    officer.post(
        reverse("admin:outreach_outreachevent_change", args=[event.pk]),
        change_form(event, venue="Ashford Police Station, the main hall"),
    )
    send_event_reminders(now=event.starts_at - timedelta(days=1))


def links_in(messages):
    """Template -> (notification, link, secrets, a word of the body) for each message
    (notification, body) that carries a link to a token page; the secrets are the
    link's token arguments."""
    found = {}
    for notification, body in messages:
        for url in URL.findall(body):
            match = resolve(urlsplit(url).path)
            # uidb36 is the user's number, not a secret: the key beside it is
            secrets = [str(v) for name, v in match.kwargs.items() if name in TOKEN_ARGUMENTS - {"uidb36"}]
            if secrets:
                word = next(w for w in re.findall(r"[a-z]{8,}", body) if w not in notification.subject.lower())
                found[notification.template] = (notification, url, secrets, word)
    return found


def delivered_links():
    """The links as the recipients got them, from the delivered emails."""
    return links_in(
        (Notification.objects.get(pk=message.extra_headers["X-Kent-Placements-Notification"]), message.body)
        for message in mail.outbox
    )


def export(client, label):
    url = reverse("admin:notifications_notification_export")
    response = client.get(url)
    if response.status_code != 200:
        return response
    form = response.context["form"]
    [choice] = [value for value, name in form.fields["format"].choices if name.lower() == label]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    return client.post(url, {"format": choice, "resource": "0", **selected})


def database_text():
    """Every column of the outbox and of the logs that name its rows, as text."""
    with connection.cursor() as cursor:
        rows = []
        for table in (Notification._meta.db_table, "django_admin_log", "accounts_actionlog"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            rows += [" ".join(map(str, row)) for row in cursor.fetchall()]
    return "\n".join(rows)


def assert_no_staff_page_shows(links, staff):
    for persona, user in staff.items():
        client = Client()
        client.force_login(user)
        reads_outbox = user.has_perm("notifications.view_notification")
        pages = {
            "dashboard": client.get(reverse("staff_dashboard")),
            "list": client.get(reverse(CHANGELIST)),
            "list of sensitive": client.get(reverse(CHANGELIST), {"sensitive__exact": "1"}),
            "csv": export(client, "csv"),
            "json": export(client, "json"),
        }
        for template, (notification, _url, secrets, word) in links.items():
            args = [notification.pk]
            pages[f"{template} detail"] = client.get(reverse("admin:notifications_notification_change", args=args))
            pages[f"{template} history"] = client.get(reverse("admin:notifications_notification_history", args=args))
            search = client.get(reverse(CHANGELIST), {"q": word})
            pages[f"{template} search"] = search
            for secret in secrets:  # the page repeats what was searched for: count the rows
                found = client.get(reverse(CHANGELIST), {"q": secret})
                assert found.status_code != 200 or found.context["cl"].result_count == 0, (persona, template)
            if reads_outbox:
                assert notification not in search.context["cl"].result_list, (persona, template)

        for name, response in pages.items():
            content = response.content.decode()
            for _notification, url, secrets, _word in links.values():
                for secret in [url, *secrets]:
                    assert secret not in content, (persona, name)

        # the pages were really seen by those who read the outbox (not an empty pass)
        if reads_outbox:
            listed = pages["list"].content.decode()
            assert all(n.recipient in listed for n, *_ in links.values()), persona
            csv = pages["csv"].content.decode("utf-8-sig")
            assert all(f"{n.recipient}," in csv for n, *_ in links.values()), persona
            assert all(n.recipient in pages["json"].content.decode() for n, *_ in links.values()), persona
            detail = pages["account/email/password_reset_key detail"].content.decode()
            assert "jo.reset@example.org" in detail and "Contains a personal link" in detail, persona
        else:
            assert pages["list"].status_code in (302, 403), persona


def test_no_staff_page_export_or_database_row_holds_a_personal_link(broker_down, settings):
    assert not allauth_settings.LOGIN_BY_CODE_ENABLED
    assert not allauth_settings.PASSWORD_RESET_BY_CODE_ENABLED
    staff = {persona: make_persona(persona) for persona in STAFF_PERSONAS}

    # the broker is down: the messages wait in the outbox, links and all
    trigger_every_personal_link()
    assert mail.outbox == []
    waiting = links_in((n, n.body_text) for n in Notification.objects.filter(sensitive=True))
    assert set(waiting) == SENSITIVE_TEMPLATES - CODE_TEMPLATES
    assert {n.recipient for n, *_ in waiting.values()} == {
        "jo.reset@example.org",
        "sam.new@example.org",
        "lee.later@example.org",
        "pat@mind.example",
        "kim@carers.example",
        "alex.keen@example.org",
        "ada@kent.police.example",
        "rita@school.example",
        "pat.parent@example.org",  # the guardian of the 17-year-old asked to sign
        "amara.okafor@example.org",  # registered for an outreach event (issue 12)
        "grace.mensah@example.org",  # given a place from its waiting list, then reminded
    }
    assert_no_staff_page_shows(waiting, staff)

    # the broker is back and the sweep delivers them: each person gets their link
    broker_down.restore()
    services.sweep_outbox(timezone.now() + timedelta(seconds=settings.NOTIFICATIONS_STUCK_AFTER_SECONDS))
    links = delivered_links()
    assert {template: url for template, (_n, url, *_) in links.items()} == {
        template: url for template, (_n, url, *_) in waiting.items()
    }

    # delivered, and nothing of the link left in the database
    stored = database_text()
    for notification, url, secrets, _word in links.values():
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.SENT
        for secret in [url, *secrets]:
            assert secret not in stored, notification.template
    assert_no_staff_page_shows(links, staff)
