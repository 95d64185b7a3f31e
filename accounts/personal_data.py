"""Subject access and erasure (issue 13; seed 001 §3.4, §8.2–8.3; DOMAIN.md §4 "Anyone can ask
for their data").

Each app lists its models that hold personal data here, from its AppConfig.ready, with
``register(PersonalData(...))`` — accounts uses no app of ours (DOMAIN.md §2), as with
``navigation.register_own_things``. An entry says:

- how a person's rows are found: ``user`` (a lookup path to the user, "applicant" or
  "application__applicant"), ``email`` (a lookup path to an email field, for people who
  never made an account: an event registration), or ``find(user, email)`` for the rest;
- which fields and files go into the person's ZIP (``fields``, ``files``): declared one by
  one, so a secret (a token, a password hash, a vetting note) is never exported by accident;
- what erasure does with them: ``delete`` them, replace fields (``erase``: field -> value,
  or a callable of the row), or keep them (``kept``: why the law lets us keep them), with
  ``keep(rows)`` naming the rows kept for ``kept`` when only some are (a signed agreement);
- how the person's live rows are ended first (``ending``, an ``Ending``): an application still
  being vetted, a place held at an event. Anonymised in place, it would stay in the staff's
  queues as "Erased person", holding its place; so erasure first ends it through its app's own
  service (a withdrawal), which frees the place, moves the waiting list on and tells the others
  it concerns, as any withdrawal does.

tests/test_personal_data_registry.py walks every model and fails when one holding personal
data is neither registered nor listed, with a reason, as not needing it."""

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import FileField, Q
from django.utils import timezone
from django.utils.text import slugify

from kentplacements.stored_files import files_of, forget_history, remove_after_commit
from kentplacements.workflow import DomainError

from .audit import record_action
from .roles import is_staff_member

PERMISSION = "accounts.handle_personal_data_requests"
ERASED_NAME = "Erased person"
ERASED_DOMAIN = "@erased.invalid"  # .invalid is reserved (RFC 2606): no mail reaches it
# Equality answers are kept apart from the person on purpose (outreach/equality/models.py: a
# keyed hash, no link back): nobody can find a person's answers, so nobody can export them.
EQUALITY_NOTE = (
    "Equality monitoring answers are not included: they are stored without any link to the person "
    "who gave them, so they cannot be found for one person, and are reported only in aggregate."
)


def erased_email(row) -> str:
    """A placeholder address, one per row (several columns are unique), that no mail can reach
    (.invalid is reserved, RFC 2606)."""
    return f"erased-{row._meta.model_name}-{row.pk}{ERASED_DOMAIN}"


@dataclass(frozen=True)
class Ending:
    """How an app ends a person's live rows before they are erased. ``live(rows)``: those of the
    person's rows still in progress (the states its transition table lets move to withdrawn, or
    cancelled); ``end(row, *, by)``: the app's service for it, which must not email the person
    (they asked to be forgotten, and the outbox rows to their address go with the erasure). The
    pages read "2 live {noun}s will be {ended_as} first: {then}."."""

    live: Callable
    end: Callable
    noun: str  # "volunteer application"
    ended_as: str  # "withdrawn"
    then: str  # what ending one does, for whom: "a booked interview time is freed ..."


@dataclass(frozen=True)
class PersonalData:
    model: str  # "app_label.ModelName"
    heading: str  # "Volunteer applications": the kind of record, its JSON file's name
    fields: tuple[str, ...]
    user: str = ""
    email: str = ""
    find: Callable | None = None  # find(user_or_None, email) -> queryset
    files: tuple[str, ...] = ()
    delete: bool = False
    erase: dict = field(default_factory=dict)
    erase_row: Callable | None = None  # erase_row(row): what ``erase`` cannot say (the account)
    kept: str = ""
    keep: Callable | None = None  # keep(rows) -> the rows kept for ``kept``; None: all or none
    ending: Ending | None = None  # how the live rows are ended before erasure

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def file_name(self) -> str:
        return slugify(self.heading) + ".json"

    def rows(self, user, email: str):
        """The person's rows: by account, by email address, or both."""
        manager = self.model_class._default_manager
        if self.find is not None:
            return self.find(user, email)
        condition = Q(pk__in=[])
        if self.user and user is not None:
            condition |= Q(**{self.user: user} if self.user != "pk" else {"pk": user.pk})
        if self.email:
            condition |= Q(**{f"{self.email}__iexact": email})
        return manager.filter(condition)


_REGISTRY: dict[str, PersonalData] = {}


def register(*entries: PersonalData) -> None:
    for entry in entries:
        _REGISTRY[f"{entry.model}:{entry.heading}"] = entry


def registered() -> list[PersonalData]:
    return list(_REGISTRY.values())


def account_for(email: str):
    return get_user_model()._default_manager.filter(email__iexact=email.strip()).first()


@dataclass(frozen=True)
class Held:
    entry: PersonalData
    count: int


def held_about(email: str) -> tuple[object, list[Held]]:
    """The person's account (or None) and how many rows of each kind are held: one query for
    the account and one per kind, however many rows (the search page)."""
    user = account_for(email)
    held = [Held(entry, entry.rows(user, email).count()) for entry in registered()]
    return user, [h for h in held if h.count]


# --- the export ----------------------------------------------------------------------------


def _value(row, name):
    model_field = row._meta.get_field(name)
    if model_field.choices:
        return getattr(row, f"get_{name}_display")()
    value = getattr(row, name)
    if model_field.is_relation:
        return str(value) if value is not None else None
    if isinstance(model_field, FileField):
        return PurePosixPath(value.name).name if value else ""
    return value


def serialise(entry: PersonalData, row) -> dict:
    return {str(row._meta.get_field(name).verbose_name): _value(row, name) for name in entry.fields}


def export_zip(email: str, *, by) -> bytes:
    """Everything held about the person as one ZIP: a JSON file per kind of record, their files
    under files/, and a README. The export itself is logged (who exported whose data, never the
    content: accounts.audit)."""
    user, held = held_about(email)
    buffer = io.BytesIO()
    notes = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in held:
            entry = item.entry
            rows = list(entry.rows(user, email).order_by("pk"))
            archive.writestr(
                entry.file_name,
                json.dumps([serialise(entry, row) for row in rows], indent=2, default=str, ensure_ascii=False),
            )
            for row in rows:
                for name in entry.files:
                    stored = getattr(row, name)
                    if not stored:
                        continue
                    path = f"files/{slugify(entry.heading)}/{row.pk}-{PurePosixPath(stored.name).name}"
                    try:
                        with stored.open("rb") as handle:
                            archive.writestr(path, handle.read())
                    except OSError:
                        notes.append(f"{entry.heading}: the file {PurePosixPath(stored.name).name} is missing.")
        archive.writestr("README.txt", _readme(email, held, notes))
    subject = logged_against(user, email, [item.entry for item in held])
    if subject is not None:
        record_action(subject, action="export_personal_data", by=by)
    return buffer.getvalue()


def logged_against(user, email, entries):
    """The record the action log names for a request about the person: their account, or (someone
    who never made one) their first record kept as a row, not one erasure deletes (an email)."""
    if user is not None or not entries:
        return user
    kept_as_rows = [entry for entry in entries if not entry.delete] or entries
    return kept_as_rows[0].rows(None, email).order_by("pk").first()


def _readme(email, held, notes) -> str:
    lines = [
        "Kent Placements: the personal data held about one person",
        f"Made on {timezone.localtime():%d %B %Y at %H:%M}.",
        "",
        "Each JSON file holds one kind of record; files/ holds the documents uploaded or signed.",
        "",
        *(f"- {h.entry.file_name}: {h.entry.heading} ({h.count})" for h in held),
        "",
        EQUALITY_NOTE,
        "References written about the person, and the detail of vetting decisions, are held by the"
        " vetting unit and are not included (Force Policy P04); the checks' outcomes are.",
        *notes,
    ]
    return "\n".join(lines) + "\n"


# --- erasure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    heading: str
    erased: int
    kept: int
    why: str
    ended: int = 0  # live rows ended first (withdrawn, cancelled), as ``ending`` says
    ending: Ending | None = None


def erasure_plan(email: str) -> list[Outcome]:
    """What erasure would do, kind by kind (the confirm page)."""
    user, held = held_about(email)
    plan = []
    for h in held:
        rows = h.entry.rows(user, email)
        ended = h.entry.ending.live(rows).count() if h.entry.ending is not None else 0
        plan.append(_outcome(h.entry, rows, dry_run=True, ended=ended))
    return plan


def _outcome(entry, rows, *, dry_run, ended=0) -> Outcome:
    if entry.kept and entry.keep is None:
        return Outcome(entry.heading, 0, rows.count(), entry.kept, ended, entry.ending)
    kept = entry.keep(rows) if entry.keep is not None else rows.none()
    kept_pks = list(kept.values_list("pk", flat=True))
    erase = list(rows.exclude(pk__in=kept_pks))
    if not dry_run:
        _erase_rows(entry, erase)
    return Outcome(entry.heading, len(erase), len(kept_pks), entry.kept if kept_pks else "", ended, entry.ending)


def _end_live_rows(entry, rows, *, by) -> int:
    """End the person's live rows of one kind through its app's service; how many. A refusal
    (the record moved on since the confirm page, say) stops the erasure: its transaction rolls
    back, and the page says why."""
    live = list(entry.ending.live(rows).order_by("pk"))
    for row in live:
        try:
            entry.ending.end(row, by=by)
        except DomainError as exc:
            raise DomainError(
                f"Nothing was erased: a live {entry.ending.noun} could not be {entry.ending.ended_as} first. {exc}"
            ) from exc
    return len(live)


def _erase_rows(entry, rows):
    model = entry.model_class
    # the files go from storage, not only their names, once the erasure commits
    remove_after_commit(files_of(model, rows, entry.files))
    for row in rows:
        for name in entry.files:
            setattr(row, name, "")
        if entry.delete:
            continue
        for name, value in entry.erase.items():
            setattr(row, name, value(row) if callable(value) else value)
        if entry.erase_row is not None:
            entry.erase_row(row)
        changed = [*entry.erase, *entry.files]
        if entry.erase_row is not None:
            row.save()
        elif changed:
            row.save(update_fields=changed)
    pks = [row.pk for row in rows]
    if entry.delete:
        model._default_manager.filter(pk__in=pks).delete()
    forget_history(model, pks)  # simple-history's earlier versions hold the same names


def check_erasable(user) -> None:
    """A staff member's account is the force's record of who decided what: it is closed through
    HR, not erased here (and nobody erases themselves by mistake)."""
    if user.is_superuser or is_staff_member(user):
        raise DomainError("This is a staff member's account: it is closed through HR, not erased here.")


def check_may_erase(by) -> None:
    """Only the Head of Resourcing erases, and ends records on a request for erasure: the apps'
    erasure services ask this too, as they are called with no page of their own in front."""
    if by is None or not by.has_perm(PERMISSION):
        raise DomainError("Only the Head of Resourcing handles requests for erasure.")


def erase_person(email: str, *, by) -> list[Outcome]:
    """Anonymise the person across every app where the law allows; say what was kept and why.
    One transaction: all of it, or (on any failure) none of it. First their live records are
    ended through their apps' services (``Ending``), each logged with ``by`` as its actor, while
    they still carry the person's name for whoever the services tell. The account, last, so
    every kind found by account was found first; the action log then names its actor "Erased person"."""
    check_may_erase(by)
    with transaction.atomic():
        user = account_for(email)
        if user is not None:
            user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
            check_erasable(user)
        ended = {
            entry.heading: _end_live_rows(entry, entry.rows(user, email), by=by)
            for entry in registered()
            if entry.ending is not None
        }
        held = [entry for entry in registered() if entry.rows(user, email).exists()]
        held.sort(key=lambda entry: entry.model == get_user_model()._meta.label)
        subject = logged_against(user, email, held)
        outcomes = [
            _outcome(entry, entry.rows(user, email), dry_run=False, ended=ended.get(entry.heading, 0)) for entry in held
        ]
        if subject is not None:
            # logged against the account (or the first record found by email), before that record's
            # own row may be gone; the entry holds no personal data
            record_action(subject, action="erase_personal_data", by=by)
    return outcomes


# --- accounts' own kinds (registered from AccountsConfig.ready) -----------------------------


def _erase_account(user):
    """The account stays (records that point at it keep pointing, named "Erased person"), but
    it can no longer sign in and its address is free for a new account."""
    user.email = erased_email(user)
    user.full_name = ERASED_NAME
    user.is_active = False
    user.set_unusable_password()  # also ends its sessions: their hash no longer matches
    user.last_login = None
    user.groups.clear()


ACTIONS_KEPT = (
    "The action log records who did what, and is kept so that the force can account for its"
    ' decisions; the person\'s entries now name them as "Erased person".'
)

register(
    PersonalData(
        "accounts.User",
        "Account",
        fields=("email", "full_name", "date_joined", "last_login", "is_active"),
        user="pk",
        erase_row=_erase_account,
    ),
    PersonalData(
        "account.EmailAddress",
        "Email addresses",
        fields=("email", "verified", "primary"),
        user="user",
        delete=True,
    ),
    # the kind of second factor only: its secret never leaves the database
    PersonalData("mfa.Authenticator", "Second factors", fields=("type", "created_at"), user="user", delete=True),
    # the outbox is listed here, by label, as notifications uses nothing of ours (DOMAIN.md §2);
    # the subject only: a message's text may carry a single-use link
    PersonalData(
        "notifications.Notification",
        "Emails sent to you",
        fields=("subject", "status", "created_at", "sent_at"),
        email="recipient",
        delete=True,
    ),
    PersonalData(
        "accounts.ActionLog",
        "Actions you took",
        fields=("created_at", "action", "content_type", "object_id", "from_state", "to_state"),
        user="actor",
        kept=ACTIONS_KEPT,
    ),
    PersonalData(
        "admin.LogEntry",
        "Changes you made in the back office",
        fields=("action_time", "content_type", "object_repr"),
        user="user",
        kept=ACTIONS_KEPT,
    ),
)
