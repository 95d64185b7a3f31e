"""Request-level guards that answer before anything reads the request body (issue 8 §4).

- A body must be UTF-8: our pages send UTF-8 and browsers post forms back in it. Any
  other or unknown ``charset`` in the Content-Type gave a 500 (or text decoded into
  nonsense and saved); it is now a 400 saying so.
- A body larger than the form could accept is refused with a 413 from its
  Content-Length alone: a 200 MB anonymous upload was written to a temporary file when
  the CSRF check read the form, before anything could refuse it.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

UNREADABLE = "Your browser sent a request we could not read."


def _is_utf8(charset: str) -> bool:
    # Spelt exactly, as Django requires for urlencoded forms (an alias such as "utf8"
    # would pass here and then fail there, less clearly).
    return charset.strip().lower() == "utf-8"


def body_limit(request) -> int | None:
    """The most bytes this request's body may have: the fields' allowance, plus the
    largest file any form accepts when the body can carry files."""
    if request.content_type == "multipart/form-data":
        return settings.REQUEST_BODY_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestBodyGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._refusal(request) or self.get_response(request)

    def _refusal(self, request):
        charset = request.content_params.get("charset")
        if charset is not None and not _is_utf8(charset):
            return _refuse(request, 400, "This page only accepts forms sent as UTF-8 text.")

        length = request.META.get("CONTENT_LENGTH") or ""
        if not length:
            # Django reads no body without a Content-Length, so a chunked body would be
            # dropped silently and the form would look empty: say what is wrong instead.
            if request.META.get("HTTP_TRANSFER_ENCODING"):
                return _refuse(request, 411, "Your browser sent this form without saying how long it is.")
            return None
        if not length.isdigit():
            return _refuse(request, 400, UNREADABLE)

        limit = body_limit(request)
        if limit is not None and int(length) > limit:
            return render(
                request,
                "413.html",
                {"limit": filesizeformat(limit), "largest_file_mb": settings.UPLOAD_MAX_MB},
                status=413,
            )
        return None


def _refuse(request, status, problem):
    return render(request, "400.html", {"problem": problem}, status=status)
