"""Co-signature: invited mandates' holders see the letter and decide; sending waits for all of them."""
from __future__ import annotations

from datetime import date

import pytest

from casework.core.permissions import Permission, can, visible_cases
from casework.core.workflow import available, fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.letters import compose_communication, render_communication_pdf
from casework.special_procedures.models import SpCommunication, CoSignatureStatus
from casework.special_procedures.queries import cosignature_queue
from tests.special_procedures.helpers import pdf_text


def test_an_invited_holder_can_read_the_letter_but_not_change_it(make_comm, users):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    holder = users["holder:SR-TORTURE"]
    assert can(holder, Permission.VIEW, comm)
    assert not can(holder, Permission.EDIT, comm)
    assert comm.id in db.session.scalars(visible_cases(holder, SpCommunication).with_only_columns(SpCommunication.id)).all()
    assert [row.mandate.unit.code for row in cosignature_queue(holder)] == ["SR-TORTURE"]
    # A mandate not invited neither sees it nor has it in its queue.
    other = users["holder:SR-JUDGES"]
    assert not can(other, Permission.VIEW, comm)
    assert cosignature_queue(other) == []


def test_the_letter_cannot_be_approved_or_sent_before_every_cosigner_approves(make_comm, users):
    comm = make_comm(cosigners=("SR-TORTURE", "SR-JUDGES"), until="in_cosignature")
    with pytest.raises(Refused, match="Waiting for 2"):
        fire(comm, "approve", users["supervisor"])
    ops.decide_cosignature(comm.pending[0], True, users["holder:SR-TORTURE"])
    with pytest.raises(Refused, match="Waiting for 1"):
        fire(comm, "approve", users["supervisor"])
    approve = next(t for t, reason in available(comm, users["supervisor"]) if t.event == "approve")
    assert approve is not None
    ops.decide_cosignature(comm.pending[0], True, users["holder:SR-JUDGES"])
    fire(comm, "approve", users["supervisor"])
    ops.send_communication(comm, date(2026, 3, 10), users["officer"])
    assert comm.status == "sent"


def test_sending_is_refused_while_a_cosigner_is_pending(make_comm, users, mandates):
    comm = make_comm(cosigners=(), until="approved")
    comm.cosignatures.append(ops.CoSignature(mandate_id=mandates["SR-TORTURE"].id,
                                             status=CoSignatureStatus.INVITED, position=1))
    db.session.flush()
    db.session.expire(comm, ["cosignatures"])
    with pytest.raises(Refused, match="Waiting for 1"):
        ops.send_communication(comm, date(2026, 3, 10), users["officer"])


def test_only_the_mandate_holder_decides(make_comm, users):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    row = comm.pending[0]
    for user in (users["supervisor"], users["officer"], users["holder:SR-JUDGES"], users["admin"]):
        with pytest.raises(Refused):
            ops.decide_cosignature(row, True, user)
    assert row.status is CoSignatureStatus.INVITED


def test_declining_removes_the_mandate_and_its_signature_block_from_the_pdf(make_comm, users, mandates):
    comm = make_comm(cosigners=("SR-TORTURE", "SR-JUDGES"), until="in_cosignature")
    torture, judges = comm.pending
    ops.decide_cosignature(torture, True, users["holder:SR-TORTURE"])
    ops.decide_cosignature(judges, False, users["holder:SR-JUDGES"], "Outside the mandate's current priorities.")
    assert [c.mandate.unit.code for c in comm.signing] == ["SR-HRDEFENDERS", "SR-TORTURE"]
    fire(comm, "approve", users["supervisor"])
    ops.send_communication(comm, date(2026, 3, 10), users["officer"])
    text = pdf_text(render_communication_pdf(comm, comm.addressees[0], draft=False))
    assert "Alice Jill Edwards" in text and "Mary Lawlor" in text
    assert "Margaret Satterthwaite" not in text
    assert "independence of judges" not in text  # nor in the list of mandates or the opening


def test_returning_to_drafting_asks_the_cosigners_again(make_comm, users):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    ops.decide_cosignature(comm.pending[0], True, users["holder:SR-TORTURE"])
    fire(comm, "return_to_draft", users["officer"])
    assert [c.status for c in comm.cosignatures] == [CoSignatureStatus.LEAD, CoSignatureStatus.INVITED]


def test_a_new_holder_does_not_rewrite_letters_already_sent(make_comm, users, mandates):
    comm = make_comm(cosigners=("SR-TORTURE",), until="sent")
    ops.change_holder(mandates["SR-TORTURE"], "Next Rapporteur", "Special Rapporteur on torture", "25/13", users["admin"])
    db.session.commit()
    signatories = [s.name for s in compose_communication(comm, comm.addressees[0], draft=False).signatories]
    assert signatories == ["Mary Lawlor", "Alice Jill Edwards"]
    later = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    assert [s.name for s in compose_communication(later, later.addressees[0], draft=True).signatories] == \
        ["Mary Lawlor", "Next Rapporteur"]
