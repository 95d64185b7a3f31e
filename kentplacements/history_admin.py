"""django-simple-history's admin, with two holes closed.

Its "revert to this version" page saves on POST for anyone who may *view* the record
(simple_history 3 checks only the view permission there), so a view-only Head of
Resourcing could write an old version back. Writing a version back is an edit: it needs
the change permission, like the change form. Found by the permission matrix's POST pass
(issue 8 §5).

Its history page showed every field's changes, a reason a service copied into the record
included. Issue 9: a record's history is read through the action log's one rule
(accounts.audit): the page lists the record's action log in words, as far as the viewer
may read it, and a reason they may not read is withheld in the field changes too."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin as LibrarySimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from accounts.audit import WITHHELD, changes_to, withheld_reasons


class WithholdingContextHelper(HistoricalRecordContextHelper):
    """Shows WITHHELD for a field value that is one of the record's withheld reasons."""

    def __init__(self, model, historical_record, withheld):
        super().__init__(model, historical_record)
        self.withheld = withheld

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, str) and value in self.withheld:
            return WITHHELD
        return super().prepare_delta_change_value(change, value)


class SimpleHistoryAdmin(LibrarySimpleHistoryAdmin):
    object_history_template = "admin/history_with_action_log.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        request.withheld_reasons = withheld_reasons(obj, request.user) if obj is not None else set()
        action_log = changes_to(obj, request.user) if obj is not None else []
        return super().history_view(request, object_id, {**(extra_context or {}), "action_log": action_log})

    def get_historical_record_context_helper(self, request, historical_record):
        return WithholdingContextHelper(self.model, historical_record, getattr(request, "withheld_reasons", set()))
