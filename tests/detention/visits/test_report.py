"""The numbered summary report of a visit, through the letters machinery: written from the visit
record, approved by the head of office, rendered to PDF by a worker."""
from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from casework.core import storage
from casework.core.storage import content_key
from casework.core.workflow import fire
from casework.detention.visits import operations as ops
from casework.detention.visits.letters import report_paragraphs, summary_report, visit_report_values
from casework.detention.visits.models import (
    Access, Assessment, ConditionItem, RecommendationStatus, VisitRecommendation,
)
from casework.extensions import db
from casework.letters.document import LetterKind
from tests.conftest import sign_in
from tests.pages import form_with, text

VALUES = {
    "number": "FO-COL/DV/2025/001", "unit": "OHCHR Country Office in Colombia",
    "facility": "Establecimiento Penitenciario San Isidro", "facility_type": "prison",
    "authority": "INPEC", "location": "Popayán, Cauca", "started_on": date(2025, 3, 12), "ended_on": date(2025, 3, 13),
    "team": ("Andrés Castillo", "Marta Quintero"), "announced": False, "follow_up": True, "access": "restricted",
    "access_notes": "No entry to block 4", "capacity": 1650, "occupancy": 140,
    "population": {"pop_total": 2310, "pop_women": 96, "pop_men": 2214, "pop_children": 0, "pop_pretrial": 1020,
                   "pop_sentenced": 1290, "pop_administrative": None, "pop_foreigners": 41},
    "conditions": (("overcrowding", "serious", "Cells for 4 hold 12."), ("water", "serious", ""),
                   ("food", "adequate", "")),
    "interviews": 3, "issues_raised": "Overcrowding", "authority_response": "",
    "recommendations": (("INPEC", "Reduce occupancy", date(2025, 9, 30)),),
    "follow_ups": ("implemented", "not_implemented", "implemented"), "cases": 2,
}


def test_the_report_says_what_the_visit_found_in_numbered_paragraphs():
    paragraphs = report_paragraphs(VALUES, "en")
    assert [numbered for numbered, _text in paragraphs] == [True] * 8 + [False] + [True] * 2
    texts = [t for _n, t in paragraphs]
    assert texts[0] == (
        "From 12 March 2025 to 13 March 2025, a team of the OHCHR Country Office in Colombia, composed of "
        "Andrés Castillo and Marta Quintero, made an unannounced follow-up visit to Establecimiento Penitenciario "
        "San Isidro, a prison run by INPEC, in Popayán, Cauca.")
    assert texts[1] == "The authorities restricted the team's access: No entry to block 4."
    assert texts[2] == (
        "On the day of the visit, the facility held 2,310 persons for an official capacity of 1,650 (an occupancy "
        "rate of 140 per cent). They were 96 women, 2,214 men and 0 children. Of them, 1,020 were in pre-trial "
        "detention and 1,290 were sentenced. 41 were foreign nationals.")
    assert texts[3] == ("The team found serious problems with: overcrowding; water and sanitation. It found the "
                        "following adequate: food. Overcrowding: Cells for 4 hold 12.")
    assert texts[4] == "The team interviewed 3 detainees in private."
    assert texts[6] == "The director gave no response."
    assert texts[8] == "(a) To INPEC: Reduce occupancy (by 30 September 2025)."
    assert texts[9] == "The team followed up 3 recommendations of earlier visits: 2 implemented and 1 not implemented."
    spanish = [t for _n, t in report_paragraphs(VALUES, "es")]
    assert spanish[0].startswith("Del 12 de marzo de 2025 al 13 de marzo de 2025, un equipo de OHCHR Country Office")
    assert "albergaba a 2.310 personas" in spanish[2]


def test_drafting_the_report_from_the_visit_page(client, users, facility, make_visit):
    visit = make_visit(facility, pop_total=150, pop_women=10, pop_men=140, pop_children=0)
    visit.capacity, visit.access = 100, Access.GRANTED
    visit.condition(ConditionItem.WATER).assessment = Assessment.SERIOUS
    facility.unit.settings = {"report_language": "es"}
    db.session.commit()
    sign_in(client, users["officer"])
    form = form_with(client.get(f"/cases/{visit.id}"), "language")
    assert form["language"] == ["es"]  # the office's working language, set on its unit
    response = client.post(f"/detention/visits/{visit.id}/report", data={"language": "en"})
    assert response.status_code == 303
    report = summary_report(visit)
    assert response.headers["Location"].endswith(f"/letters/{report.id}/edit")
    assert (report.letter_type, report.kind, report.reference, report.parent_id) == (
        "visit_summary", LetterKind.REPORT, visit.number, visit.id)
    assert report.title == f"Summary report of the visit to {facility.name}, 12 March 2025"
    assert [(a.name, a.address) for a in report.recipients] == [("Head of Office", "OHCHR Country Office in Colombia")]
    assert [(s.name, s.title) for s in report.signatories] == [
        ("Officer", "Human Rights Officer, OHCHR Country Office in Colombia")]
    assert report.body.startswith("1. On 12 March 2025, a team of the OHCHR Country Office in Colombia")
    assert "occupancy rate of 150 per cent" in report.body
    assert "serious problems with: water and sanitation" in report.body
    # One report per visit.
    response = client.post(f"/detention/visits/{visit.id}/report", data={"language": "en"})
    assert response.status_code == 422 and "already has its summary report" in text(response)


def test_the_approved_report_is_a_confidential_numbered_pdf(users, facility, make_visit):
    visit = make_visit(facility, pop_total=150)
    visit.capacity = 100
    visit.recommendations.append(VisitRecommendation(addressee="Director", text="Water at all hours",
                                                    status=RecommendationStatus.OPEN))
    report = ops.draft_visit_report(visit, "en", users["officer"])
    fire(report, "submit", users["officer"])
    db.session.commit()
    fire(report, "approve", users["supervisor"])
    db.session.commit()  # the worker renders the final PDF
    db.session.refresh(report)
    pdf = PdfReader(io.BytesIO(storage.files().read(content_key(report.final_pdf_sha256))))
    first = " ".join(pdf.pages[0].extract_text().split())
    assert f"REFERENCE: {visit.number}" in first.upper()
    assert "CONFIDENTIAL" in first.upper()
    assert "Head of Office OHCHR Country Office in Colombia" in first
    assert "1. On 12 March 2025" in first and "Excellency" not in first
    everything = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "(a) To Director: Water at all hours." in everything
    assert "Human Rights Officer, OHCHR Country Office in Colombia" in everything
    assert "assurances of my highest consideration" not in everything  # a report, not a letter


def test_the_values_a_report_is_written_from_are_plain(users, facility, make_visit):
    values = visit_report_values(make_visit(facility, pop_total=10))
    plain = (str, int, bool, date, type(None), tuple, dict)
    assert all(isinstance(v, plain) for v in values.values())
