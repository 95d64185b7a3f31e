"""The Head of Resourcing's retention page (issue 13): the schedule with what the next
run will dispose of, kind by kind, and the disposal log, newest first."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from kentplacements.pagination import page_of

from .models import DisposalLog
from .services import preview


@login_required
@permission_required("retention.preview_disposal", raise_exception=True)
@require_GET
def schedule(request):
    log = page_of(request, DisposalLog.objects.all())
    return render(request, "retention/schedule.html", {"due": preview(), "log": log})


urlpatterns = [path("staff/retention/", schedule, name="retention_schedule")]
