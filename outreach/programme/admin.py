"""The programme's back office (issue 12): intakes are added and edited here by the
Diversity Placements Officer; enrolments are read, found, filtered and exported, and moved
only by actions calling the services. Support sessions have no admin: their notes are for
the buddy and the programme staff, on the enrolment's own page."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.spreadsheets import SafeExportMixin

from .enums import ProgrammeStage
from .exports import ProgrammeEnrolmentResource
from .forms import BuddyChoice, DeclineForm
from .models import ProgrammeEnrolment, ProgrammeIntake
from .selectors import staff_members
from .services import complete_enrolment, decline_enrolment, enrol


class IntakeForm(forms.ModelForm):
    stages = forms.MultipleChoiceField(
        label="Stages supported", choices=ProgrammeStage.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ProgrammeIntake
        fields = ("name", "description", "opens_on", "closes_on", "stages")


@admin.register(ProgrammeIntake)
class ProgrammeIntakeAdmin(admin.ModelAdmin):
    form = IntakeForm
    list_display = ("name", "opens_on", "closes_on", "stages_supported")
    search_fields = ("name", "description")
    list_filter = ("opens_on",)

    @admin.display(description="stages supported")
    def stages_supported(self, intake):
        return ", ".join(intake.stage_labels())


class EnrolForm(forms.Form):
    buddy = BuddyChoice(label="Buddy", queryset=staff_members(), error_messages={"required": "Choose a buddy."})


@admin.register(ProgrammeEnrolment)
class ProgrammeEnrolmentAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, admin.ModelAdmin):
    list_display = ("candidate", "intake", "status", "buddy", "applied_at")
    list_filter = (QueueFilter, "status", "intake")
    list_select_related = ("candidate", "intake", "buddy")
    search_fields = ("candidate__full_name", "candidate__email", "intake__name", "buddy__full_name")
    resource_classes = [ProgrammeEnrolmentResource]
    # the candidate's own answers, read here; stages in words, not their stored codes
    exclude = ("stages_wanted",)
    readonly_fields = ("why", "stages_in_words", "phone", "access_needs", "staff_page")
    actions = ["enrol_selected", "decline_selected", "complete_selected"]

    def has_add_permission(self, request):
        return False  # candidates apply on their own page

    @admin.display(description="help wanted with")
    def stages_in_words(self, enrolment):
        return enrolment.stages_in_words()

    @admin.display(description="support")
    def staff_page(self, enrolment):
        url = reverse("programme_staff_enrolment", args=[enrolment.pk])
        return format_html('<a href="{}">The enrolment’s page: sessions and familiarisation visits</a>', url)

    @admin.action(description="Enrol with a buddy…", permissions=["change"])
    def enrol_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=EnrolForm,
            service=lambda enrolment, buddy: enrol(enrolment, buddy=buddy, by=request.user),
            done="enrolled; the candidates and the buddy have been emailed",
            title="Enrol candidates",
            explanation="These candidates will be enrolled, with this buddy:",
            submit_label="Enrol them",
        )

    @admin.action(description="Decline the application (with a reason)…", permissions=["change"])
    def decline_selected(self, request, queryset):
        return run_with_form(
            self,
            request,
            queryset,
            form_class=DeclineForm,
            service=lambda enrolment, reason: decline_enrolment(enrolment, reason=reason, by=request.user),
            done="declined; the candidates have been emailed",
            title="Decline programme applications",
            explanation="These applications will be declined (the reason is not emailed):",
            submit_label="Decline them",
        )

    @admin.action(description="Mark as completed", permissions=["change"])
    def complete_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda e: complete_enrolment(e, by=request.user), "completed")
