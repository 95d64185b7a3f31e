from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string


def landing(request):
    """The front door: the four ways into Kent Police placements and volunteering."""
    return render(request, "landing.html")


def server_error(request):
    """Render 500.html in the site layout; if that fails too, a plain page."""
    try:
        return HttpResponseServerError(render_to_string("500.html", request=request))
    except Exception:
        return HttpResponseServerError("<h1>Sorry, something went wrong</h1>", content_type="text/html")
