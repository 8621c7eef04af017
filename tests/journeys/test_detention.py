"""Field detention work in the browser: a visit from its record to final, with its numbered summary
report read back from the PDF; and a release counted once, though both an individual case and an
aggregate release record count it."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.browser

OFFICER = "field.officer@ohchr.example.org"  # Colombia
HEAD = "head.colombia@ohchr.example.org"  # head of office: reviews, approves the report
PLACE = "Colombia — Establecimiento Penitenciario San Isidro (Popayán, Cauca)"


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def panel(journey, heading_id: str) -> str:
    """The words of the case page's panel with this heading, spaces run together."""
    return " ".join(journey.page.locator(f"section[aria-labelledby={heading_id}]").inner_text().split())


def status(journey) -> str:
    return journey.page.locator(".badge-state").first.inner_text()


def test_a_visit_from_its_record_to_final_with_its_summary_report(journey):
    journey.sign_in(OFFICER)
    page = journey.page
    journey.click("Detention")
    journey.click("Record a visit")
    page.get_by_label("Place of detention").select_option(label=PLACE)
    page.get_by_label("Date of the visit").fill(ago(3))
    journey.click("Start the record")
    page.get_by_label("Team", exact=True).fill("A. Castillo, M. Rojas")
    page.get_by_label("Official capacity on the day", exact=True).fill("1650")
    page.get_by_label("Total held", exact=True).fill("2140")
    journey.screenshot("visit form")
    journey.click("Save the visit")
    number = page.locator("h1").first.inner_text().split()[0]
    assert "Draft" in status(journey)
    journey.click("Submit for review")
    assert "Submitted" in status(journey)
    visit_url = page.url

    journey.sign_in(HEAD)
    page.goto(visit_url)
    journey.click("Mark as reviewed")
    assert "Reviewed" in status(journey)
    assert "Make final" not in [b.inner_text() for b in page.locator("button:enabled").all()]

    # The officer drafts the numbered report from the record; the head of office approves it.
    journey.sign_in(OFFICER)
    page.goto(visit_url)
    journey.click("Draft the summary report")
    assert "read it through, then submit it for approval" in journey.flash()
    drafted = page.get_by_label("Text", exact=True).input_value()
    assert "El día de la visita, el centro albergaba a 2.140 personas" in drafted
    journey.screenshot("summary report drafted")
    journey.click("Save")
    journey.click("Submit for approval")
    report_url = page.url

    journey.sign_in(HEAD)
    page.goto(report_url)
    journey.click("Approve")
    assert "Final PDF ready" in status(journey)
    page.goto(visit_url)
    assert number in panel(journey, "report-h")
    journey.click("Make final")
    assert "Final" in status(journey)
    journey.screenshot("visit final")
    text = journey.download_text("Open the report (PDF)")
    assert number in text and "Establecimiento Penitenciario San Isidro" in text
    assert "2.140 personas para una capacidad oficial de 1.650" in text and "130 por ciento" in text


def colombia_this_year(journey) -> dict[str, int]:
    """The persons released this year in Colombia as the figures page counts them."""
    journey.page.locator("header").get_by_role("link", name="Detention", exact=True).click()
    journey.page.locator("nav.subnav").get_by_role("link", name="Figures", exact=True).click()
    row = journey.page.locator("table.figures tbody tr").filter(
        has=journey.page.locator("td", has_text=re.compile(r"^FO-COL$"))).filter(
        has=journey.page.locator("td", has_text=re.compile(rf"^{date.today().year}$")))
    cells = [cell.strip().replace(",", "") for cell in row.locator("td").all_inner_texts()]
    assert len(cells) > 9, "no row for Colombia this year"
    return dict(zip(("women", "men", "children", "total"), map(int, cells[6:10])))


def test_a_release_counted_in_an_aggregate_record_is_counted_once(journey):
    journey.sign_in(OFFICER)
    page = journey.page
    before = colombia_this_year(journey)
    journey.screenshot("figures before")

    page.locator("nav.subnav").get_by_role("link", name="Individual cases").click()
    journey.click("Open an individual case")
    page.get_by_label("Place of detention").select_option(label=PLACE)
    page.get_by_label("Family name").fill("Valencia Angulo")
    page.get_by_label("Given names").fill("Yurany")
    page.get_by_label("Sex").select_option(label="Female")
    page.get_by_label("Details", exact=True).fill("Held 14 months in pre-trial detention; hearing postponed six times.")
    journey.click("Open the case")
    reference = page.locator("h1").first.inner_text().split()[0]

    raised = page.locator("section[aria-labelledby=raise-h]")
    raised.get_by_label("Raised on").fill(ago(20))
    raised.get_by_label("With", exact=True).fill("Fiscalía Seccional de Popayán")
    raised.get_by_role("button", name="Record").click()
    assert "Raised with the authorities" in status(journey)
    outcome = page.locator("section[aria-labelledby=outcome-h]")
    outcome.get_by_label("Outcome").select_option(label="Released")
    outcome.get_by_label("Date").fill(date.today().isoformat())
    outcome.get_by_label("Woman, man or child").select_option(label="Woman")
    journey.click("Record the outcome")
    assert "Outcome recorded" in status(journey)
    journey.screenshot("individual release")
    after_release = colombia_this_year(journey)
    assert after_release["women"] == before["women"] + 1 and after_release["total"] == before["total"] + 1

    # The release programme's record counts her among its 12 women: she is listed in it, not counted again.
    page.locator("nav.subnav").get_by_role("link", name="Releases").click()
    journey.click("Record aggregate releases")
    page.get_by_label("Field office").select_option(label="FO-COL — OHCHR Country Office in Colombia")
    page.get_by_label("Country").select_option(label="Colombia")
    page.get_by_label("From").fill(date(date.today().year, 1, 1).isoformat())
    page.get_by_label("To", exact=True).fill(date.today().isoformat())
    page.get_by_label("Source", exact=True).select_option(label="Judicial review of detentions")
    page.get_by_label("Programme or measure").fill("Plan de revisión de detenciones preventivas, Cauca")
    page.get_by_label("Women", exact=True).fill("12")
    page.get_by_label("Men", exact=True).fill("30")
    page.get_by_label("Children", exact=True).fill("3")
    journey.click("Save")
    covered = page.locator("section[aria-labelledby=covered-h]")
    choice = covered.locator("select")
    choice.select_option(choice.locator("option", has_text=reference).get_attribute("value"))
    journey.click("Counted in this record")
    assert reference in covered.inner_text()
    journey.screenshot("aggregate record covering the release")

    after_record = colombia_this_year(journey)
    journey.screenshot("figures after")
    assert after_record == {"women": before["women"] + 12, "men": before["men"] + 30,
                            "children": before["children"] + 3, "total": before["total"] + 45}
    page.get_by_role("link", name=str(after_record["total"])).first.click()
    assert reference in page.locator("main").inner_text()  # the number opens the list it counts
