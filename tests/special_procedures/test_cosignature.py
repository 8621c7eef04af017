"""Co-signature: invited mandates' holders see the letter and decide; sending waits for all of them."""
from __future__ import annotations

from datetime import date

import pytest

from casework.core.permissions import Permission, can, visible_cases
from casework.core.workflow import CaseHistory, available, fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.letters import compose_communication, render_communication_pdf
from casework.special_procedures.models import CoSignature, CoSignatureStatus, SpCommunication
from casework.special_procedures.queries import cosignature_queue
from tests.conftest import sign_in
from tests.pages import form_with, words
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
    ops.send_communication(comm, date.today(), users["officer"])
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
        with pytest.raises(Refused) as refused:
            ops.decide_cosignature(row, True, user)
        assert refused.value.status == 403
        # Who may read the letter is told why; another mandate's holder, who may not, is refused by role.
        reading = can(user, Permission.VIEW, comm)
        assert ("Only the holder of Special Rapporteur on torture" in str(refused.value)) is reading
    assert row.status is CoSignatureStatus.INVITED
    assert _cosignature_history(comm) == []


def _cosignature_history(comm) -> list[tuple]:
    rows = db.session.scalars(db.select(CaseHistory).where(CaseHistory.case_id == comm.id,
                                                           CaseHistory.part == CoSignature.workflow_key)
                              .order_by(CaseHistory.id))
    return [(h.event, h.from_status, h.to_status, h.part_id) for h in rows]


def _decide_on_the_page(client, comm, row, decision: str, comment: str = ""):
    """Submit the decision form as the letter's page draws it for the holder."""
    data = form_with(client.get(f"/cases/{comm.id}"), "decision")
    data.update(decision=[decision], comment=[comment])
    return client.post(f"/special-procedures/cosignatures/{row.id}", data=data)


def _signed_in(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_a_decision_goes_into_the_letters_history_with_the_holder_and_the_comment(app, make_comm, users):
    comm = make_comm(cosigners=("SR-TORTURE", "SR-JUDGES"), until="in_cosignature")
    torture, judges = comm.pending
    client = _signed_in(app, users["holder:SR-TORTURE"])
    response = _decide_on_the_page(client, comm, torture, "approve", "Agreed, with the torture questions.")
    assert response.status_code == 303, words(response)
    client = _signed_in(app, users["holder:SR-JUDGES"])
    assert _decide_on_the_page(client, comm, judges, "decline", "Outside current priorities.").status_code == 303
    db.session.expire_all()
    assert _cosignature_history(comm) == [("approve", "invited", "approved", torture.id),
                                          ("decline", "invited", "declined", judges.id)]
    entry = db.session.scalar(db.select(CaseHistory).where(CaseHistory.part_id == torture.id))
    assert (entry.actor_id, entry.comment) == (users["holder:SR-TORTURE"].id, "Agreed, with the torture questions.")
    assert (torture.decided_by_id, torture.comment) == (users["holder:SR-TORTURE"].id,
                                                        "Agreed, with the torture questions.")
    page = words(_signed_in(app, users["officer"]).get(f"/cases/{comm.id}"))
    history = page[page.index("History"):]
    assert f"Co-signature: Invited → Approved {users['holder:SR-TORTURE'].name}" in history
    assert "Agreed, with the torture questions." in history
    assert f"Co-signature: Invited → Declined {users['holder:SR-JUDGES'].name}" in history


def test_someone_not_holding_the_mandate_is_refused_on_the_page_with_the_reason(make_comm, users, login):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    row = comm.pending[0]
    client = login(users["supervisor"])  # the lead desk reads the letter, but does not sign for torture
    response = client.post(f"/special-procedures/cosignatures/{row.id}", data={"decision": "approve"})
    assert response.status_code == 403
    assert ("Only the holder of Special Rapporteur on torture and other cruel, inhuman or degrading treatment or "
            "punishment decides for it.") in words(response)
    db.session.expire_all()
    assert row.status is CoSignatureStatus.INVITED and _cosignature_history(comm) == []


def test_a_decision_from_a_page_drawn_before_the_letter_or_the_invitation_moved_on_says_why(make_comm, users, login):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    row = comm.pending[0]
    client = login(users["holder:SR-TORTURE"])
    data = form_with(client.get(f"/cases/{comm.id}"), "decision")
    address = f"/special-procedures/cosignatures/{row.id}"
    fire(comm, "return_to_draft", users["officer"])  # the desk takes the letter back meanwhile
    db.session.commit()
    response = client.post(address, data=data)
    assert response.status_code == 422
    assert "The letter is not with the co-signing mandates now (it is draft)." in words(response)
    db.session.expire_all()
    assert row.status is CoSignatureStatus.INVITED and _cosignature_history(comm) == []

    fire(comm, "start_cosignature", users["officer"])
    db.session.commit()
    assert client.post(address, data=data).status_code == 303
    data["decision"] = ["decline"]  # the same page, submitted again from a second tab
    response = client.post(address, data=data)
    assert response.status_code == 422
    assert "“Decline” is not possible" in words(response)
    db.session.expire_all()
    assert row.status is CoSignatureStatus.APPROVED and len(_cosignature_history(comm)) == 1


def test_declining_removes_the_mandate_and_its_signature_block_from_the_pdf(make_comm, users, mandates):
    comm = make_comm(cosigners=("SR-TORTURE", "SR-JUDGES"), until="in_cosignature")
    torture, judges = comm.pending
    ops.decide_cosignature(torture, True, users["holder:SR-TORTURE"])
    ops.decide_cosignature(judges, False, users["holder:SR-JUDGES"], "Outside the mandate's current priorities.")
    assert [c.mandate.unit.code for c in comm.signing] == ["SR-HRDEFENDERS", "SR-TORTURE"]
    fire(comm, "approve", users["supervisor"])
    ops.send_communication(comm, date.today(), users["officer"])
    text = pdf_text(render_communication_pdf(comm, comm.recipients[0], draft=False))
    assert "Tomás Vidal Arriaga" in text and "Amara Okonjo-Lind" in text
    assert "Ingrid Sørvik Aalto" not in text
    assert "independence of judges" not in text  # nor in the list of mandates or the opening


def test_returning_to_drafting_asks_the_cosigners_again(make_comm, users):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    row = comm.pending[0]
    ops.decide_cosignature(row, True, users["holder:SR-TORTURE"], "Fine as it is.")
    fire(comm, "return_to_draft", users["officer"])
    assert [c.status for c in comm.cosignatures] == [CoSignatureStatus.LEAD, CoSignatureStatus.INVITED]
    assert (row.decided_by_id, row.decided_at, row.comment) == (None, None, "")
    assert _cosignature_history(comm) == [("approve", "invited", "approved", row.id),
                                          ("invite_again", "approved", "invited", row.id)]


def test_a_mandate_that_declined_can_be_invited_again(make_comm, users, mandates):
    comm = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    row = comm.pending[0]
    ops.decide_cosignature(row, False, users["holder:SR-TORTURE"], "Not now.")
    assert ops.invite_mandates(comm, [mandates["SR-TORTURE"]], users["officer"]) == [row]
    assert (row.status, row.decided_by_id, row.comment) == (CoSignatureStatus.INVITED, None, "")
    assert _cosignature_history(comm)[-1] == ("invite_again", "declined", "invited", row.id)
    # A mandate already on the letter and not declined is left as it is.
    assert ops.invite_mandates(comm, [mandates["SR-TORTURE"], mandates["SR-HRDEFENDERS"]], users["officer"]) == []


def test_a_new_holder_does_not_rewrite_letters_already_sent(make_comm, users, mandates):
    comm = make_comm(cosigners=("SR-TORTURE",), until="sent")
    ops.change_holder(mandates["SR-TORTURE"], "Next Rapporteur", "Special Rapporteur on torture", "25/13", users["admin"])
    db.session.commit()
    signatories = [s.name for s in compose_communication(comm, comm.recipients[0], draft=False).signatories]
    assert signatories == ["Amara Okonjo-Lind", "Tomás Vidal Arriaga"]
    later = make_comm(cosigners=("SR-TORTURE",), until="in_cosignature")
    assert [s.name for s in compose_communication(later, later.recipients[0], draft=True).signatories] == \
        ["Amara Okonjo-Lind", "Next Rapporteur"]
