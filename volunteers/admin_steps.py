"""The back office's interview times, fitness tests and medical certificates (issue 11): to
find, filter and export them, and to record outcomes in bulk after an interview or test day.
Each is made by its service on the team's pages (publish_slots, book_fitness_test, the
applicant's upload), so none is added here, and every field a service writes is read-only;
the actions call the same services as the pages' buttons, which email the applicant.

A medical certificate's file, and so its stored name, is on no page, list, export or history
here: the change page links to the logged download the team's application page uses."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin
from kentplacements.workflow import DomainError

from .admin_filters import ApplicationCampaignFilter, CampaignFilter
from .exports import FitnessTestResource, InterviewSlotResource, MedicalCertificateResource
from .interview_forms import InterviewOutcomeForm
from .medical_forms import AnotherCertificateForm, FitnessResultForm
from .models import FitnessTest, InterviewSlot, MedicalCertificate
from .services.fitness import record_fitness_result
from .services.interviews import record_interview_outcome
from .services.medical import accept_medical_certificate, ask_for_another_certificate

APPLICANT_SEARCH = ("application__applicant__full_name", "application__applicant__email")


class MadeByServicesMixin:
    """Rows made by the services on the team's pages (see the module's docstring)."""

    def has_add_permission(self, request):
        return False


@admin.display(description="applicant")
def applicant(record):
    return record.application.applicant


@admin.display(description="campaign")
def campaign(record):
    return record.application.campaign


class BookedFilter(admin.SimpleListFilter):
    title = "booked"
    parameter_name = "booked"

    def lookups(self, request, model_admin):
        return [("yes", "Booked"), ("no", "Free")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(application__isnull=self.value() == "no")
        return queryset


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("past", "Already begun"), ("coming", "Still to come")]

    def queryset(self, request, queryset):
        if self.value() == "past":
            return queryset.filter(starts_at__lte=timezone.now())
        if self.value() == "coming":
            return queryset.filter(starts_at__gt=timezone.now())
        return queryset


def _candidate(slot):
    if slot.application is None:
        raise DomainError("Nobody booked this interview time.")
    return slot.application


@admin.register(InterviewSlot)
class InterviewSlotAdmin(MadeByServicesMixin, ServiceOwnedFieldsMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("__str__", "campaign", "booked_by")
    list_filter = (BookedFilter, WhenFilter, CampaignFilter)
    list_select_related = ("campaign__role", "application__applicant")
    search_fields = ("location", "campaign__title", "campaign__area", *APPLICANT_SEARCH)
    resource_classes = [InterviewSlotResource]
    # Candidates were emailed the time and place they booked (and free times are published
    # within the interview period, which publish_slots checks): none is changed by hand.
    readonly_fields = ("campaign", "starts_at", "ends_at", "location")
    actions = ["record_outcome"]

    @admin.display(description="booked by")
    def booked_by(self, slot):
        return slot.application.applicant if slot.application else "Free"

    @admin.action(description="Record the interview outcome…", permissions=["change"])
    def record_outcome(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset.select_related("application__campaign__role", "application__applicant"),
            form_class=InterviewOutcomeForm,
            service=lambda slot, outcome, reason: record_interview_outcome(
                _candidate(slot), by=request.user, passed=outcome == "passed", reason=reason
            ),
            done="recorded; each candidate has been emailed",
            title="Record the outcome of interviews",
            explanation="The same outcome is recorded for the candidate of each of these interview times, and "
            "each candidate emailed (a candidate who did not pass reads the reason):",
            submit_label="Record the outcome",
        )


@admin.register(FitnessTest)
class FitnessTestAdmin(MadeByServicesMixin, ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = (applicant, campaign, "booked_for", "place", "result")
    list_filter = ("result", ApplicationCampaignFilter)
    list_select_related = ("application__applicant", "application__campaign__role")
    search_fields = ("place", "assessor", *APPLICANT_SEARCH)
    resource_classes = [FitnessTestResource]
    readonly_fields = ("application",)
    actions = ["record_result"]

    @admin.action(description="Record the result…", permissions=["change"])
    def record_result(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset.select_related("application"),
            form_class=FitnessResultForm,
            service=lambda test, result, assessor, reason: record_fitness_result(
                test.application, by=request.user, passed=result == "passed", assessor=assessor, reason=reason
            ),
            done="recorded; each applicant has been emailed",
            title="Record the result of fitness tests",
            explanation="The same result and assessor are recorded for each of these tests, and each applicant "
            "emailed (an applicant who did not pass reads the reason):",
            submit_label="Record the result",
        )


@admin.register(MedicalCertificate)
class MedicalCertificateAdmin(MadeByServicesMixin, ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = (applicant, campaign, "status", "uploaded_at", "checked_at")
    list_filter = ("status", ApplicationCampaignFilter)
    list_select_related = ("application__applicant", "application__campaign__role")
    search_fields = APPLICANT_SEARCH
    resource_classes = [MedicalCertificateResource]
    exclude = ("file",)
    readonly_fields = ("application", "certificate")
    actions = ["accept_selected", "ask_for_another"]

    @admin.display(description="certificate")
    def certificate(self, certificate):
        if not certificate.file:
            return "None: another was asked for"
        url = reverse("volunteer_medical_file", args=[certificate.application_id])
        # the whole sentence is the link: a link inside plain text fails axe (WCAG 1.4.1)
        return format_html('<a href="{}">Download the certificate (each download is in the action log)</a>', url)

    @admin.action(description="Accept", permissions=["change"])
    def accept_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: accept_medical_certificate(c, by=request.user), "accepted")

    @admin.action(description="Ask for another (with a reason)…", permissions=["change"])
    def ask_for_another(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset.select_related("application__applicant"),
            form_class=AnotherCertificateForm,
            service=lambda certificate, reason: ask_for_another_certificate(
                certificate, by=request.user, reason=reason
            ),
            done="refused and deleted; each applicant has been asked for another",
            title="Ask for other medical certificates",
            explanation="These certificates will be deleted, and each applicant emailed the reason and asked for "
            "another:",
            submit_label="Ask for another",
        )
