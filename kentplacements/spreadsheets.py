"""Export formats for the back office that are safe to open in a spreadsheet, and the
rule that every export names its columns (STYLE.md "The back office": exports list
their columns explicitly, with names and labels, never secrets).

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by
Excel and LibreOffice (CSV injection). django-import-export only strips a leading
"=", so our formats prefix every such text cell with an apostrophe instead, which
shows the value as typed and never runs it.
"""

import re

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, JSON

# The full-width forms (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠) are read as their
# ASCII twins by some spreadsheets (Excel in East Asian locales folds them), so they
# start a formula too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# Columns that must never leave the back office, whatever the model: password hashes,
# tokens (calendar feeds, unsubscribe and invitation links), secrets, idempotency and
# duplicate keys. Checked against each export column's attribute.
SECRET_ATTRIBUTE = re.compile(r"password|token|secret|key", re.IGNORECASE)


def _starts_a_formula(text: str) -> bool:
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def escape_formula(value):
    """Prefix every part of a text cell that would start a formula with an apostrophe.

    The parts are split on ";": a spreadsheet whose list separator is ";" (Excel in
    most of Europe, LibreOffice when asked) splits an unquoted CSV line on ";" when it
    imports it, so "a;=cmd" arrives as two cells, the second one a formula. Escaping
    only the start of the cell would leave that second cell live."""
    if not isinstance(value, str):
        return value
    return ";".join("'" + part if _starts_a_formula(part) else part for part in value.split(";"))


class FormulaSafeCSV(CSV):
    def export_data(self, dataset, **kwargs):
        for index, row in enumerate(dataset):
            dataset[index] = [escape_formula(cell) for cell in row]
        return super().export_data(dataset, **kwargs)


# --- columns ------------------------------------------------------------------------
# Each export column has a header people read ("Programme", "Status") and shows names
# and labels, never IDs, codes or JSON (issue 8, "Exports read as people expect").


def column(header, attribute=None, widget=None):
    """A read-only export column. ``attribute`` follows relations with "__" and may name
    a method (``get_status_display``); a related object is shown by its name (str)."""
    return fields.Field(attribute=attribute, column_name=header, widget=widget, readonly=True)


def date_column(header, attribute):
    return column(header, attribute, widgets.DateWidget("%d/%m/%Y"))


def datetime_column(header, attribute):
    return column(header, attribute, widgets.DateTimeWidget("%d/%m/%Y %H:%M"))


class YesNoWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("Yes" if value else "No")


def yes_no_column(header, attribute):
    return column(header, attribute, YesNoWidget())


def export_problems(model_admin) -> list[str]:
    """Why ``model_admin``'s export could leak or read badly: no explicit resource, a
    resource without declared ``fields``, a column named like a secret or holding JSON."""
    name = type(model_admin).__name__
    if not model_admin.resource_classes:
        return [f"{name} exports without a resource: import-export would export every field."]
    problems = []
    for resource_class in model_admin.resource_classes:
        meta = resource_class._meta
        if not meta.fields:
            problems.append(f"{resource_class.__name__} does not declare its columns in Meta.fields.")
            continue
        for field_name, field in resource_class().fields.items():
            attribute = field.attribute or field_name
            if SECRET_ATTRIBUTE.search(attribute):
                problems.append(f"{resource_class.__name__}.{field_name} exports a secret ({attribute}).")
            model_field = next((f for f in meta.model._meta.fields if f.name == attribute), None)
            if isinstance(model_field, models.JSONField):
                problems.append(f"{resource_class.__name__}.{field_name} exports raw JSON ({attribute}).")
    return problems


class SafeExportMixin(ExportMixin):
    """Use instead of import-export's ExportMixin on every admin that exports.
    JSON is not opened by spreadsheets; it serves data requests and transfers.

    The admin must name its resources (``resource_classes``), each declaring its
    columns: ``manage.py check`` fails otherwise, and the export refuses to run rather
    than fall back to import-export's every-field resource (which exported password
    hashes and tokens)."""

    export_formats = [FormulaSafeCSV, JSON]

    def check(self, **kwargs):
        return [
            *super().check(**kwargs),
            *(checks.Error(problem, obj=type(self), id="kentplacements.E001") for problem in export_problems(self)),
        ]

    def get_resource_classes(self, request):
        if problems := export_problems(self):
            raise ImproperlyConfigured(" ".join(problems))
        return super().get_resource_classes(request)

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "viewer": request.user}


class ExportResource(resources.ModelResource):
    """Base of our export resources. Subclasses declare their columns (Meta.fields) and
    name the relations they show in ``related`` (select_related) and ``prefetch``, so an
    export of many rows stays a few queries."""

    related = ()
    prefetch = ()

    def __init__(self, viewer=None, **kwargs):
        # who exports (SafeExportMixin): a reason the action log withholds from their role is
        # withheld in the export too (issue 9, accounts.audit); None, an unknown reader, reads none
        super().__init__(**kwargs)
        self.viewer = viewer

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.related).prefetch_related(*self.prefetch)
