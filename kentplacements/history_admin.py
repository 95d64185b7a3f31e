"""django-simple-history's admin, with one hole closed: its "revert to this version" page
saves on POST for anyone who may *view* the record (simple_history 3 checks only the view
permission there), so a view-only Head of Resourcing could write an old version back.
Writing a version back is an edit: it needs the change permission, like the change form.
Found by the permission matrix's POST pass (issue 8 §5)."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin as LibrarySimpleHistoryAdmin


class SimpleHistoryAdmin(LibrarySimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
