"""Browser tests: Playwright driving Debian's Chromium against the live server.

STACK.md: `playwright install` cannot download browsers here, so we launch
/usr/bin/chromium with flags that keep it off the (closed) network.
"""

import shutil
from pathlib import Path

import pytest

from placements.enums import CommunityCode
from placements.models import Community

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe_check():
    """``axe_check(page)`` runs axe-core on the current page and fails on any WCAG 2.2
    A/AA violation. The script is evaluated through the DevTools protocol, so our CSP
    (no inline scripts) stays on while it runs."""

    def check(page):
        page.wait_for_load_state()  # the page a click led to, whole: not the one before it
        page.evaluate(AXE_SOURCE.read_text())
        result = page.evaluate("options => axe.run(document, options)", {"runOnly": WCAG_22_AA})
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert violations == [], f"{page.url}: " + "; ".join(violations)

    return check


@pytest.fixture(autouse=True)
def _communities(transactional_db):
    """Each browser test runs in a real transaction, and the tables are emptied after it,
    the Community rows that a data migration created too: put them back."""
    for code in CommunityCode.values:
        Community.objects.get_or_create(code=code)


@pytest.fixture(autouse=True)
def _fail_fast(page):
    page.set_default_timeout(10_000)
