"""axe-core (npm, pinned in package.json) on every page, light and dark, and on the tooltips.

A serious or critical violation fails; the others are listed in the report's
"browser checks" section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .tools import AXE_SCRIPT, INTRODUCTION, REPORT, require_npm_file

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.slow

FAILING_IMPACTS = {"serious", "critical"}
RUN_AXE = """async (context) => {
  const results = await axe.run(context, {resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@pytest.fixture(scope="session")
def axe_script() -> str:
    return require_npm_file(AXE_SCRIPT).read_text(encoding="utf-8")


def axe(page: Page, script: str, context: str = "html") -> list[dict]:
    page.add_script_tag(content=script)
    return page.evaluate(RUN_AXE, context)


def check(findings: dict[str, list[dict]], label: str) -> None:
    """Fail on anything serious or critical; report the rest."""
    serious = []
    for where, violations in findings.items():
        for violation in violations:
            line = (
                f"{where}: {violation['impact']} {violation['id']} ({violation['help']})"
                f" at {', '.join(violation['nodes'][:3])}"
            )
            if violation["impact"] in FAILING_IMPACTS:
                serious.append(line)
            else:
                REPORT.append(f"axe ({label}, below serious): {line}")
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_every_page(http_root, book_pages, open_page, axe_script, theme):
    tab = open_page(http_root + book_pages[0], theme=theme)
    findings = {}
    for name in book_pages:
        page = tab.goto(http_root + name)
        if page.url != http_root + name:  # index.html sends the reader to source/index.html
            continue
        findings[name] = axe(page, axe_script)
    REPORT.append(f"axe ({theme}): {len(findings)} pages")
    check(findings, theme)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_open_tooltip(http_root, open_page, axe_script, theme):
    """The page again with a term's tooltip shown: its colours and roles count too."""
    page = open_page(http_root + INTRODUCTION, theme=theme).page
    page.locator("a.devops-term").first.hover()
    page.locator(".devops-tooltip-popup").wait_for(state="visible")
    check({f"{INTRODUCTION} (tooltip open)": axe(page, axe_script)}, theme)
