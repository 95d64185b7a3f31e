"""Issue 8, section 6: one way to render forms. Every form control is drawn by crispy from
the form's layout (kentplacements/forms.py), so labels, hints, error messages and the
error summary's links come out the same everywhere. This test fails when a template writes
its own <input>, <select> or <textarea>, outside the few exceptions below."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CONTROL = re.compile(r"<(input|select|textarea)\b[^>]*>", re.IGNORECASE)
COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.DOTALL)
# A hidden input carries no answer a person types: the action a one-button form asks for
# ("accept"), or the admin's own list of ticked rows.
HIDDEN = re.compile(r'\btype="hidden"')
# Django admin pages keep the admin's own look: its submit is an <input type="submit">.
ALLOWED = {("templates/admin/action_with_form.html", '<input type="submit" name="apply"')}


def project_templates():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        if folder.parent.name in {"node_modules", ".venv"}:
            continue
        yield from folder.rglob("*.html")


def hand_written_controls(path: Path, source: str):
    name = path.relative_to(ROOT).as_posix()
    for match in CONTROL.finditer(COMMENTS.sub("", source)):
        tag = match.group(0)
        if HIDDEN.search(tag) or any(name == allowed and tag.startswith(start) for allowed, start in ALLOWED):
            continue
        yield f"{name}: {tag}"


def test_no_template_writes_its_own_form_controls():
    templates = list(project_templates())
    assert len(templates) > 50  # the walk found the app's templates
    found = [control for path in templates for control in hand_written_controls(path, path.read_text())]
    assert found == [], "draw these with a crispy layout in the form instead:\n" + "\n".join(found)


def test_the_check_finds_a_hand_written_control():
    """The check itself: a text box written by hand is found; a hidden input, a commented
    example and the admin's submit are not."""
    page = ROOT / "placements/templates/placements/example.html"
    source = (
        '<form method="post">{% csrf_token %}<input type="hidden" name="action" value="accept">'
        '{% comment %}<input type="text" name="old">{% endcomment %}'
        '<label for="note">Note</label><input type="text" name="note" id="note"><select name="s"></select>'
        '<button type="submit">Save</button></form>'
    )
    assert list(hand_written_controls(page, source)) == [
        'placements/templates/placements/example.html: <input type="text" name="note" id="note">',
        'placements/templates/placements/example.html: <select name="s">',
    ]
    admin = ROOT / "templates/admin/action_with_form.html"
    assert list(hand_written_controls(admin, '<input type="submit" name="apply" value="Go">')) == []
