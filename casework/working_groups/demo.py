"""Demonstration cases of both working groups at every step: regular communications awaiting the
Government, overdue or extended, opinions of this year and last (arbitrary, not arbitrary, filed)
in follow-up; disappearances urgent and standard, outstanding, under the six-month rule, clarified
and discontinued. Idempotent: nothing is added once the working groups have cases."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role
from casework.auth.session import find_user
from casework.core.audit import acting_as
from casework.core.persons import Sex
from casework.core.reference import MANDATES, ensure_unit
from casework.core.states import State
from casework.core.units import UnitKind
from casework.core.workflow import fire
from casework.demo import DEMO_PASSWORD
from casework.extensions import db
from casework.working_groups import operations as ops
from casework.working_groups.models import WGAD_CODE, WGEID_CODE, DetentionCommunication, Member, Outcome, Procedure

OFFICER, SUPERVISOR = "wg.officer@ohchr.example.org", "wg.supervisor@ohchr.example.org"
ACCOUNTS = [
    (OFFICER, "Hana Novak", Role.CASE_OFFICER, "working groups case officer (arbitrary detention, disappearances)"),
    (SUPERVISOR, "Rafael Duarte", Role.SUPERVISOR, "secretary of the working groups' Chair-Rapporteurs (supervisor)"),
]
MEMBERS = {
    WGAD_CODE: [("Priya Raman", "IND"), ("Tomasz Nowak", "POL"), ("Amara Okonkwo", "NGA"),
                ("Lucía Fernández", "ARG"), ("Youssef El-Masri", "EGY")],
    WGEID_CODE: [("Elena Popescu", "ROU"), ("Kwame Mensah", "GHA"), ("Sofía Ramírez Ortega", "MEX"),
                 ("Jin-ho Park", "KOR"), ("Nadia Al-Khatib", "JOR")],
}
# (State, family name, given names, place of detention, days ago received, target step)
DETENTIONS = [
    ("EGY", "Abdel-Wahed", "Tarek Samir", "Tora prison, Cairo", 10, "received"),
    ("BLR", "Zhuravskaya", "Alesia", "Penal colony No. 4, Gomel", 25, "transmitted"),
    ("IRN", "Farahmandi", "Kaveh", "Evin prison, Tehran", 100, "overdue"),
    ("VNM", "Tran", "Minh Quoc", "Detention centre No. 1, Hanoi", 90, "extended"),
    ("CHN", "Abdukerim", "Nurmemet", "Urumqi No. 1 prison", 120, "reply_received"),
    ("BHR", "Al-Mahroos", "Yusuf Ali", "Jau prison", 140, "no_reply"),
    ("NIC", "Baltodano Ruiz", "Esteban", "El Chipote, Managua", 160, "source_comments"),
    ("TUR", "Karaaslan", "Mehmet Emin", "Edirne F-type prison", 200, "opinion_adopted"),
    ("SAU", "Al-Qahtani", "Noura", "Al-Hair prison, Riyadh", 240, "sent_to_government"),
    ("RUS", "Belousov", "Arseny", "IK-6 Omsk", 260, "sent_to_source"),
    ("AZE", "Mammadli", "Rauf", "Baku pre-trial detention centre", 300, "published_not_arbitrary"),
    ("EGY", "El-Shenawy", "Hossam", "Wadi al-Natrun prison", 420, "follow_up"),
    ("VEN", "Urdaneta Pérez", "Marisol", "El Helicoide, Caracas", 520, "closed"),
    ("GTM", "Cojtí Xajil", "Baltazar", "Mariscal Zavala, Guatemala City", 150, "filed"),
    ("MMR", "Thant", "Zaw Lin", "Insein prison, Yangon", 45, "transmitted"),
    ("CUB", "Ferrer Sosa", "Yoandri", "Guanajay prison", 380, "closed"),
]
# (State, family name, given names, place, days ago disappeared, days ago received, procedure, target)
DISAPPEARANCES = [
    ("MEX", "Rivera Solís", "Daniela", "Tierra Blanca, Veracruz", 30, 20, Procedure.URGENT, "received"),
    ("SYR", "Haddad", "Bassel", "Checkpoint near Harasta", 900, 40, Procedure.STANDARD, "received"),
    ("PAK", "Baloch", "Zakir", "Quetta, Balochistan", 70, 60, Procedure.URGENT, "outstanding"),
    ("LKA", "Wickramaratne", "Sunil", "Homagama", 3000, 400, Procedure.STANDARD, "reminder_due"),
    ("COL", "Torres Mena", "Luz Dary", "Buenaventura", 60, 50, Procedure.URGENT, "reply_received"),
    ("MEX", "Gómez Álvarez", "Julio César", "Iguala, Guerrero", 400, 300, Procedure.STANDARD, "forwarded"),
    ("PHL", "Dimaculangan", "Rosalie", "Orion, Bataan", 500, 400, Procedure.STANDARD, "awaiting_objection"),
    ("BGD", "Rahman Chowdhury", "Tanvir", "Dhaka", 1200, 1000, Procedure.STANDARD, "objection_over"),
    ("EGY", "Fawzy", "Karim Adel", "Cairo airport", 700, 600, Procedure.STANDARD, "objected"),
    ("IRQ", "Al-Jumaili", "Omar", "Razzaza checkpoint, Anbar", 1500, 1400, Procedure.STANDARD, "clarified_by_reply"),
    ("HND", "Flores", "Milton Javier", "Tocoa, Colón", 80, 75, Procedure.URGENT, "clarified"),
    ("RUS", "Umarov", "Islam", "Grozny, Chechnya", 2500, 2000, Procedure.STANDARD, "discontinued"),
    ("MEX", "Luna Cruz", "Ana Karen", "Reynosa, Tamaulipas", 20, 10, Procedure.URGENT, "outstanding"),
    ("DZA", "Benali", "Karim", "Algiers", 11000, 900, Procedure.STANDARD, "outstanding"),
]


def load_demo() -> list[tuple[str, str]]:
    """The two working groups' units, accounts, members and cases (once)."""
    units = {code: ensure_unit(code, MANDATES[code], UnitKind.MANDATE)[0] for code in (WGAD_CODE, WGEID_CODE)}
    for email, name, role, _description in ACCOUNTS:
        user = find_user(email) or save_user(None, name, email, DEMO_PASSWORD, is_admin=False, is_auditor=False,
                                             active=True)
        for unit in units.values():
            if not any(m.unit_id == unit.id for m in user.memberships):
                set_membership(user, unit, role)
    db.session.flush()
    accounts = [(email, description) for email, _n, _r, description in ACCOUNTS]
    states = {s.iso3: s for s in db.session.scalars(select(State))}
    if not states or db.session.scalar(select(DetentionCommunication.id).limit(1)):
        return accounts
    officer, supervisor = find_user(OFFICER), find_user(SUPERVISOR)
    with acting_as(officer.id):
        for code, rows in MEMBERS.items():
            if not db.session.scalar(select(Member.id).where(Member.unit_id == units[code].id).limit(1)):
                for name, iso3 in rows:
                    ops.add_member(units[code], name, states[iso3].id, supervisor)
        for index, row in enumerate(DETENTIONS):
            _detention(index, row, units[WGAD_CODE], states, officer, supervisor)
        for row in DISAPPEARANCES:
            _disappearance(row, units[WGEID_CODE], states, officer, supervisor)
    db.session.commit()
    return accounts


def _ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def _detention(index: int, row, unit, states, officer, supervisor) -> None:
    iso3, family, given, place, received, target = row
    data = ops.DetentionInput(
        state_id=states[iso3].id, received_on=_ago(received), language="es" if iso3 in ("NIC", "VEN", "GTM", "CUB")
        else "fr" if iso3 == "AZE" else "en",
        source_name=f"Demo source {index + 1}: a partner organization", source_contact="Contact details with the desk",
        persons=[ops.PersonInput(family, given, Sex.UNKNOWN)], place_of_detention=place, arrested_on=_ago(received + 40),
        legal_basis="Articles of the Criminal Code on national security and public order, as invoked at arraignment.",
        summary=f"{given} {family.upper()} was arrested without a warrant after speaking publicly about the "
                "authorities, held incommunicado for several weeks and has since been denied access to a lawyer "
                "of their choosing.")
    case = ops.register_detention(data, unit, officer)
    if target == "received":
        return
    transmitted = received - 5
    ops.take_step(case, "transmit", _ago(transmitted), officer)
    if target in ("transmitted", "overdue"):
        return
    if target == "extended":
        ops.extend_reply_deadline(case, officer, "Requested by the Permanent Mission by note verbale; granted by "
                                                 "the Chair-Rapporteur.")
        return
    if target == "filed":
        fire(case, "file", supervisor, comment="The person was released; the source asked to file the case.")
        return
    if target == "no_reply" or (index % 3 == 0 and target not in ("reply_received", "source_comments")):
        fire(case, "no_reply", officer, on=_ago(max(transmitted - 61, 8)))
    else:
        ops.take_step(case, "record_reply", _ago(transmitted - 55), officer)
        if target != "reply_received":
            fire(case, "record_source_comments", officer, on=_ago(min(transmitted - 55, max(transmitted - 70, 8))))
    if target in ("reply_received", "no_reply", "source_comments"):
        return
    adopted = _ago(max(transmitted - 90, 8))
    not_arbitrary = target == "published_not_arbitrary"
    members = [m for m in ops.active_members(unit.id) if m.state_id != case.state_id]
    ops.adopt_opinion(case, ops.OpinionInput(
        session=99 - (date.today().year - adopted.year) * 3, adopted_on=adopted,
        outcome=Outcome.NOT_ARBITRARY if not_arbitrary else Outcome.ARBITRARY,
        categories=[] if not_arbitrary else ["I", "II", "III"][: 1 + index % 3], taking_part=[m.id for m in members],
    ), supervisor)
    if target == "opinion_adopted":
        return
    sent = max(transmitted - 100, 7)
    ops.take_step(case, "send_to_government_no_follow_up" if not_arbitrary else "send_to_government", _ago(sent),
                  officer)
    if target == "sent_to_government":
        return
    ops.take_step(case, "send_to_source", _ago(sent - 2), officer)
    if target == "sent_to_source":
        return
    ops.take_step(case, "publish", _ago(max(sent - 30, 0)), officer)
    if target == "published_not_arbitrary":
        return
    fire(case, "start_follow_up", officer)
    if target == "closed":
        fire(case, "record_follow_up", officer, comment="The Government reported the release.")
        fire(case, "close", supervisor)


def _disappearance(row, unit, states, officer, supervisor) -> None:
    iso3, family, given, place, disappeared, received, procedure, target = row
    case = ops.register_disappearance(ops.DisappearanceInput(
        state_id=states[iso3].id, received_on=_ago(received), language="es" if iso3 in ("MEX", "COL", "HND") else "en",
        source_name="Demo source: the family's association", source_contact="Contact details with the desk",
        persons=[ops.PersonInput(family, given, Sex.UNKNOWN)], disappeared_on=_ago(disappeared), place=place,
        circumstances="Reportedly taken away by men in plain clothes who identified themselves as security "
                      "officers; the family's inquiries at police stations went unanswered.",
        procedure=procedure), unit, officer)
    if target == "received":
        return
    transmitted = received - (3 if procedure is Procedure.URGENT else 30)
    if target == "reminder_due":
        transmitted = 380
    if procedure is Procedure.URGENT:
        ops.take_step(case, "transmit_urgent", _ago(transmitted), supervisor)
    else:
        ops.take_step(case, "transmit_standard", _ago(transmitted), officer, session=130 - transmitted // 120)
    if target in ("outstanding", "reminder_due"):
        return
    if target == "discontinued":
        ops.take_step(case, "discontinue", _ago(100), supervisor,
                      note="The source has not been reachable for many years and no relative can be traced.")
        return
    replied = max(transmitted - 40, 5)
    ops.take_step(case, "record_reply", _ago(replied), officer)
    if target == "reply_received":
        return
    if target == "forwarded":
        ops.take_step(case, "forward_reply", _ago(replied - 3), officer)
        return
    if target == "clarified":
        ops.take_step(case, "clarify", _ago(replied - 1), officer,
                      note="The source confirms that he was released from a military base and is with his family.")
        return
    forwarded = {"awaiting_objection": 60, "objection_over": 250, "objected": 200, "clarified_by_reply": 400}[target]
    ops.take_step(case, "forward_clarifying_reply", _ago(min(forwarded, replied)), officer,
                  note="According to the Government, he is held at the central prison and has been visited by family.")
    if target == "objected":
        fire(case, "record_objection", officer, comment="The source states that the family was refused access.")
    elif target == "clarified_by_reply":
        ops.take_step(case, "clarify_on_government_reply", _ago(min(forwarded, replied) - 190), officer)
