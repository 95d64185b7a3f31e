"""The recruitment team's back office for work experience (seed 001, protocol 3.2.1:
Corporate Recruitment co-ordinate all requests and allocations). Actions call the
services, which check each move, log it and email the applicant."""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html

from accounts.audit import visible_copy
from accounts.queues import QueueFilter
from kentplacements.admin_lists import DistinctValuesFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from ..forms.placement_days import EscortingOfficerForm
from ..forms.work_experience import DeclineForm, DiscontinueReasonForm
from ..models import EligibilityQuestion, ExpressionOfInterest, WorkExperienceApplication, WorkExperienceProgramme
from ..selectors.work_experience import eligibility_answers_text, under_18_on_first_day
from ..services.placement_days import assign_escorting_officer
from ..services.work_experience import (
    close_programme,
    complete_application,
    decline_application,
    discontinue_application,
    finish_programme,
    open_programme,
    request_agreement,
    send_joining_instructions,
    shortlist_application,
    start_programme,
    start_vetting,
)
from .exports import (
    ExpressionOfInterestResource,
    WorkExperienceApplicationResource,
    WorkExperienceProgrammeResource,
)
from .placement_days import ParticipantPageColumn, participant_page_link


class EligibilityQuestionInline(admin.TabularInline):
    model = EligibilityQuestion
    fields = ("order", "text", "eligible_answer", "explanation")
    extra = 0


class WorkExperienceProgrammeForm(forms.ModelForm):
    class Meta:
        model = WorkExperienceProgramme
        fields = (
            "title",
            "starts_on",
            "ends_on",
            "venue",
            "capacity",
            "minimum_age",
            "eligibility_criteria",
            "applications_open_at",
            "applications_close_at",
            "arrival_time",
            "what_to_bring",
            "dress_code",
            "contact_details",
            "attendance_confirmation_days",
        )

    def clean_capacity(self):
        # places_confirmed is not on the form, so Django skips the database's check
        # programme_capacity_never_exceeded here: saving would end in a server error.
        capacity = self.cleaned_data["capacity"]
        confirmed = self.instance.places_confirmed
        if capacity is not None and capacity < confirmed:
            raise forms.ValidationError(
                f"Applicants hold {confirmed} confirmed place{pluralize(confirmed)}; the capacity cannot be lower."
            )
        return capacity


@admin.register(WorkExperienceProgramme)
class WorkExperienceProgrammeAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    form = WorkExperienceProgrammeForm
    list_display = ("title", "starts_on", "ends_on", "capacity", "places_confirmed", "status")
    resource_classes = [WorkExperienceProgrammeResource]
    list_filter = ("status",)
    search_fields = ("title",)
    inlines = [EligibilityQuestionInline]
    # Opening a programme emails everyone interested (protocol 3.2.3), so the status
    # changes only through the services, here as actions.
    actions = ["open_selected", "close_selected", "start_selected", "finish_selected"]

    @admin.action(description="Open for applications (and email everyone interested)", permissions=["change"])
    def open_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: open_programme(p, by=request.user), "opened")

    @admin.action(description="Close for applications", permissions=["change"])
    def close_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: close_programme(p, by=request.user), "closed")

    @admin.action(description="Placement days have started", permissions=["change"])
    def start_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: start_programme(p, by=request.user), "started")

    @admin.action(description="Programme finished", permissions=["change"])
    def finish_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: finish_programme(p, by=request.user), "finished")


class Under18Filter(admin.SimpleListFilter):
    """Protocol 3.5.3: under 18 on the first day, a parent or guardian must consent."""

    title = "age on the first day"
    parameter_name = "under_18"

    def lookups(self, request, model_admin):
        return [("yes", "Under 18 on the first day"), ("no", "18 or over on the first day")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return under_18_on_first_day(queryset)
        if self.value() == "no":
            return queryset.exclude(pk__in=under_18_on_first_day(queryset).values("pk")).exclude(date_of_birth=None)
        return queryset


@admin.register(WorkExperienceApplication)
class WorkExperienceApplicationAdmin(
    ParticipantPageColumn, ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin
):
    list_display = ("applicant", "programme", "school", "date_of_birth", "status", "submitted_at")
    resource_classes = [WorkExperienceApplicationResource]
    # issue 13: the schools are read from their index, not from every application
    list_filter = (QueueFilter, "status", "programme", Under18Filter, ("school", DistinctValuesFilter))
    list_select_related = ("applicant", "programme")
    search_fields = ("applicant__full_name", "applicant__email", "school")
    # issue 13: one count of the applications a page, not two (a filtered list says "Show all"
    # rather than the total)
    show_full_result_count = False
    # Every status change, and the escorting officer, go through a service (an action
    # here or a page elsewhere): WorkExperienceApplication.SERVICE_OWNED_FIELDS.
    # The answers are shown as "question: answer", as on the application page, never as JSON;
    # the note on the status as the viewer's role may read it (get_readonly_fields).
    exclude = ("attendance_reminded_at", "attendance_flagged_at", "eligibility_answers", "status_reason")
    readonly_fields = ("answers",)
    # Issue 10: each step the recruitment team takes in bulk; confirming and attending, which
    # wait on a participant's own records, are taken on the application page.
    actions = [
        "shortlist_selected",
        "decline_selected",
        "start_vetting_selected",
        "request_agreement_selected",
        "send_joining_instructions_selected",
        "complete_selected",
        "discontinue_selected",
        "assign_escort_selected",
    ]

    def has_add_permission(self, request):
        return False  # applications come from applicants, never typed in

    @admin.display(description="placement days")
    def participant_page(self, application):
        return participant_page_link(application)

    def get_list_display(self, request):
        # Issue 10: from the staff home's queues (this list) to the page of every step.
        columns = super().get_list_display(request)
        return (*columns, "application_page") if request.user.has_perm("placements.view_application") else columns

    @admin.display(description="steps")
    def application_page(self, application):
        url = reverse("we_staff_application", args=[application.pk])
        return format_html('<a href="{}">Open {}’s application</a>', url, application.applicant.full_name)

    @admin.display(description="Eligibility answers")
    def answers(self, application):
        return eligibility_answers_text(application) or "—"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), self.note_on_status(request)]

    @staticmethod
    def note_on_status(request):
        """Issue 9: a conduct reason (discontinue_application copies it into status_reason) is read
        only by the roles the action log's one rule allows (accounts.audit); the vetting officer
        reads "Not shown to your role", on the record and on each of its past versions alike.
        One function per request: Django matches the read-only fields of its several calls."""
        if not hasattr(request, "note_on_status"):

            @admin.display(description="Note on the status")
            def note_on_status(application):
                return visible_copy(application, application.status_reason, request.user) or "—"

            request.note_on_status = note_on_status
        return request.note_on_status

    @admin.action(description="Shortlist", permissions=["change"])
    def shortlist_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda a: shortlist_application(a, by=request.user), "shortlisted")

    @admin.action(description="Start vetting", permissions=["change"])
    def start_vetting_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda a: start_vetting(a, by=request.user), "moved to vetting")

    @admin.action(description="Ask for the Work Placement Agreement", permissions=["change"])
    def request_agreement_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda a: request_agreement(a, by=request.user), "asked to sign")

    @admin.action(description="Send joining instructions", permissions=["change"])
    def send_joining_instructions_selected(self, request, queryset):
        """Protocol 3.3.2: each waits for its checks, references and signed agreement."""
        run_on_each(
            self,
            request,
            queryset,
            lambda a: send_joining_instructions(a, by=request.user),
            "had the joining instructions sent",
        )

    @admin.action(description="Placement completed", permissions=["change"])
    def complete_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda a: complete_application(a, by=request.user), "completed")

    @admin.action(description="Discontinue for conduct (with the reason)…", permissions=["change"])
    def discontinue_selected(self, request, queryset):
        """Protocol 2.4; the participant, their guardian and their school are told why."""
        return run_with_form(
            self,
            request,
            queryset,
            form_class=DiscontinueReasonForm,
            service=lambda application, reason: discontinue_application(application, by=request.user, reason=reason),
            done="discontinued",
            title="Discontinue work experience placements",
            explanation="These placements will be discontinued, and the reason emailed to each participant, "
            "their parent or guardian (under 18) and their school:",
            submit_label="Discontinue them",
        )

    @admin.action(description="Decline (with a reason)…", permissions=["change"])
    def decline_selected(self, request, queryset):
        """The reason is required (protocol 3.1.2, 3.2.2), so this asks for it first."""
        return run_with_form(
            self,
            request,
            queryset,
            form_class=DeclineForm,
            service=lambda application, reason, note: decline_application(
                application, by=request.user, reason=reason, note=note
            ),
            done="declined",
            title="Decline work experience applications",
            explanation="These applications will be declined, and each applicant emailed the reason:",
            submit_label="Decline them",
        )

    @admin.action(description="Assign an escorting officer…", permissions=["change"])
    def assign_escort_selected(self, request, queryset):
        """Protocol 3.5.6: each participant has an escorting officer; the service checks
        the role and logs the assignment."""
        return run_with_form(
            self,
            request,
            queryset,
            form_class=EscortingOfficerForm,
            service=lambda application, officer: assign_escorting_officer(
                application, by=request.user, officer=officer
            ),
            done="given an escorting officer",
            title="Assign an escorting officer",
            explanation="This escorting officer will look after each of these participants:",
            submit_label="Assign",
        )


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("full_name", "email", "created_at", "unsubscribed_at")
    resource_classes = [ExpressionOfInterestResource]
    search_fields = ("full_name", "email")
    readonly_fields = ("full_name", "email", "created_at")
    exclude = ("unsubscribe_token",)  # never shown to staff (issue 8 §1)

    def has_add_permission(self, request):
        return False  # people register their interest on the public form
