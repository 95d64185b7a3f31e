"""How `vetting` knows the things it vets, without importing them (DOMAIN.md §2: "vetting
knows the things it vets through a generic relation or a small protocol").

An app whose records are vetted, referenced or signed for (a work-experience application
today, a volunteer application later) registers its model once, from its AppConfig.ready:

- ``describe(record) -> Subject``: what vetting's pages, emails and the agreement need to
  know about the person and the placement;
- ``ended_before(cutoff) -> queryset``: its records that have ended (no move left) with
  their end (a programme's last day, a campaign's close) before ``cutoff``: vetting's rows
  about them are past their retention period from then (vetting/retention.py, issue 13);
- hooks that vetting calls, inside its own transaction, when something it owns moves the
  record on: ``on_vetting_cleared``, ``on_vetting_refused``, ``on_agreement_signed`` — each
  ``hook(record, *, by)``; the registering app's service makes the state change.

Vetting's rows point at the record through a content type and an object id."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q

HOOKS = ("on_vetting_cleared", "on_vetting_refused", "on_agreement_signed")


@dataclass(frozen=True)
class Subject:
    person_name: str
    email: str
    date_of_birth: date | None
    guardian_name: str  # empty when no guardian is asked (18 or over on the first day)
    guardian_email: str
    title: str  # "Work experience: Summer week 2027", as a person would say it
    starts_on: date | None
    ends_on: date | None
    # The person's account, where they sign in to sign the agreement (issue 10); None when
    # the record's app has no accounts.
    account: object = None
    # The staff page of the record in its own app, linked from the vetting officer's pages.
    staff_url: str = ""


@dataclass(frozen=True)
class _Registration:
    describe: object
    hooks: dict
    ended_before: object


_REGISTRY: dict[type, _Registration] = {}


def register(model, *, describe, ended_before, **hooks):
    unknown = set(hooks) - set(HOOKS)
    if unknown:
        raise TypeError(f"unknown vetting hooks: {sorted(unknown)}")
    _REGISTRY[model] = _Registration(describe, hooks, ended_before)


def _registration(record) -> _Registration:
    try:
        return _REGISTRY[type(record)]
    except KeyError:
        raise LookupError(f"{type(record).__name__} is not registered with vetting.subjects") from None


def describe(record) -> Subject:
    return _registration(record).describe(record)


def call_hook(record, hook: str, *, by) -> None:
    """Tell the record's app that ``hook`` happened; an app that did not register it ignores it."""
    if hook not in HOOKS:
        raise ValueError(hook)
    handler = _registration(record).hooks.get(hook)
    if handler is not None:
        handler(record, by=by)


def subject_of(row):
    """The vetted record a vetting row (with ``content_type`` and ``object_id``) points at."""
    return row.content_type.get_object_for_this_type(pk=row.object_id)


def pointer(record) -> dict:
    """The fields a vetting row stores to point at ``record``."""
    return {"content_type": ContentType.objects.get_for_model(record), "object_id": record.pk}


def pointing_at_outer(model) -> dict:
    """``pointer`` for a subquery: the vetting rows of the outer query's ``model`` record (the
    staff-home queues filter records by what vetting holds for them, in SQL)."""
    return {"content_type": ContentType.objects.get_for_model(model), "object_id": OuterRef("pk")}


def records_of(rows) -> dict:
    """(content type id, object id) -> the vetted record, for many vetting rows: one query per
    kind of record, following its required foreign keys (``select_related()``), which
    ``describe`` reads (the applicant, the programme), so a list page costs no query per row."""
    wanted = {}
    for row in rows:
        wanted.setdefault(row.content_type_id, set()).add(row.object_id)
    found = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for record in model._base_manager.select_related().filter(pk__in=ids):
            found[content_type_id, record.pk] = record
    return found


def pointing_at_ended(cutoff, *, content_type="content_type", object_id="object_id") -> Q:
    """Vetting rows (pointing through ``content_type`` and ``object_id``) about a record that
    ended before ``cutoff`` (``ended_before`` of each registered model). The content type is
    matched by name in the same query, not looked up, so a count costs one query."""
    condition = Q(pk__in=[])
    for model, registration in _REGISTRY.items():
        condition |= Q(
            **{
                f"{content_type}__app_label": model._meta.app_label,
                f"{content_type}__model": model._meta.model_name,
                f"{object_id}__in": registration.ended_before(cutoff).values("pk"),
            }
        )
    return condition
