"""The public verify page (issue 10): anyone shown a Work Placement Agreement can check
that it was issued here, to whom and when, and that it was not altered. It shows the
name and date as printed on the document, and nothing else about the person."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kentplacements.ratelimits import limit_address

from ..forms.sealing import VerifyForm
from ..sealing import verify_pdf


@require_http_methods(["GET", "POST"])
def verify_agreement(request):
    # Each check parses a PDF and its signature: limited per address, like the public
    # forms (settings.ACCOUNT_RATE_LIMITS["verify_agreement"]).
    if refused := limit_address(request, "verify_agreement"):
        return refused
    verification = None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            verification = verify_pdf(form.cleaned_data["document"].read())
            form = VerifyForm()  # ready for the next document
    else:
        form = VerifyForm()
    return render(request, "vetting/verify.html", {"form": form, "verification": verification})
