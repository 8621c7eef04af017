"""Bulk actions in the browser: a CED supervisor ticks urgent actions on the list, the bar keeps
to the actions common to the ticked rows, and each record's result is read on the result page."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SUPERVISOR = "ced.supervisor@ohchr.example.org"


def test_assign_two_then_send_the_note_verbale_of_every_registered_one(journey):
    page = journey.page
    journey.sign_in(SUPERVISOR)

    # Two rows in different states: only what both allow stays offered (assign, not the note verbale).
    journey.go("/urgent-actions/")
    rows = page.locator("tbody tr")
    registered = rows.filter(has_text="Registered").first
    awaiting = rows.filter(has_text="Awaiting").first
    registered.locator("input[name=record]").check()
    awaiting.locator("input[name=record]").check()
    expect(page.locator("[data-bulk-count]")).to_have_text(re.compile(r"^2 of \d+ selected$"))
    expect(page.locator("select[name=action] option[value=transmit_to_state]")).to_be_disabled()
    page.select_option("select[name=action]", "assign")
    expect(page.locator("[data-bulk-for=assign]")).to_be_visible()
    expect(page.get_by_label("Date it happened")).to_be_hidden()
    officer = page.locator("select[name=assignee] option", has_text="ced.officer@").first.get_attribute("value")
    page.select_option("select[name=assignee]", officer)
    journey.screenshot("two rows to assign")
    journey.click("Apply to the selected records")
    expect(page.locator(".bulk-summary")).to_contain_text("2 records done · 0 refused")
    expect(page.locator("h1")).to_contain_text("Assign to")

    # Every registered one: select all on the page, one step, dated today.
    journey.go("/urgent-actions/?status=registered")
    total = page.locator("input[name=record]").count()
    assert total > 1
    page.get_by_label("Select all on this page").check()
    expect(page.locator("[data-bulk-count]")).to_have_text(f"{total} of {total} selected")
    page.select_option("select[name=action]", "transmit_to_state")
    page.get_by_label("Comment (optional)").fill("Sent together")
    journey.click("Apply to the selected records")
    expect(page.locator("h1")).to_have_text("Note verbale sent to the State")
    summary = page.locator(".bulk-summary").inner_text()
    done, refused = (int(n) for n in re.findall(r"(\d+) (?:records? done|refused)", summary))
    assert done + refused == total and done > 0
    expect(page.locator(".bulk-results a").first).to_have_attribute("href", re.compile(r"^/cases/\d+$"))
    journey.screenshot("result")
    page.get_by_role("link", name="Back to the list").click()
    assert "status=registered" in page.url
