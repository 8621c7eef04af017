"""The officer names persons by typing part of a name: a complaint with two authors, one picked from
the registry and one new, then one more person linked on the case page, all in the browser."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OFFICER = "ccpr.officer@ohchr.example.org"
KNOWN = "quispe"  # demo authors of the Committee's complaints are called Quispe


def _pick(page, field: str, typed: str) -> str:
    """Type in a picker field, wait for its options and choose the first; returns its label."""
    page.locator(field).press_sequentially(typed, delay=40)
    options = page.locator(f"{field}-options [role=option]")
    expect(options.first).to_be_visible()
    label = options.first.inner_text()
    page.locator(field).press("ArrowDown")
    page.locator(field).press("Enter")
    return label


def _at_both_widths(journey, label: str) -> None:
    journey.screenshot(f"{label} 1280")
    journey.page.set_viewport_size({"width": 420, "height": 900})
    journey.screenshot(f"{label} 420")
    journey.page.set_viewport_size({"width": 1280, "height": 900})


def test_the_officer_picks_a_known_author_and_adds_a_second_one(journey):
    page = journey.page
    journey.sign_in(OFFICER)
    journey.go("/communications/new")
    page.select_option("#committee_id", label="CCPR — Human Rights Committee")
    page.select_option("#state_id", label="Mexico")
    page.fill("#received_on", (date.today() - timedelta(days=3)).isoformat())

    page.locator("#authors-0-person").press_sequentially(KNOWN, delay=40)
    expect(page.locator("#authors-0-person-options [role=option]").first).to_be_visible()
    _at_both_widths(journey, "picker open")
    label = page.locator("#authors-0-person-options [role=option]").first.inner_text()
    page.locator("#authors-0-person").press("ArrowDown")
    page.locator("#authors-0-person").press("Enter")
    number = re.search(r"\(no\. (\d+)\)$", label)[1]
    expect(page.locator("#authors-0-person")).to_have_value(number)
    expect(page.locator(".picker-chosen").first).to_have_text(label)

    journey.click("One more author")
    expect(page.locator("#authors-1-family_name")).to_be_visible()
    expect(page.locator("#authors-0-person")).to_have_value(number)  # kept when the form was drawn again
    expect(page.locator(".picker-chosen").first).to_have_text(label)  # and still says whom it names
    page.fill("#authors-1-family_name", "Mamani Condori")
    page.fill("#authors-1-given_names", "Luis")
    _at_both_widths(journey, "intake with two authors")
    page.get_by_role("button", name="Record", exact=True).click()
    if "Possible duplicates" in page.content():
        page.check("#duplicates_checked")
        page.get_by_role("button", name="Record", exact=True).click()
    assert "Recorded as received" in journey.flash()

    persons = page.locator("#persons-h").locator("..")
    expect(persons).to_contain_text("Luis MAMANI CONDORI")
    expect(persons).to_contain_text(label.rsplit(" (no.", 1)[0])

    chosen = _pick(page, "#person_id", "mamani")
    assert "MAMANI CONDORI" in chosen
    persons.locator("#role").select_option("witness")
    persons.get_by_role("button", name="Link person").click()
    assert "Person linked to the case." in journey.flash()
    expect(page.locator("#persons-h").locator("..")).to_contain_text("witness")
