"""axe-core in the page: the copy that the pinned PyPI package axe-playwright-python ships
(axe_playwright_python/axe.min.js, MPL-2.0), read from the installed package, never fetched."""

from importlib.resources import files

SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING = ("critical", "serious")

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' '))}));
}"""


def load(page):
    """Put axe-core into the page now loaded (a new document needs it again)."""
    page.evaluate(SOURCE)


def violations(page):
    """The page's violations as it is laid out now: [{id, impact, help, targets}]."""
    return page.evaluate(_RUN, TAGS)


def describe(where, found, shown=3):
    """One readable line for a violation: where, rule, impact, how many and the first targets."""
    targets = ", ".join(found["targets"][:shown])
    more = f" (+{len(found['targets']) - shown})" if len(found["targets"]) > shown else ""
    return (f"{where}: {found['id']} ({found['impact']}) ×{len(found['targets'])}: "
            f"{targets}{more} — {found['help']}")
