"""What the programme's back office exports: names and labels; never a session's notes
(not even a column for them: the enrolment export has none)."""

from kentplacements.spreadsheets import ExportResource, column, datetime_column

from .models import ProgrammeEnrolment


class ProgrammeEnrolmentResource(ExportResource):
    intake = column("Intake", "intake")
    candidate = column("Candidate", "candidate")
    email = column("Email", "candidate__email")
    phone = column("Phone", "phone")
    stages = column("Help wanted with", "stages_in_words")
    status = column("Status", "get_status_display")
    buddy = column("Buddy", "buddy")
    applied = datetime_column("Applied", "applied_at")
    enrolled = datetime_column("Enrolled", "enrolled_at")
    closed = datetime_column("Declined, withdrawn or completed", "closed_at")
    related = ("intake", "candidate", "buddy")

    class Meta:
        model = ProgrammeEnrolment
        fields = ("intake", "candidate", "email", "phone", "stages", "status", "buddy", "applied", "enrolled", "closed")
