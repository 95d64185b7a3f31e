"""Export formats for the back office that are safe to open in a spreadsheet.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by
Excel and LibreOffice (CSV injection). django-import-export only strips a leading
"=", so our formats prefix every such text cell with an apostrophe instead, which
shows the value as typed and never runs it.
"""

from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, JSON

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeCSV(CSV):
    def export_data(self, dataset, **kwargs):
        for index, row in enumerate(dataset):
            dataset[index] = [escape_formula(cell) for cell in row]
        return super().export_data(dataset, **kwargs)


class SafeExportMixin(ExportMixin):
    """Use instead of import-export's ExportMixin on every admin that exports.
    JSON is not opened by spreadsheets; it serves data requests and transfers."""

    export_formats = [FormulaSafeCSV, JSON]
