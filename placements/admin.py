from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.spreadsheets import SafeExportMixin

from .models import Cohort, PartnerOrganisation, WorkExperienceProgramme


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "kica_member", "district", "status")
    list_filter = ("status", "kind", "kica_member", "district")
    search_fields = ("name", "postcode")


@admin.register(Cohort)
class CohortAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("name", "course_start")
    search_fields = ("name",)


@admin.register(WorkExperienceProgramme)
class WorkExperienceProgrammeAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("title", "starts_on", "ends_on", "capacity", "status")
    list_filter = ("status",)
    search_fields = ("title",)
