"""The staff home's work queues (issue 9): what waits for each person, as counts that
link to the list where they act.

Each app declares its own queues here (``register``) from its AppConfig.ready, because
accounts uses no app of ours (DOMAIN.md §2). A queue whose list is an admin changelist
is opened there through ``QueueFilter`` (``?queue=<slug>``), and any other list through
``in_queue``; both filter with the very queryset the count was made from, so the number
on the home and the rows behind the link cannot disagree."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import QuerySet
from django.utils import timezone

from .roles import role_names


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str  # what waits, in the seeds' words: "Applications to shortlist"
    roles: frozenset[str]  # whose work it is (DOMAIN.md §1)
    permission: str  # needed to open the list the count links to
    items: Callable[..., QuerySet]  # items(user, today): the rows waiting for ``user``
    url: Callable[[], str]  # the filtered list
    # opens_for(user): who the list lets in, for a list stricter than ``permission`` through
    # the model backend (the vetting pages admit the vetting role alone, not a superuser:
    # issue 10), so the home never offers a count whose link turns the person away
    opens_for: Callable | None = None

    def visible_to(self, user) -> bool:
        if self.opens_for is not None:
            return self.opens_for(user)
        # a superuser holds no role but may open every other list
        return (user.is_superuser or bool(role_names(user) & self.roles)) and user.has_perm(self.permission)


_QUEUES: dict[str, Queue] = {}


def register(*queues: Queue) -> None:
    for queue in queues:
        _QUEUES[queue.slug] = queue


def queues_for(user) -> list[Queue]:
    return [queue for queue in _QUEUES.values() if queue.visible_to(user)]


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


def waiting_for(user, today=None) -> list[Waiting]:
    """One count query per queue the user sees; none grows with the rows."""
    today = today or timezone.localdate()
    return [Waiting(q.label, q.items(user, today).count(), q.url()) for q in queues_for(user)]


class QueueFilter(admin.SimpleListFilter):
    """Add to an admin's list_filter: ``?queue=<slug>`` shows the rows of that queue
    (one of those registered for the admin's model and visible to the viewer)."""

    title = "work queue"
    parameter_name = "queue"

    def __init__(self, request, params, model, model_admin):
        self.user = request.user
        super().__init__(request, params, model, model_admin)

    def _queues(self, model):
        return [q for q in queues_for(self.user) if q.items(self.user, timezone.localdate()).model is model]

    def lookups(self, request, model_admin):
        return [(queue.slug, queue.label) for queue in self._queues(model_admin.model)]

    def queryset(self, request, queryset):
        return in_queue(queryset, self.value(), self.user)


def queue_named(slug, user) -> Queue | None:
    """The queue ``slug`` if ``user`` sees it on their home."""
    queue = _QUEUES.get(slug or "")
    return queue if queue is not None and queue.visible_to(user) else None


def in_queue(queryset, slug, user):
    """``queryset`` narrowed to the rows of the queue ``slug`` (``?queue=<slug>``), for a
    list that is not an admin changelist; the whole of it when ``user`` does not see
    that queue."""
    queue = queue_named(slug, user)
    if queue is None:
        return queryset
    # pk__in, not ``&``: the queue's queryset may be distinct or annotated
    return queryset.filter(pk__in=queue.items(user, timezone.localdate()).values("pk"))
