"""The disposal log's export (issue 8's rule: names and labels, never an ID or a code)."""

from kentplacements.spreadsheets import ExportResource, column, datetime_column

from .models import DisposalLog


class DisposalLogResource(ExportResource):
    ran_at = datetime_column("When", "ran_at")
    label = column("Kind of record", "label")
    action = column("What happened", "get_action_display")
    records = column("Records", "records")
    files = column("Files removed", "files")
    rule = column("The rule", "rule")

    class Meta:
        model = DisposalLog
        fields = ("ran_at", "label", "action", "records", "files", "rule")
