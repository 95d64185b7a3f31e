from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV
from import_export.widgets import ForeignKeyWidget

from kentplacements.admin_tools import ServiceOwnedFieldsMixin
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from ..models import Cohort, StudentOfficer
from ..services.officers import enrol_student_officer
from .exports import CohortResource


@admin.register(Cohort)
class CohortAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("name", "course_start", "two_day_window_start", "four_day_window_start")
    resource_classes = [CohortResource]
    search_fields = ("name",)


class CohortByName(ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Cohort.DoesNotExist:
            raise ValueError(
                f"There is no cohort called “{value}”. Add the cohort first or check the spelling."
            ) from None


class StudentOfficerResource(resources.ModelResource):
    """CSV columns: staff_number, full_name, email, cohort (the cohort's name).
    Rows are matched on staff_number, so importing the same file twice changes nothing."""

    cohort = fields.Field(attribute="cohort", column_name="cohort", widget=CohortByName(Cohort, field="name"))

    class Meta:
        model = StudentOfficer
        fields = ("staff_number", "full_name", "email", "cohort")
        import_id_fields = ("staff_number",)
        clean_model_instances = True  # model validation (email format, uniqueness) per row
        skip_unchanged = True
        report_skipped = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def after_save_instance(self, instance, row, **kwargs):
        # In the preview (dry run) the whole import is rolled back, accounts included.
        enrol_student_officer(instance, by=self.user)


@admin.register(StudentOfficer)
class StudentOfficerAdmin(ServiceOwnedFieldsMixin, ImportMixin, SafeExportMixin, SimpleHistoryAdmin):
    resource_classes = [StudentOfficerResource]
    import_formats = [CSV]
    list_display = ("full_name", "staff_number", "email", "cohort", "user")
    list_filter = ("cohort",)
    list_select_related = ("cohort", "user")
    search_fields = ("full_name", "staff_number", "email")
    exclude = ("calendar_token",)  # never shown to staff (issue 8 §1)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}
