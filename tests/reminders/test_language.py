"""Alerts and digests speak their reader's language (`users.locale`), whoever runs the job."""
from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from casework.auth.models import Role
from casework.extensions import db
from casework.reminders.deadline_check import check_deadlines
from casework.reminders.digest import send_digests
from tests.reminders.conftest import TODAY, notifications_of

LABEL = "State observations on admissibility and merits"


def _messages(server) -> dict[tuple[str, str], object]:
    """The e-mails received, by (recipient, "alert" or "digest"), in the order they were sent."""
    found = {}
    for envelope in server.received:
        message = message_from_bytes(envelope["data"].encode(), policy=policy.default)
        what = "digest" if "Casework: your" in message["Subject"] or "vos délais" in message["Subject"] \
            or "sus plazos" in message["Subject"] else "alert"
        found[envelope["rcpt"][0], what] = message
    return found


@pytest.fixture
def three_readers(users, make_user, make_case, add_deadline):
    """The same two deadlines on the cases of an English, a French and a Spanish reader."""
    readers = {"en": users["officer"], "fr": make_user("amelie", ("CCPR", Role.CASE_OFFICER)),
               "es": make_user("lucia", ("CCPR", Role.CASE_OFFICER))}
    readers["fr"].locale, readers["es"].locale = "fr", "es"
    db.session.commit()
    for number, reader in enumerate(readers.values(), start=1):
        case = make_case(officer=reader, reference=f"S {number}/2027")
        add_deadline(case, TODAY - timedelta(days=1), label=LABEL)
        add_deadline(case, TODAY + timedelta(days=5), label=LABEL)
    return readers


def test_a_french_users_digest_is_in_french_and_a_spanish_users_in_spanish(three_readers, smtp_server, smtp_config):
    smtp_config(smtp_server.server_address[1])
    send_digests(TODAY)
    db.session.commit()
    mail = _messages(smtp_server)

    french = mail["amelie@example.org", "digest"]
    assert french["Subject"] == "Casework\u00a0: vos délais au 10 mars 2027"
    body = french.get_content().replace("\r\n", "\n")
    assert body.startswith("Vos délais au 10 mars 2027\u00a0:")
    assert ("En retard (1)\n- 9 mars 2027  S 2/2027\u00a0: Observations de l'État sur la recevabilité et le fond"
            in body)
    assert "À échéance dans les 7 jours (1)\n- 15 mars 2027  S 2/2027\u00a0:" in body

    spanish = mail["lucia@example.org", "digest"]
    assert spanish["Subject"] == "Casework: sus plazos al 10 mar 2027"
    body = spanish.get_content().replace("\r\n", "\n")
    assert "Vencidos (1)\n- 9 mar 2027  S 3/2027: Observaciones del Estado sobre la admisibilidad y el fondo" in body
    assert "Vencen en los próximos 7 días (1)\n- 15 mar 2027  S 3/2027:" in body

    english = mail["officer@example.org", "digest"]
    assert english["Subject"] == "Casework: your deadlines for Mar 10, 2027"
    assert "Overdue (1)\n- Mar 9, 2027  S 1/2027: " + LABEL in english.get_content().replace("\r\n", "\n")


def test_alerts_and_the_bell_are_in_each_readers_language(three_readers, smtp_server, smtp_config):
    smtp_config(smtp_server.server_address[1])
    check_deadlines(TODAY)
    db.session.commit()
    mail = _messages(smtp_server)

    assert mail["amelie@example.org", "alert"]["Subject"] == "Casework\u00a0: 2 délais requièrent votre attention"
    assert mail["lucia@example.org", "alert"]["Subject"] == "Casework: 2 plazos requieren su atención"
    assert mail["officer@example.org", "alert"]["Subject"] == "Casework: 2 deadlines need your attention"
    french = [n.text for n in notifications_of(three_readers["fr"])]
    spanish = [n.text for n in notifications_of(three_readers["es"])]
    assert french[0] == ("S 2/2027\u00a0: le délai «\u00a0Observations de l'État sur la recevabilité et le fond\u00a0» "
                         "arrivait à échéance le 9 mars 2027 et est dépassé.")
    assert spanish[0] == ("S 3/2027: “Observaciones del Estado sobre la admisibilidad y el fondo” vencía el "
                          "9 mar 2027 y está vencido.")
    assert "Mar 9, 2027" in notifications_of(three_readers["en"])[0].text


def test_a_language_casework_does_not_speak_falls_back_to_the_default(three_readers, smtp_server, smtp_config):
    smtp_config(smtp_server.server_address[1])
    three_readers["fr"].locale = "de"
    db.session.commit()
    send_digests(TODAY)
    db.session.commit()
    assert _messages(smtp_server)["amelie@example.org", "digest"]["Subject"] == \
        "Casework: your deadlines for Mar 10, 2027"
