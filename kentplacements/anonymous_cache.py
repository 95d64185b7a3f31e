"""Public pages as an anonymous visitor sees them, served from the cache (issue 13: "Public
pages keep at least half of a bare Django 'hello' throughput ... cache what an anonymous
visitor sees").

``@anonymous_cache`` on a view marks its page as the same for every anonymous visitor;
``AnonymousPageCacheMiddleware`` (settings.MIDDLEWARE) keeps the rendering and serves it
again, without running the view or most of the middleware, to the same kind of visitor: a
GET or HEAD with no query string, by someone with no session cookie. Whoever has a session
cookie is served the live page. That covers everyone the page could differ for:

- a signed-in person always has a session cookie, so never gets or leaves a cached page;
- flash messages travel in the session (settings.MESSAGE_STORAGE), so a visitor who has one
  waiting has a session cookie and sees the live page, with the message; a page that adds a
  message, writes the session or uses a CSRF token while rendering is not stored;
- a page that sets a cookie is not stored, nor anything but a 200 (a 404, the 429 page,
  a redirect), nor an htmx request's partial page.

A page with a form carries a CSRF token tied to the visitor's cookie, so it cannot be
cached: the cached pages are form-free, and a form lives on a page of its own (the work
experience interest form, /work-experience/interest/). The cache key holds the scheme,
host, path and language; the response carries ``Vary: Cookie``, so no cache between us
and the visitor gives a signed-in person's page to anyone else or the reverse.

Where the pages are kept: in each worker process's memory (the "anonymous_pages" cache in
settings.CACHES), not in Redis. Measured on the 2-CPU machine (bench/landing.py), fetching a
10 KB page from Redis took about as long as rendering the landing page, so a Redis-held
page gained little (0.37–0.49 of hello's throughput against 0.82–0.84 from memory). What must be shared
is only the version below, a few bytes in the default cache (Redis in production).

Staff changes show at once: saving or deleting any model that ``watch_public_models`` was
given (each app names the models its public pages show, in its AppConfig.ready) gives the
pages a new version, at once and again when the transaction commits, and a page stored
under an older version is not served again. The process that made the change sees the new version at once; every
other process reads the shared version at most ``VERSION_CHECK_SECONDS`` after its last
look, so within a second. Every page also expires after ``settings.ANONYMOUS_CACHE_SECONDS``:
the backstop for what no save announces (a campaign's closing time passing, a Redis outage
during which each process keeps its own version, kentplacements/cache.py).
"""

import hashlib
import secrets
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

VERSION_KEY = "anonymous-pages:version"  # in the shared cache
KNOWN_VERSION_KEY = "version"  # in this process's page cache: (version, when it was read)
KEY_PREFIX = "anonymous-page:"
PAGES = "anonymous_pages"  # the alias in settings.CACHES
# How stale a process's idea of the version may be: one Redis round trip a second per
# process, not one per page served.
VERSION_CHECK_SECONDS = 1.0
# Headers that say a response is for one person only, whatever the view thinks of caching.
PRIVATE_CACHE_CONTROL = ("private", "no-store", "no-cache")


def anonymous_cache(view):
    """Mark ``view``'s page as the same for every anonymous visitor, so that
    AnonymousPageCacheMiddleware stores it and serves it again (see the module's notes)."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        request.anonymous_cacheable = True
        return view(request, *args, **kwargs)

    return marked


class AnonymousPageCacheMiddleware:
    """Answers a stored page before the session, CSRF, authentication, messages, CSP and
    allauth middleware run: the headers those gave the page (Vary, X-Frame-Options,
    Content-Security-Policy) were stored with it, and an anonymous visitor with no session
    has nothing they would read. What runs before it runs for every page: the request ID,
    the health check, SecurityMiddleware (HSTS and the other security headers), WhiteNoise
    and the request-body guard. A page is stored on its way out, once every inner
    middleware has had its say, so a cookie any of them set is seen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_visit(request):
            return self.get_response(request)
        key = page_key(request)
        pages = caches[PAGES]
        version = current_version()
        stored = pages.get(key)
        if stored is not None and stored["version"] == version:
            return stored_response(stored)
        response = self.get_response(request)
        if getattr(request, "anonymous_cacheable", False) and may_store(request, response):
            patch_vary_headers(response, ["Cookie"])
            pages.set(key, to_store(response, version), settings.ANONYMOUS_CACHE_SECONDS)
        return response


def is_anonymous_visit(request) -> bool:
    """A plain read by someone with no session: nobody signed in, no message waiting. A
    query string (e.g. ?next=) may change the page, and would let anyone fill the cache."""
    return (
        settings.ANONYMOUS_CACHE_SECONDS > 0  # 0 turns the cache off
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def page_key(request) -> str:
    url = f"{translation.get_language()} {request.build_absolute_uri()}"
    return KEY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def may_store(request, response) -> bool:
    """Only a page that is the same for every anonymous visitor: a 200 with no cookie, no
    CSRF token, no session write and no message of its own."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if any(word in response.get("Cache-Control", "") for word in PRIVATE_CACHE_CONTROL):
        return False
    # get_token() sets this: the page holds a CSRF token, and the response will set its cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and messages.added_new)


def to_store(response, version) -> dict:
    # The headers the view and the inner middleware gave it; the outer middleware adds its
    # own (request ID, HSTS) to every response, stored or not.
    return {"version": version, "content": response.content, "headers": dict(response.headers)}


def stored_response(stored) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def current_version() -> str:
    """The pages' version, as this process last read it from the shared cache (at most
    VERSION_CHECK_SECONDS ago)."""
    pages = caches[PAGES]
    known = pages.get(KNOWN_VERSION_KEY)
    if known is not None and time.monotonic() - known[1] < VERSION_CHECK_SECONDS:
        return known[0]
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random version, not a counter: if Redis evicts the key, a counter could come
        # back to a number that old pages were stored under.
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    pages.set(KNOWN_VERSION_KEY, (version, time.monotonic()), None)
    return version


def new_version() -> None:
    version = secrets.token_hex(8)
    cache.set(VERSION_KEY, version, None)
    caches[PAGES].set(KNOWN_VERSION_KEY, (version, time.monotonic()), None)


def forget_anonymous_pages(**_signal_kwargs) -> None:
    """Every cached page is out of date: at once, and again when the current transaction
    commits, since a page rendered in between reads the old rows and would be stored under
    the first new version."""
    new_version()
    transaction.on_commit(new_version)


_WATCHED: set = set()


def watch_public_models(*models) -> None:
    """Models shown on cached public pages: a save or delete of any of them (or a change to
    one of their many-to-many fields) forgets the cached pages."""
    for model in models:
        if model in _WATCHED:
            continue
        _WATCHED.add(model)
        uid = f"anonymous-cache:{model._meta.label}"
        post_save.connect(forget_anonymous_pages, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(forget_anonymous_pages, sender=model, dispatch_uid=uid, weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(forget_anonymous_pages, sender=through, dispatch_uid=f"{uid}:{field.name}", weak=False)


def watched_models() -> frozenset:
    return frozenset(_WATCHED)
