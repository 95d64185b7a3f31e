"""The student officer's own placements (seed 000: a 2-day and a 4-day placement)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from rules.contrib.views import permission_required

from ..selectors.officers import visible_placements


@login_required
@permission_required("placements.view_own_placements", raise_exception=True)
def my_placements(request):
    try:
        officer = request.user.student_officer
    except ObjectDoesNotExist:  # a superuser passes the permission but has no placements
        raise Http404("You have no community placements.") from None
    return render(
        request,
        "placements/officers/my_placements.html",
        {"officer": officer, "placements": visible_placements(officer)},
    )


urlpatterns = [path("placements/mine/", my_placements, name="my_placements")]
