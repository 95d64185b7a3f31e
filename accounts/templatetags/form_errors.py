from django import template

register = template.Library()


@register.simple_tag
def field_errors(form):
    """(field, message) pairs for the error summary; non-field errors are shown by the
    form itself, so they are not repeated here."""
    return [(field, error) for field in form for error in field.errors]
