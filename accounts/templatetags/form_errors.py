from django import template

register = template.Library()


@register.simple_tag
def field_errors(form):
    """(field, message) pairs for the error summary, which shows the form's non-field
    errors above them (templates/includes/error_summary.html)."""
    return [(field, error) for field in form for error in field.errors]
