"""The letter to each addressee, in the structure of DOMAIN §5, in English, French and Spanish."""
from __future__ import annotations

import os

import pytest

from casework.special_procedures import operations as ops
from casework.special_procedures.letters import compose_communication, render_communication_pdf
from tests.special_procedures.conftest import SOURCE
from tests.special_procedures.helpers import pdf_text

FIVE = ("SR-TORTURE", "SR-FREEEXPRESSION", "SR-EXECUTIONS", "SR-JUDGES", "WGAD")


def _in_order(text: str, *phrases: str) -> None:
    positions = [text.find(p) for p in phrases]
    assert -1 not in positions, [p for p, at in zip(phrases, positions) if at == -1]
    assert positions == sorted(positions), list(zip(phrases, positions))


def test_a_joint_letter_with_five_cosigners_to_a_state(make_comm, mandates):
    comm = make_comm(cosigners=FIVE, until="sent")
    pdf = render_communication_pdf(comm, comm.recipients[0], draft=False)
    if os.environ.get("SP_LETTER_OUT"):  # to look at it: SP_LETTER_OUT=/tmp/x.pdf pytest -k five
        with open(os.environ["SP_LETTER_OUT"], "wb") as handle:
            handle.write(pdf)
    text = pdf_text(pdf)
    _in_order(text, "situation of human rights defenders", "REFERENCE:", "UA COL 1/2026", "Excellency,",
              "We have the honour", "resolutions 25/18, 52/4, 25/13, 52/7, 52/9, 53/4, 53/12 and 51/8",
              "information we have received concerning the arrest", "arrested on 3 March",
              "do not wish to prejudge", "please refer to the Annex", "1. Please provide", "2. Please explain",
              "3. Please indicate", "made public", "interim measures", "our highest consideration",
              "Amara Okonjo-Lind", "Helena Marquardt", "Reference to international human rights law")
    for code in ("SR-HRDEFENDERS", *FIVE):
        assert mandates[code].holder_name in text
    assert "Permanent Mission of Colombia" in text
    assert SOURCE not in text and "Zyxwvut" not in text


def test_a_letter_to_a_company_says_dear_and_your_company_with_the_state_copied(make_comm, states):
    comm = make_comm(until="sent", addressees=[ops.AddresseeInput(
        name="Acme Mining Ltd.", contact_name="Mr. John Smith", address="1 Bay Street\nToronto",
        copy_state_ids=[states["CAN"].id])])
    text = pdf_text(render_communication_pdf(comm, comm.recipients[0], draft=False))
    assert "Dear Mr. John Smith," in text and "Excellency" not in text
    assert "your company" in text and "Guiding Principles on Business and Human Rights" in text
    assert "Permanent Mission of Canada" in text and "UA OTH 1/2026" in text


@pytest.mark.parametrize("language, salutation, words", [
    ("fr", "Excellence,", ("Nous avons l'honneur", "Sans vouloir", "1. Please provide", "Annexe")),
    ("es", "Excelencia:", ("Tenemos el honor", "Sin pretender prejuzgar", "Referencias al derecho")),
])
def test_french_and_spanish_letters(make_comm, language, salutation, words):
    comm = make_comm(until="sent", language=language)
    text = pdf_text(render_communication_pdf(comm, comm.recipients[0], draft=False))
    assert salutation in text
    for phrase in words:
        assert phrase in text


def test_one_mandate_alone_writes_in_the_first_person(make_comm):
    comm = make_comm(cosigners=(), until="sent")
    document = compose_communication(comm, comm.recipients[0], draft=False)
    assert document.paragraphs[0].startswith("I have the honour to address you in my capacity as")
    assert "resolutions 25/18 and 52/4" in document.paragraphs[0]
    assert [s.name for s in document.signatories] == ["Amara Okonjo-Lind"]
