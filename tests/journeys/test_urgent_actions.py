"""CED urgent actions in the browser: a request checked against the criteria and registered, its
note verbale to the State drafted, approved and read back as a PDF, reminders, an outcome; and a
group of disappeared persons registered in one step, one urgent action each."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import shown

pytestmark = pytest.mark.browser

OFFICER = "ced.officer@ohchr.example.org"
SUPERVISOR = "ced.supervisor@ohchr.example.org"
PYTHON_VALUES = re.compile(r"\[\s*'|'\s*\]|\bNone\b(?! \w)|<[A-Za-z_.]+ object at|\{'")


def shows_no_python(journey) -> None:
    """No Python value leaks onto the page: a list repr, None, an object's repr."""
    body = journey.page.locator("main").inner_text() if journey.page.locator("main").count() else \
        journey.page.locator("body").inner_text()
    found = PYTHON_VALUES.search(body)
    assert found is None, f"{body[max(0, found.start() - 120):found.end() + 60]!r} on {journey.page.url}"


def test_an_urgent_action_from_request_to_outcome(journey):
    page = journey.page
    journey.sign_in(OFFICER)
    journey.go("/urgent-actions/")
    journey.click("New request")
    shows_no_python(journey)
    page.fill("#family_name", "Quintana Robles")
    page.fill("#given_names", "Ernesto")
    page.select_option("#sex", "male")
    page.fill("#age", "26")
    page.select_option("#state_id", label="Mexico")
    page.fill("#last_seen_on", "2026-11-20")
    page.fill("#last_seen_place", "Matamoros, Tamaulipas")
    page.fill("#circumstances", "Taken from his workshop by armed men in police uniforms.")
    page.fill("#alleged_perpetrators", "Municipal police officers")
    page.fill("#complaint_authority", "Fiscalía General de la República")
    page.fill("#complaint_filed_on", "2026-11-22")
    page.fill("#complaint_file_number", "FGR/TAM/2211/2026")
    page.fill("#author_family_name", "Robles")
    page.fill("#author_given_names", "Teresa")
    page.fill("#authors_relationship", "Mother")
    journey.screenshot("new request")
    journey.click("Receive the request")
    expect(page.locator(".flashes")).to_contain_text("check it against the registration criteria")
    shows_no_python(journey)
    journey.screenshot("received")

    # The check against the criteria: one left unticked is refused, all ticked registers it.
    criteria = page.locator("fieldset", has_text="Criteria (article 30)").locator("input[type=checkbox]")
    for index in range(criteria.count() - 1):
        criteria.nth(index).check()
    page.get_by_label("Register: every criterion is met").check()
    journey.click("Record the decision")
    expect(page.locator(".error-summary")).to_be_visible()
    assert "not met: not being examined under another procedure of the same nature" in \
        page.locator(".error-summary").inner_text().lower()
    journey.screenshot("criterion missing")
    criteria = page.locator("fieldset", has_text="Criteria (article 30)").locator("input[type=checkbox]")
    for index in range(criteria.count()):
        criteria.nth(index).check()
    page.get_by_label("Register: every criterion is met").check()
    journey.click("Record the decision")
    expect(page.locator(".flashes")).to_contain_text("Decision recorded: Registered.")
    number = page.locator("h1").inner_text().split("\n")[0].split(" Disappearance")[0].strip()
    assert re.fullmatch(rf"UA \d+/{date.today().year}", number), number
    shows_no_python(journey)
    journey.screenshot("registered")
    case_url = page.url

    # The note verbale to the State, drafted at registration: submitted, approved by the supervisor.
    letters = page.locator("section", has=page.locator("#letters-h"))
    letters.locator("tr", has_text="Note verbale").get_by_role("link").first.click()
    expect(page.locator(".badge-state")).to_have_text("Draft")
    journey.click("Submit for approval")
    expect(page.locator(".flashes")).to_contain_text("Done: Submit for approval.")
    letter_url = page.url
    journey.sign_in(SUPERVISOR)
    journey.go(letter_url.removeprefix(journey.base))
    journey.click("Approve")
    expect(page.locator(".flashes")).to_contain_text("Done: Approve.")
    expect(page.locator(".badge-state")).to_have_text("Final PDF ready")
    journey.screenshot("note verbale approved")
    note = journey.download_text("Open the final PDF")
    assert "Misión Permanente de México" in note or "Mexico" in note, note[:400]
    assert number in note and "QUINTANA ROBLES" in note.upper(), note[:600]
    assert "20 de noviembre de 2026" in note and "FGR/TAM/2211/2026" in note
    assert "ROBLES Teresa" not in note and "Teresa" not in note  # the authors are never named to the State

    # The officer sends it, and records on the urgent action that it went: the State's clock starts.
    journey.sign_in(OFFICER)
    journey.go(letter_url.removeprefix(journey.base))
    page.fill("#sent_on", date.today().isoformat())
    page.select_option("#channel", label="E-mail")
    journey.click("Mark as sent")
    expect(page.locator(".flashes")).to_contain_text("Recorded as sent.")
    expect(page.locator(".badge-state")).to_have_text("Sent")
    journey.go(case_url.removeprefix(journey.base))
    journey.click("Note verbale sent to the State")
    expect(page.locator(".flashes")).to_contain_text("Done: Note verbale sent to the State.")
    expect(page.locator(".badge-state")).to_have_text("Awaiting the State's reply")
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("0 reminders sent")
    # No reminder before the reply is overdue: the button says why.
    reminder = page.get_by_role("button", name="Send a reminder")
    expect(reminder).to_be_disabled()
    expect(page.locator("#why-send_reminder")).to_contain_text("a reminder can go once it is overdue")
    journey.click("Registration letter sent to the authors")
    expect(page.locator(".flashes")).to_contain_text("Done: Registration letter sent to the authors.")
    shows_no_python(journey)
    journey.screenshot("awaiting reply")

    # The State replies, and the person is found alive and free: the officer records it on the
    # person's own outcome form (dated today by default), and the urgent action closes.
    journey.click("State reply received")
    expect(page.locator(".badge-state")).to_have_text("State reply received")
    expect(page.get_by_role("button", name="Located alive and free: close")).to_have_count(0)
    outcome = page.get_by_role("form", name=re.compile("Outcome for .*QUINTANA ROBLES"))
    expect(outcome.get_by_label("Located on")).to_have_value(date.today().isoformat())
    outcome.get_by_label("Outcome").select_option(label="Located alive and free")
    outcome.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".flashes")).to_contain_text("Outcome recorded: Located alive and free (closed).")
    expect(page.locator(".badge-state")).to_have_text("Located alive and free (closed)")
    row = page.locator("#outcomes-h").locator("xpath=..").get_by_role("row", name=re.compile("QUINTANA ROBLES"))
    expect(row).to_contain_text(f"Located alive and free {shown(date.today())}")
    expect(page.locator(".case-actions")).to_contain_text("There is nothing you can do on this case")
    shows_no_python(journey)
    journey.screenshot("located and closed")


def test_reminders_go_to_a_state_whose_reply_is_overdue(journey):
    page = journey.page
    journey.sign_in(OFFICER)
    journey.go("/urgent-actions/")
    journey.click("Reminders due")
    rows = page.locator("table tbody tr")
    expect(rows.first).to_be_visible()
    rows.first.get_by_role("link").first.click()
    facts = page.locator("dl.facts").first
    before = int(re.search(r"(\d+) reminders? sent", facts.inner_text()).group(1))
    expect(facts.locator(".badge-danger")).to_have_text("overdue")
    journey.click("Send a reminder")
    expect(page.locator(".flashes")).to_contain_text("Done: Send a reminder.")
    letters = page.locator("section", has=page.locator("#letters-h"))
    expect(letters.locator("tr", has_text="recordatorio")).to_contain_text("Draft")
    # Counted, and the State's new date running, once the reminder letter is marked sent.
    expect(facts).to_contain_text(f"{before} reminder")
    shows_no_python(journey)
    journey.screenshot("reminder sent")


def test_a_group_of_disappeared_persons_is_registered_in_one_step(journey):
    page = journey.page
    journey.sign_in(OFFICER)
    journey.go("/urgent-actions/")
    journey.click("Register a group")
    shows_no_python(journey)
    page.fill("#title", "Students taken from two buses, Chilpancingo, 2 November 2026")
    page.fill("#persons", "Nava Ortiz; Luis Ángel; male; 19\nSoto Bernal; Jorge; male; 20\n"
                          "Ríos Pérez; Alma Delia; female; 18")
    page.select_option("#state_id", label="Mexico")
    page.fill("#last_seen_on", "2026-11-02")
    page.fill("#last_seen_place", "Chilpancingo, Guerrero")
    page.fill("#complaint_authority", "Fiscalía General del Estado de Guerrero")
    page.fill("#author_family_name", "Comité de Padres")
    for box in page.locator("fieldset", has_text="Registration criteria").locator("input[type=checkbox]").all():
        box.check()
    page.get_by_label("One note verbale and one letter to the authors per person").check()
    journey.screenshot("group form")
    journey.click("Register the group")
    expect(page.locator(".flashes")).to_contain_text("3 urgent actions registered.")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    numbers = sorted(int(re.search(r"UA (\d+)/", row.inner_text()).group(1)) for row in rows.all())
    assert numbers == list(range(numbers[0], numbers[0] + 3)), numbers  # consecutive
    for name in ("NAVA ORTIZ", "SOTO BERNAL", "RÍOS PÉREZ"):
        expect(page.locator("table tbody")).to_contain_text(name)
    shows_no_python(journey)
    journey.screenshot("group registered")
    page.locator("table tbody tr", has_text="SOTO BERNAL").get_by_role("link").first.click()
    expect(page.locator(".badge-state")).to_have_text("Registered")
    expect(page.locator("dl.facts").first).to_contain_text("Students taken from two buses")
    letters = page.locator("section", has=page.locator("#letters-h"))
    expect(letters.locator("tbody tr")).to_have_count(2)  # its own note verbale and letter to the authors
    shows_no_python(journey)
