"""Non-text contrast and target size, measured from the styles Chromium renders (issue 9,
"Accessibility found on the way"). axe-core does not check these, so we do.

- WCAG 2.2 1.4.11: the boundary of each form control (text box, list, radio, checkbox)
  and its focus indicator reach 3:1 against the colours next to them.
- WCAG 2.2 2.5.8: a link standing on its own (a whole paragraph, such as "Back to the
  places you offer") is at least 24 × 24 CSS pixels.

"Every form page" is read from the permission matrix: each page someone may open (with
the matrix's real records), opened as the first persona allowed in, and measured if it
has a visible control. A new form page is measured the day it is added.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from placements.tests.factories import HostingOfferFactory
from tests.matrix import ANONYMOUS, PERSONAS
from tests.test_permission_matrix import MATRIX, people, url_arguments  # noqa: F401 (fixtures)
from tests.urlwalk import all_routes, sample_url

pytestmark = pytest.mark.django_db(transaction=True)

# Everything a keyboard reaches, in its resting state: for the form controls (text box,
# list, radio, checkbox) the border colour too, unless the browser paints the control
# itself (appearance: auto, e.g. allauth's bare radio buttons: Chromium draws their ring
# in #767676, 4.5:1, which CSS cannot read); and the colours behind the element (the
# first opaque ancestor background, then the translucent ones over it).
MEASURE_FOCUSABLES = """() => {
  const behind = el => {
    const layers = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      layers.push(colour);
      if (!colour.startsWith('rgba') && colour !== 'transparent') break;
    }
    return layers.reverse();
  };
  const visible = el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 2 && box.height > 2 && style.visibility === 'visible'
      && style.opacity !== '0' && style.clip === 'auto';
  };
  // a disabled control takes no focus, and WCAG 1.4.11 excepts inactive components
  const focusables = 'a[href], button, summary, select, textarea, input:not([type=hidden])';
  const measured = [...document.querySelectorAll(focusables)].filter(el => visible(el) && !el.matches(':disabled'));
  return measured.map((el, index) => {
    el.dataset.kpMeasured = index;
    const style = getComputedStyle(el);
    const control = el.matches('input:not([type=submit]):not([type=button]), select, textarea');
    return {
      index,
      name: `${el.tagName.toLowerCase()}[${el.type || ''}] ${el.name || el.id || el.textContent.trim()}`,
      control,
      native: style.appearance !== 'none' && parseFloat(style.borderTopWidth) === 0,
      borderColour: style.borderTopColor,
      behind: behind(el),
    };
  });
}"""

# The same element focused: its outline and box-shadow colours, as drawn.
MEASURE_FOCUS = """index => {
  const el = document.querySelector(`[data-kp-measured="${index}"]`);
  el.focus();
  el.getAnimations().forEach(transition => transition.finish());  // Bootstrap fades the ring in
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? [style.outlineColor] : [];
  const shadows = style.boxShadow === 'none' ? [] : style.boxShadow.match(/rgba?\\([^)]*\\)/g) || [];
  return {focusVisible: el.matches(':focus-visible'), indicators: [...outline, ...shadows]};
}"""

# Links that are a whole paragraph of the main content (not a link inside a sentence,
# which 2.5.8 exempts): their box, padding included.
MEASURE_STANDALONE_LINKS = """() => [...document.querySelectorAll('main p > a')]
  .filter(a => a.parentElement.textContent.trim() === a.textContent.trim())
  .map(a => {
    const box = a.getBoundingClientRect();
    return {text: a.textContent.trim(), width: box.width, height: box.height};
  })"""


def parse_colour(css):
    """(r, g, b, alpha) from Chromium's computed "rgb(...)" / "rgba(...)"."""
    if css == "transparent":
        return (0, 0, 0, 0.0)
    parts = [float(p) for p in css[css.index("(") + 1 : -1].replace("/", ",").split(",")]
    return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)


def over(colour, background):
    """``colour`` (with its alpha) painted over an opaque ``background``."""
    r, g, b, alpha = colour
    return tuple(alpha * c + (1 - alpha) * bg for c, bg in zip((r, g, b), background, strict=True))


def behind(layers):
    """The opaque colour behind a control: the page's white canvas, then each layer."""
    colour = (255.0, 255.0, 255.0)
    for layer in layers:
        colour = over(parse_colour(layer), colour)
    return colour


def luminance(rgb):
    """WCAG 2.2 relative luminance."""

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(css, background):
    lighter, darker = sorted((luminance(over(parse_colour(css), background)), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_arithmetic_matches_wcag():
    """The figures WCAG's own examples give: black on white 21:1, Bootstrap's old border
    #dee2e6 1.3:1, and a translucent colour is blended before it is compared."""
    white = (255.0, 255.0, 255.0)
    assert round(contrast("rgb(0, 0, 0)", white), 1) == 21.0
    assert round(contrast("rgb(222, 226, 230)", white), 2) == 1.3
    assert round(contrast("rgba(0, 0, 0, 0)", white), 1) == 1.0
    assert round(contrast("rgb(118, 118, 118)", white), 2) == 4.54


# A control someone fills in (hidden inputs carry tokens, not answers).
CONTROL = re.compile(r"<(select|textarea|input(?![^>]*type=\"hidden\"))\b")


@pytest.fixture
def form_pages(people, url_arguments):  # noqa: F811 (fixtures from the permission matrix)
    """{route: (persona, url)} for every page with a form control that some persona may
    open, as the first persona allowed in; the admin's pages aside (Django's own styles).
    The partner's own offer page too: the matrix names another organisation's (a 404)."""
    own_offer = HostingOfferFactory(partner_id=url_arguments["partner_offers"]["partner_id"])
    candidates = {"partner_offer_edit": ("partner_contact", reverse("partner_offer_edit", args=[own_offer.pk]))}
    for route in all_routes():
        if route.pattern.startswith("admin/") or route.key not in MATRIX or route.key in candidates:
            continue
        persona = next((p for p in PERSONAS if MATRIX[route.key](p) == "200"), None)
        if persona is not None:
            candidates[route.key] = (persona, sample_url(route.pattern, url_arguments.get(route.key)))
    pages = {}
    for key, (persona, url) in candidates.items():
        client = Client()
        if persona != ANONYMOUS:
            client.force_login(people[persona])
        response = client.get(url)
        if response["Content-Type"].startswith("text/html") and CONTROL.search(response.content.decode()):
            pages[key] = (persona, url)
    return pages


def open_as(browser, live_server, user):
    """A browser context with ``user``'s session (logged in by Django's test client: how
    they log in is the journeys' business, not this test's)."""
    context = browser.new_context()
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def measure(page):
    """Every shortfall on the current page, and the figures measured: (element, border
    ratio or None, focus ring ratio)."""
    wrong, figures = [], []
    page.keyboard.press("Tab")  # a keyboard user: focus() now shows :focus-visible as Tab would
    for element in page.evaluate(MEASURE_FOCUSABLES):
        background = behind(element["behind"])
        focus = page.evaluate(MEASURE_FOCUS, element["index"])
        ring = max((contrast(colour, background) for colour in focus["indicators"]), default=1.0)
        if not focus["focusVisible"] or ring < 3:
            wrong.append(f"{element['name']}: focus indicator {focus['indicators']} is {ring:.2f}:1")
        border = None
        if element["control"] and not element["native"]:
            border = contrast(element["borderColour"], background)
            if border < 3:
                wrong.append(f"{element['name']}: border {element['borderColour']} is {border:.2f}:1")
        figures.append((element["name"], border, ring))
    for link in page.evaluate(MEASURE_STANDALONE_LINKS):
        if link["width"] < 24 or link["height"] < 24:
            wrong.append(f"link {link['text']!r} is {link['width']:.0f} × {link['height']:.1f} px")
    return wrong, figures


def test_form_controls_and_focus_rings_reach_3_to_1_and_links_24px(browser, live_server, people, form_pages):  # noqa: F811
    wrong, measured = [], {}
    pages = {}
    for key, (persona, url) in form_pages.items():
        pages.setdefault(persona, []).append((key, url))
    for persona, urls in pages.items():
        page = open_as(browser, live_server, None if persona == ANONYMOUS else people[persona])
        for key, url in urls:
            response = page.goto(live_server.url + url)
            assert response.status == 200, f"{persona} {url}: {response.status}"
            problems, figures = measure(page)
            wrong += [f"{url} ({persona}): {problem}" for problem in problems]
            if figures:
                measured[key] = figures
        page.context.close()
    for key, figures in measured.items():  # the figures for the record (pytest -s)
        borders = [border for _name, border, _ring in figures if border is not None]
        rings = [ring for _name, _border, ring in figures]
        print(
            f"{key}: {len(borders)} controls, borders ≥ {min(borders, default=0):.2f}:1; "
            f"{len(rings)} focusable, rings ≥ {min(rings):.2f}:1"
        )
    # the pages the issue and the brief name are among those measured
    named = {"account_login", "partner_register", "partner_profile", "partner_offer_edit", "presentation_rsvp"}
    named |= {"placement_reflection", "escort_participant", "work_experience_diary", "we_apply"}
    assert named <= {key for key, figures in measured.items() if any(b is not None for _n, b, _r in figures)}
    assert not wrong, "\n".join(wrong)


def test_controls_with_errors_keep_3_to_1(page, live_server):
    """After an invalid submission Bootstrap draws red borders and its own red focus glow
    (.form-control.is-invalid:focus, 1.4:1): the borders and our ring still reach 3:1."""
    page.goto(live_server.url + "/partners/register/")
    page.get_by_role("button", name="Register your interest").click()
    page.locator("[data-error-summary]").wait_for()
    invalid = page.locator(".is-invalid").count()
    problems, figures = measure(page)
    assert invalid >= 5 and len([f for f in figures if f[1] is not None]) >= invalid
    assert problems == [], "\n".join(problems)
