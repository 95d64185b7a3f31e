"""What a person sees of a form's errors and answers, as HTML, for assertContains(html=True)."""


def summary_link(field, label, message):
    """The error summary's link to the field (templates/includes/error_summary.html)."""
    return f'<a href="#id_{field}">{label}: {message}</a>'


def error_under_field(field, message):
    """A crispy field's error, right under its input."""
    return (
        f'<div id="id_{field}_error" class="invalid-feedback">'
        f'<p id="error_1_id_{field}"><strong>{message}</strong></p></div>'
    )


def error_under_question(field, message):
    """A radio question's error, under its last choice (crispy draws the question as a
    fieldset whose legend is the question)."""
    return error_under_field(field, message)


def checked_radio(field, value, index):
    return (
        f'<input type="radio" name="{field}" value="{value}" class="form-check-input" '
        f'id="id_{field}_{index}" required checked>'
    )
