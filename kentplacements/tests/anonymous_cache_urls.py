"""Views marked @anonymous_cache whose responses are each for one visitor only, for
test_anonymous_cache.py: none may be stored, whatever the mark says."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from kentplacements.anonymous_cache import anonymous_cache

CALLS = []


def counted(view):
    def wrapper(request):
        CALLS.append(view.__name__)
        return view(request)

    return anonymous_cache(wrapper)


def too_many(request):
    return HttpResponse("Too many requests", status=429)


def sets_a_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("chosen", "1")
    return response


def holds_a_csrf_token(request):
    return HttpResponse(f"<input value='{get_token(request)}'>")


def adds_a_message(request):
    messages.success(request, "Saved.")
    return HttpResponse("Saved.")


def writes_the_session(request):
    request.session["seen"] = True
    return HttpResponse("hello")


def private(request):
    response = HttpResponse("yours")
    response["Cache-Control"] = "private"
    return response


def same_for_everyone(request):
    return HttpResponse("hello")


VIEWS = [too_many, sets_a_cookie, holds_a_csrf_token, adds_a_message, writes_the_session, private, same_for_everyone]
urlpatterns = [path(f"{view.__name__}/", counted(view)) for view in VIEWS]
