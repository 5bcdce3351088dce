"""The scripts beside the new-session form follow its target group (static/js/scripts_box.js);
the visit form offers the household's scripts first."""

import pytest
from playwright.sync_api import expect

from .conftest import text

pytestmark = pytest.mark.e2e


def test_the_session_forms_scripts_follow_its_target_group(officer):
    page = officer
    page.goto("/sessions/new")
    page.get_by_role("button", name=text("vi", "Next")).click()
    box = page.locator("aside.scripts-box")
    groups = box.locator("details.group-scripts")
    # The form opens on the first target group: its scripts are first and open.
    first = page.locator("#target_group").input_value()
    expect(groups.first).to_have_attribute("data-target-group", first)
    expect(groups.first).to_have_attribute("open", "")
    page.locator("#target_group").select_option("pupils")
    expect(groups.first).to_have_attribute("data-target-group", "pupils")
    expect(box.locator("details[data-target-group=pupils]")).to_have_attribute("open", "")
    expect(box.locator(f"details[data-target-group={first}]")).not_to_have_attribute("open", "")
    expect(groups.first.locator("a")).to_have_count(3)
    # A script opens beside the form, in a tab of its own.
    expect(groups.first.locator("a").first).to_have_attribute("target", "_blank")


def test_the_visit_form_offers_the_households_scripts_first(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Mí Háng", exact=True).first.click()
    page.get_by_role("link", name="Giàng A Páo", exact=True).click()
    page.get_by_role("link", name=text("vi", "Record a visit")).click()
    box = page.locator("aside.scripts-box")
    expect(box.get_by_role("heading", name=text("vi", "Suggested for this household"))) \
        .to_be_visible()
    expect(box.locator("ol.suggested-scripts li").first).to_be_visible()
