"""The fitness test and the medical certificate (issue 11): the recruitment team books and
records the test, downloads the certificate and accepts it or asks for another; the
applicant uploads it from "Your volunteer applications". The certificate is served only
here, to the team, as a download that is logged (never from MEDIA_URL)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.audit import record_action
from kentplacements.pages import act, posted, run_service

from ..medical_forms import AnotherCertificateForm, FitnessBookingForm, FitnessResultForm, MedicalUploadForm
from ..models import MedicalCertificate
from ..selectors import applications_of
from ..services.fitness import book_fitness_test, record_fitness_result
from ..services.medical import (
    accept_medical_certificate,
    ask_for_another_certificate,
    can_upload,
    upload_medical_certificate,
)
from .staff import _application, _team_page

STAFF_PAGE = "volunteer_staff_application"


def _form_page(request, form, *, application, title, template="volunteers/staff/step.html", **extra):
    return render(request, template, {"application": application, "form": form, "title": title, **extra})


def _done(request, form, save, message, then):
    """Run the service when the form is valid; its refusal is shown above the form."""
    if form.is_valid() and run_service(request, form, lambda: save(form.cleaned_data), message):
        return redirect(*then)
    return None


@_team_page
@require_http_methods(["GET", "POST"])
def book_fitness(request, application_id):
    application = _application(application_id)
    form = FitnessBookingForm(posted(request))
    saved = _done(
        request,
        form,
        lambda data: book_fitness_test(application, by=request.user, **data),
        "The fitness test is booked; we have emailed the applicant.",
        (STAFF_PAGE, application.pk),
    )
    return saved or _form_page(request, form, application=application, title="Book the fitness test")


@_team_page
@require_http_methods(["GET", "POST"])
def fitness_result(request, application_id):
    application = _application(application_id)
    form = FitnessResultForm(posted(request))
    saved = _done(
        request,
        form,
        lambda data: record_fitness_result(
            application,
            by=request.user,
            passed=data["result"] == "passed",
            assessor=data["assessor"],
            reason=data["reason"],
        ),
        "The fitness test's result is recorded; we have emailed the applicant.",
        (STAFF_PAGE, application.pk),
    )
    return saved or _form_page(request, form, application=application, title="Record the fitness test's result")


def _certificate(application_id):
    return get_object_or_404(
        MedicalCertificate.objects.select_related("application__campaign__role", "application__applicant"),
        application_id=application_id,
    )


@_team_page
@require_http_methods(["GET", "POST"])
def ask_for_another(request, application_id):
    certificate = _certificate(application_id)
    form = AnotherCertificateForm(posted(request))
    saved = _done(
        request,
        form,
        lambda data: ask_for_another_certificate(certificate, by=request.user, reason=data["reason"]),
        "We have asked the applicant for another certificate and deleted this one.",
        (STAFF_PAGE, application_id),
    )
    return saved or _form_page(
        request, form, application=certificate.application, title="Ask for another medical certificate"
    )


@_team_page
@require_POST
def accept_certificate(request, application_id):
    certificate = _certificate(application_id)
    act(
        request,
        lambda: accept_medical_certificate(certificate, by=request.user),
        "The medical certificate is accepted; we have emailed the applicant.",
    )
    return redirect(STAFF_PAGE, application_id)


@_team_page
@require_GET
def certificate_file(request, application_id):
    """The certificate, to the recruitment team only, as a download; each download is in
    the action log (who looked at someone's medical details, and when)."""
    certificate = _certificate(application_id)
    if not certificate.file:
        raise Http404
    record_action(certificate, action="download_medical_certificate", by=request.user)
    extension = certificate.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        certificate.file.open("rb"), as_attachment=True, filename=f"medical-certificate-{application_id}.{extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload_certificate(request, application_id):
    """The applicant's own application only (another person's is a 404)."""
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    if not can_upload(application):
        messages.info(request, "This application is not waiting for a medical certificate.")
        return redirect("volunteer_my_applications")
    form = MedicalUploadForm(posted(request), request.FILES or None)
    saved = _done(
        request,
        form,
        lambda data: upload_medical_certificate(application, by=request.user, upload=data["upload"]),
        "Thank you: your medical certificate is uploaded. We will tell you when we have checked it.",
        ("volunteer_my_applications",),
    )
    return saved or _form_page(
        request,
        form,
        application=application,
        title="Upload your medical certificate",
        template="volunteers/upload_medical.html",
        certificate=getattr(application, "medical_certificate", None),
    )


_STAFF = "staff/volunteering/applications/<int:application_id>/"
urlpatterns = [
    path(f"{_STAFF}fitness-test/book/", book_fitness, name="volunteer_fitness_book"),
    path(f"{_STAFF}fitness-test/result/", fitness_result, name="volunteer_fitness_result"),
    path(f"{_STAFF}medical-certificate/", certificate_file, name="volunteer_medical_file"),
    path(f"{_STAFF}medical-certificate/accept/", accept_certificate, name="volunteer_medical_accept"),
    path(f"{_STAFF}medical-certificate/another/", ask_for_another, name="volunteer_medical_another"),
    path(
        "volunteering/applications/<int:application_id>/medical-certificate/",
        upload_certificate,
        name="volunteer_medical_upload",
    ),
]
