"""How every form of the app is drawn (issue 8, section 6: one way to render forms). Each
form builds a crispy ``FormHelper`` with these pieces and its template says
``{% crispy form %}``, after ``{% include "includes/error_summary.html" %}``; no template
writes its own <input>, <select> or <textarea> (tests/test_templates_use_crispy.py)."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Layout, Row
from django import forms
from django.utils.functional import cached_property


def form_helper(*layout, buttons, css_class="kp-form"):
    """A helper that lays out ``layout`` then the ``buttons``. No browser checks
    (``novalidate``): our messages, next to each field and in the error summary, are
    clearer (WCAG 3.3.1)."""
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.form_class = css_class
    helper.error_text_inline = False  # each message a paragraph under its field, as as_crispy_field draws it
    helper.layout = Layout(*layout, Div(*buttons, css_class="d-flex gap-2"))
    return helper


def button(label, *, name=None, value="1", primary=True, css_class=None):
    """A real <button type="submit">; ``name`` tells a view which of its forms was sent."""
    attrs = {"name": name, "value": value} if name else {}
    css_class = css_class or ("btn btn-primary" if primary else "btn btn-outline-primary")
    return StrictButton(label, type="submit", css_class=css_class, **attrs)


def group(form, name):
    """A radio or checkbox group, its box carrying the id the error summary links to
    (static/js/error-summary.js moves focus there when the link is followed)."""
    return Field(name, id=form[name].auto_id)


class RenderedForm(forms.Form):
    """A form with one submit button under its fields. Subclasses set ``button_label``
    (and ``button_name``/``button_value`` when a page has several forms) and may
    override ``layout()`` to group the fields."""

    button_label = "Save"
    button_name = None
    button_value = "1"
    button_class = None
    form_action = ""  # this page's address, unless the form posts elsewhere

    @cached_property
    def helper(self):
        """Built when first drawn, so a form that adds fields in __init__ lays them out too."""
        submit = button(self.button_label, name=self.button_name, value=self.button_value, css_class=self.button_class)
        helper = form_helper(*self.layout(), buttons=[submit])
        helper.form_action = self.form_action
        return helper

    def layout(self):
        return list(self.fields)


class SearchForm(forms.Form):
    """The base form of a list's filters (django-filter's ``Meta.form``): one row of
    fields and a button, sent by GET so the address can be kept and shared."""

    button_label = "Search"

    @cached_property
    def helper(self):
        helper = FormHelper()
        helper.form_method = "get"
        helper.form_class = "mb-4"
        helper.attrs = {"aria-label": "Filter the list"}
        helper.disable_csrf = True
        columns = [Column(name) for name in self.fields]
        helper.layout = Layout(
            Row(*columns, Column(button(self.button_label), css_class="col-md-auto align-self-end mb-3"))
        )
        return helper
