from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.spreadsheets import SafeExportMixin

from ..models import WorkExperienceProgramme


@admin.register(WorkExperienceProgramme)
class WorkExperienceProgrammeAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("title", "starts_on", "ends_on", "capacity", "status")
    list_filter = ("status",)
    search_fields = ("title",)
