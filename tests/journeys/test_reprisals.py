"""Reprisals in the browser: an allegation opened, consent recorded, the case included by the
team's supervisor in the draft annex of the Secretary-General's report, then consent revoked, and
the case leaves the annex for the team's list of cases lacking consent."""
import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import pdf_text
from tests.journeys.test_urgent_actions import shows_no_python

pytestmark = pytest.mark.browser

OFFICER = "reprisals.officer@ohchr.example.org"
SUPERVISOR = "reprisals.supervisor@ohchr.example.org"
TITLE = "Indigenous leader threatened after addressing the Permanent Forum"


def open_details(page, summary: str):
    """Open the folded form under this summary and return it."""
    details = page.locator("details", has=page.locator("summary", has_text=summary))
    details.locator("summary").click()
    return details


def test_consent_decides_whether_a_case_is_in_the_report_annex(journey):
    page = journey.page
    journey.sign_in(OFFICER)
    journey.go("/reprisals/")
    journey.click("New allegation")
    shows_no_python(journey)
    page.fill("#title", TITLE)
    page.select_option("#state_id", label="Guatemala")
    page.fill("#summary", "Threatened by armed men at her home after her statement in New York.")
    page.fill("#trigger", "Her statement before the Permanent Forum on Indigenous Issues.")
    page.select_option("#engaged_body", label="Other")
    page.fill("#engaged_body_name", "Permanent Forum on Indigenous Issues")
    page.fill("#engagement_type", "oral statement")
    page.fill("#family_name", "Tzul Ixcoy")
    page.fill("#given_names", "Rosalía")
    page.select_option("#sex", "female")
    page.fill("#description", "Maya K'iche' community leader")
    journey.screenshot("new allegation")
    journey.click("Open the case")
    expect(page.locator(".flashes")).to_contain_text("it is visible only to the people assigned to it")
    case_url = page.url
    reference = re.match(r"REP \d+/\d{4}", page.locator("h1").inner_text()).group(0)
    shows_no_python(journey)

    # Risk, an act and the victim's consent; then verification and an action.
    journey.click("Assess the risk and seek consent")
    expect(page.locator(".case-head .badge-state")).to_have_text("Risk assessment and consent")
    form = open_details(page, "Record an act")
    form.locator("#category").select_option(label="Threats")
    form.locator("#occurred_on").fill("2026-11-10")
    form.locator("#description").fill("Two armed men came to her house and named her statement.")
    form.get_by_role("button", name="Record").click()
    expect(page.locator(".flashes")).to_contain_text("Act recorded.")
    form = open_details(page, "Assess the risk")
    form.locator("#level").select_option("high")
    form.get_by_role("button", name="Record").click()
    expect(page.locator(".flashes")).to_contain_text("Risk assessment recorded.")
    form = open_details(page, "Record consent")
    form.locator("#informed").check()
    form.locator("#scope").select_option(label="May be named")
    form.locator("#given_by").fill("Rosalía Tzul Ixcoy, by telephone")
    form.get_by_role("button", name="Record").click()
    expect(page.locator(".flashes")).to_contain_text("Consent recorded.")
    consent = page.locator("section", has=page.locator("#consent-h"))
    expect(consent.locator(".badge").first).to_contain_text("Valid:")
    journey.screenshot("consent recorded")
    journey.click("Move to verification")
    journey.click("Verified: act on the case")
    expect(page.locator(".case-head .badge-state")).to_have_text("Actions")
    form = open_details(page, "Record an action")
    form.locator("#kind").select_option(label="Raised privately with the State")
    form.locator("#outcome").fill("The Mission undertook to inform the local authorities.")
    form.get_by_role("button", name="Record").click()
    expect(page.locator(".flashes")).to_contain_text("Action recorded.")
    journey.click("Consider for the annual report")
    expect(page.locator(".case-head .badge-state")).to_have_text("Inclusion decision for the annual report")
    shows_no_python(journey)

    # The team's supervisor, assigned when the case was opened, decides the inclusion.
    journey.sign_in(SUPERVISOR)
    journey.go(case_url.removeprefix(journey.base))
    report = page.locator("section", has=page.locator("#report-h"))
    year = report.locator("#report_year").input_value()
    report.locator("#annex").select_option(label="Annex I: new case")
    journey.click("Include in the report")
    expect(page.locator(".flashes")).to_contain_text("Inclusion decided.")
    expect(report).to_contain_text(f"Report {year}, annex I")
    journey.screenshot("included")

    journey.go("/reprisals/")
    journey.click("Annual report draft")
    annexes = page.locator("article.report-draft")
    expect(annexes).to_contain_text("Guatemala")
    expect(annexes).to_contain_text("TZUL IXCOY")
    excluded = page.locator("section", has=page.locator("#excluded-h"))
    expect(excluded).not_to_contain_text(reference)
    shows_no_python(journey)
    journey.screenshot("annex with the case")
    document = pdf_text(journey.download(page.get_by_role("link", name="PDF", exact=True)))
    assert "Guatemala" in document and "TZUL IXCOY" in document, document[:800]
    assert "Two armed men came to her house" in document

    # Consent is withdrawn: the case leaves the annex and is listed for the team.
    journey.sign_in(OFFICER)
    journey.go(case_url.removeprefix(journey.base))
    consent = page.locator("section", has=page.locator("#consent-h"))
    consent.get_by_role("button", name="revoke").click()
    expect(page.locator(".flashes")).to_contain_text("Consent revoked")
    expect(consent).to_contain_text("No valid consent")
    shows_no_python(journey)
    journey.go("/reprisals/")
    journey.click("Annual report draft")
    expect(excluded).to_contain_text(reference)
    expect(excluded.locator("li", has_text=reference)).to_contain_text("Consent revoked on")
    expect(annexes).not_to_contain_text("TZUL IXCOY")
    journey.screenshot("annex without the case")
    document = pdf_text(journey.download(page.get_by_role("link", name="PDF", exact=True)))
    assert "TZUL IXCOY" not in document and "TZUL" not in document and TITLE not in document
