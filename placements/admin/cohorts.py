from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.spreadsheets import SafeExportMixin

from ..models import Cohort, StudentOfficer


@admin.register(Cohort)
class CohortAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("name", "course_start", "two_day_window_start", "four_day_window_start")
    search_fields = ("name",)


@admin.register(StudentOfficer)
class StudentOfficerAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("full_name", "staff_number", "email", "cohort")
    list_filter = ("cohort",)
    list_select_related = ("cohort",)
    search_fields = ("full_name", "staff_number", "email")
