from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from .anonymous_cache import anonymous_cache
from .cookies import essential_cookies
from .middleware import UNREADABLE


@anonymous_cache
def landing(request):
    """The front door: the four ways into Kent Police placements and volunteering."""
    return render(request, "landing.html")


@require_safe
@anonymous_cache
def cookies(request):
    """The cookies the site sets, each with what it is for and how long it lasts (issue 13)."""
    return render(request, "cookies.html", {"cookies": essential_cookies()})


def server_error(request):
    """Render 500.html in the site layout; if that fails too, a plain page."""
    try:
        return HttpResponseServerError(render_to_string("500.html", request=request))
    except Exception:
        return HttpResponseServerError("<h1>Sorry, something went wrong</h1>", content_type="text/html")


def bad_request(request, exception):
    """Render 400.html in the site layout (Django's own handler renders it without the
    request, so the layout could not show who is logged in)."""
    return HttpResponseBadRequest(render_to_string("400.html", {"problem": UNREADABLE}, request=request))
