"""Demonstration communications: about thirty letters at every step, most of them joint (up to seven
mandates), some to companies with their home States copied, replies, overdue replies, published letters
with redacted victims. Idempotent: nothing is added once the mandates' letters exist."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role, User
from casework.auth.session import find_user
from casework.core.audit import acting_as
from casework.core.persons import Sex
from casework.core.states import State
from casework.core.workflow import fire
from casework.demo import DEMO_PASSWORD
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.models import CommunicationType, Mandate, SpCommunication

OFFICER, SUPERVISOR = "sp.officer@ohchr.example.org", "sp.supervisor@ohchr.example.org"
# Invented holders (the demo names no real mandate holder): unit code: (holder, title as signed, resolutions)
HOLDERS = {
    "SR-HRDEFENDERS": ("Amara Okonjo-Lind", "Special Rapporteur on the situation of human rights defenders", "25/18, 52/4"),
    "SR-TORTURE": ("Tomás Vidal Arriaga", "Special Rapporteur on torture and other cruel, inhuman or degrading "
                   "treatment or punishment", "25/13, 52/7"),
    "SR-FREEEXPRESSION": ("Leena Haapasalo", "Special Rapporteur on the promotion and protection of the right to "
                          "freedom of opinion and expression", "52/9"),
    "SR-EXECUTIONS": ("Kwabena Asante-Mensah", "Special Rapporteur on extrajudicial, summary or arbitrary executions",
                      "53/4"),
    "SR-JUDGES": ("Ingrid Sørvik Aalto", "Special Rapporteur on the independence of judges and lawyers", "53/12"),
    "SR-MIGRANTS": ("Farid Al-Hashimi Duarte", "Special Rapporteur on the human rights of migrants", "52/20"),
    "WGAD": ("Helena Marquardt", "Vice-Chair on Communications of the Working Group on Arbitrary Detention", "51/8"),
    "WGEID": ("Daniela Ferrante Ruiz", "Chair-Rapporteur of the Working Group on Enforced or Involuntary "
              "Disappearances", "54/14"),
    "WG-BUSINESS": ("Rohan Mehta-Clarke", "Chair-Rapporteur of the Working Group on the issue of human rights and "
                    "transnational corporations and other business enterprises", "17/4, 53/3"),
}

# (type, lead, co-signers, State addressees, companies (name, dear…, States copied), subject, victim, state)
LETTERS = [
    ("UA", "SR-HRDEFENDERS", ("SR-TORTURE", "WGAD"), ("PHL",), (), "the arrest of three land rights defenders in Negros",
     ("Reyes", "Maria Lourdes"), "draft"),
    ("AL", "SR-TORTURE", (), ("EGY",), (), "ill-treatment in Badr prison", ("Hassan", "Omar"), "draft"),
    ("OL", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION",), ("GTM",), (), "the draft law on non-governmental organizations",
     None, "draft"),
    ("UA", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION", "SR-JUDGES", "WGAD"), ("BLR",), (),
     "the detention of a human rights lawyer", ("Kalinina", "Hanna"), "in_cosignature"),
    ("AL", "SR-TORTURE", ("SR-EXECUTIONS", "WGEID"), ("MMR",), (), "deaths in military custody in Sagaing",
     ("Aung", "Kyaw Zin"), "in_cosignature"),
    ("AL", "SR-HRDEFENDERS", ("WG-BUSINESS",), (), (("Andes Copper Mining S.A.", "Mr. Chief Executive Officer",
                                                      ("PER", "CAN")),),
     "threats against community leaders opposing a mine", ("Quispe Mamani", "Rosa"), "in_cosignature"),
    ("AL", "SR-HRDEFENDERS", ("SR-JUDGES", "SR-TORTURE"), ("IND",), (), "the torture of detained student activists",
     ("Kumar", "Arjun"), "in_cosignature"),
    ("UA", "SR-TORTURE", ("WGAD", "SR-JUDGES"), ("IRN",), (), "the imminent execution of a protester",
     ("Rahimi", "Mohsen"), "approved"),
    ("AL", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION",), ("IND",), (), "the use of counter-terrorism law against "
     "journalists in Kashmir", ("Mir", "Irfan"), "approved"),
    ("OL", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION", "SR-JUDGES"), ("NIC",), (),
     "the law on foreign agents and its application", None, "sent"),
    ("UA", "SR-TORTURE", ("SR-EXECUTIONS", "WGAD", "SR-MIGRANTS"), ("SAU",), (),
     "the imminent execution of migrant workers", ("Khan", "Abdul Rashid"), "sent"),
    ("AL", "SR-HRDEFENDERS", ("WG-BUSINESS", "SR-FREEEXPRESSION"), ("COL",), (("Palmas del Norte S.A.S.",
     "Ms. Legal Representative", ("COL",)),), "killings of social leaders near palm plantations",
     ("Mosquera", "Jhon Fredy"), "sent"),
    ("UA", "SR-HRDEFENDERS", ("SR-TORTURE", "WGAD", "SR-JUDGES", "SR-FREEEXPRESSION"), ("VEN",), (),
     "the enforced disappearance of a defender", ("Martínez", "Rocío"), "sent"),
    ("AL", "SR-TORTURE", ("SR-MIGRANTS",), ("TUR",), (), "ill-treatment at a removal centre", ("Ahmadi", "Farid"),
     "sent_overdue"),
    ("AL", "SR-HRDEFENDERS", ("SR-EXECUTIONS", "WG-BUSINESS"), ("HND",), (), "the killing of an environmental "
     "defender", ("Cáceres", "Bertha"), "published"),
    ("UA", "SR-HRDEFENDERS", ("SR-TORTURE", "SR-FREEEXPRESSION", "SR-JUDGES", "WGAD", "SR-EXECUTIONS", "WGEID"),
     ("RUS",), (), "the detention and ill-treatment of an opposition figure", ("Volkov", "Dmitri"), "published"),
    ("AL", "SR-TORTURE", ("SR-EXECUTIONS",), ("BRA",), (), "police killings in a favela operation",
     ("Silva", "João Pedro"), "published"),
    ("OL", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION", "SR-JUDGES", "WG-BUSINESS"), ("GBR",), (),
     "the bill on public order and protest", None, "published"),
    ("AL", "SR-HRDEFENDERS", ("WG-BUSINESS", "SR-MIGRANTS"), (), (("Gulf Build Contracting LLC", "Mr. Chairman",
     ("SAU",)), ("Northern Star Recruitment Ltd.", "", ("IND",))), "forced labour of migrant construction workers",
     ("Thapa", "Ram Bahadur"), "published"),
    ("UA", "SR-TORTURE", ("WGAD", "SR-JUDGES", "SR-HRDEFENDERS"), ("CHN",), (), "the incommunicado detention of a "
     "lawyer", ("Wang", "Quanzhang"), "published"),
    ("AL", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION", "SR-TORTURE", "SR-JUDGES", "WGAD", "SR-EXECUTIONS", "WGEID",
                              "SR-MIGRANTS"), ("IRN",), (), "the arrest and sentencing of women's rights defenders",
     ("Mohammadi", "Narges"), "in_report"),
    ("AL", "SR-TORTURE", ("WGAD",), ("EGY",), (), "prolonged pre-trial detention and denial of medical care",
     ("Abdel Fattah", "Alaa"), "in_report"),
    ("UA", "SR-HRDEFENDERS", ("SR-JUDGES",), ("GTM",), (), "criminal proceedings against a journalist",
     ("Zamora", "José Rubén"), "in_report"),
    ("AL", "SR-HRDEFENDERS", ("WG-BUSINESS", "SR-EXECUTIONS", "SR-FREEEXPRESSION"), ("PHL",),
     (("Pacific Nickel Holdings Inc.", "Ms. President", ("PHL", "CHN")),), "red-tagging of indigenous defenders",
     ("Dulnuan", "Amihan"), "closed"),
    ("OL", "SR-TORTURE", ("SR-MIGRANTS", "WGAD"), ("USA",), (), "immigration detention policy", None, "closed"),
    ("UA", "SR-HRDEFENDERS", ("SR-TORTURE",), ("TUR",), (), "the detention of a human rights defender",
     ("Demirtaşoğlu", "Selin"), "sent_replied"),
    ("AL", "SR-HRDEFENDERS", ("SR-FREEEXPRESSION", "SR-JUDGES", "WGAD"), ("VEN",), (),
     "the prosecution of members of an NGO", ("Rodríguez", "Javier"), "published_replied"),
]
AGE = {"sent": 20, "sent_overdue": 75, "sent_replied": 40, "published": 120, "published_replied": 90,
       "in_report": 200, "closed": 330}
QUESTIONS = ("Please provide any additional information and comment you may have on the above-mentioned "
             "allegations.\nPlease provide information on the legal basis for the measures taken and how they are "
             "compatible with international human rights law.\nPlease indicate what measures have been taken to "
             "ensure that human rights defenders can work in a safe and enabling environment.")


def load_demo() -> list[tuple[str, str]]:
    """Mandates with their holders, and the demonstration letters (once); the holders' accounts,
    which approve co-signatures, to be printed."""
    ops.ensure_mandates()
    mandates = {m.unit.code: m for m in db.session.scalars(select(Mandate))}
    for code, (holder, title, resolutions) in HOLDERS.items():
        if code in mandates and not mandates[code].holder_name:
            ops.change_holder(mandates[code], holder, title, resolutions, None)
    officer, supervisor = find_user(OFFICER), find_user(SUPERVISOR)
    if officer is None or supervisor is None:
        return []
    holders = {code: _holder_account(mandates[code]) or supervisor for code in mandates}
    accounts = [(user.email, f"holder of {mandates[code].name} (co-signs)") for code, user in holders.items()
                if user is not supervisor]
    if db.session.scalar(select(SpCommunication.id).limit(1)):
        return accounts
    states = {s.iso3: s for s in db.session.scalars(select(State))}
    for number, spec in enumerate(LETTERS):
        with acting_as(officer.id):
            _letter(number, spec, mandates, states, officer, supervisor, holders)
    db.session.commit()  # the letters' copies are rendered now, in this process (see casework.demo)
    return accounts


def _holder_account(mandate: Mandate) -> User | None:
    """A sign-in for the holder of a co-signing mandate, who approves or declines from their queue.

    The desks' own demo supervisor holds the defenders and torture mandates; the other holders get
    accounts of their own ("sr-judges.holder@…", same demo password)."""
    if any(m.unit_id == mandate.unit_id for m in find_user(SUPERVISOR).memberships):
        return None
    email = f"{mandate.unit.code.lower()}.holder@ohchr.example.org"
    user = find_user(email) or save_user(None, mandate.holder_name or mandate.name, email, DEMO_PASSWORD,
                                         is_admin=False, is_auditor=False, active=True)
    if not any(m.unit_id == mandate.unit_id for m in user.memberships):
        set_membership(user, mandate.unit, Role.SUPERVISOR)
    return user


def _letter(number: int, spec, mandates, states, officer, supervisor, holders) -> None:
    kind, lead, cosigners, state_codes, companies, subject, victim, target = spec
    addressees = [ops.AddresseeInput(state_id=states[c].id) for c in state_codes]
    addressees += [ops.AddresseeInput(name=name, contact_name=dear, copy_state_ids=[states[c].id for c in copied])
                   for name, dear, copied in companies]
    summary = (f"According to the information received, the events concern {subject}."
               + (f" {victim[1]} {victim[0].upper()} was targeted on account of legitimate human rights work."
                  if victim else "") + "\n\nThe information received indicates a pattern that has continued "
               "despite previous communications.")
    content = ops.CommunicationContent(
        comm_type=CommunicationType(kind), title=subject, summary=summary, questions=QUESTIONS,
        themes="Human rights defenders", language="es" if state_codes[:1] in (("GTM",), ("HND",), ("VEN",)) else "en",
        legislation="The law as adopted and its implementing regulations." if kind == "OL" else "",
        source=f"Demo source {number + 1}: a partner organization (contact details with the desk)",
        addressees=addressees)
    comm = ops.create_communication(content, mandates[lead], officer)
    if victim:
        ops.add_victim(comm, ops.VictimInput(victim[0], victim[1], Sex.UNKNOWN, "Human rights defender", True,
                                             redact=number % 3 != 0), officer)
    ops.invite_mandates(comm, [mandates[c] for c in cosigners], officer)
    if target == "draft":
        return
    sent_on = date.today() - timedelta(days=AGE.get(target, 0) + number % 5)  # drafted and approved by then
    if cosigners:
        fire(comm, "start_cosignature", officer, on=sent_on)
    if target == "in_cosignature":
        if len(comm.pending) > 1:  # one mandate has already approved
            ops.decide_cosignature(comm.pending[0], True, holders[comm.pending[0].mandate.unit.code])
        return
    for index, row in enumerate(list(comm.pending)):
        declined = len(cosigners) > 4 and index == len(cosigners) - 1
        ops.decide_cosignature(row, not declined, holders[row.mandate.unit.code],
                               "Not within current priorities." if declined else "")
    fire(comm, "approve", supervisor, on=sent_on)
    if target == "approved":
        return
    ops.send_communication(comm, sent_on, officer)
    if target != "sent_overdue" and (target.endswith("replied") or target in ("in_report", "closed") or number % 2):
        reply_on = min(sent_on + timedelta(days=35 + number % 10), date.today())
        ops.record_reply(comm, reply_on, "en", None, officer, comm.recipients[0])
    if target.startswith("sent"):
        return
    ops.publish(comm, comm.publication_due_on, officer)
    if target in ("in_report", "closed"):
        ops.include_in_report(comm, "HRC 61", officer)
    if target == "closed":
        fire(comm, "close", supervisor)
