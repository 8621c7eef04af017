"""Letters in the six UN languages: the Mission named as UNTERM and the language's grammar name it
(« Mission permanente du Mexique », "Misión Permanente de la Argentina"), dates written by Babel,
notes verbales and letters printed in Arabic, Chinese and Russian, and the lists naming the
Mission as the letter prints it."""
from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from casework.core.states import State, UNStatus, reference_states
from casework.extensions import db
from casework.letters import operations as ops
from casework.letters.compose import compose
from casework.letters.phrases import LANGUAGES, written_date
from casework.letters.rendering import render_letter_pdf
from tests.letters.conftest import content
from tests.letters.test_views import client_for

FIVE = ("MX", "NL", "AR", "US", "IR")


@pytest.fixture
def five_states(app) -> dict[str, State]:
    """Mexico, the Netherlands, Argentina, the United States and Iran, as the reference data has them."""
    rows = {r["iso2"]: r for r in reference_states()}
    made = {iso2: State(iso2=iso2, iso3=rows[iso2]["iso3"], name=rows[iso2]["name"], un_status=UNStatus.MEMBER,
                        mission_name=rows[iso2]["mission_name"]) for iso2 in FIVE}
    db.session.add_all(made.values())
    db.session.commit()
    return made


def note_verbale(users, make_case, state: State, language: str, body: str = "transmettre.") -> ops.Letter:
    letter = ops.draft_letter("note_verbale", language, users["officer"], parent=make_case(officer=users["officer"]))
    ops.update_letter(letter, content({"MEX": state}, language=language, body=body, signatories=[]),
                      users["officer"])
    db.session.commit()
    return letter


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


FRENCH = {"MX": "Mission permanente du Mexique", "NL": "Mission permanente des Pays-Bas",
          "AR": "Mission permanente de l'Argentine", "US": "Mission permanente des États-Unis d'Amérique",
          "IR": "Mission permanente de la République islamique d'Iran"}
SPANISH = {"MX": "Misión Permanente de México", "NL": "Misión Permanente de los Países Bajos",
           "AR": "Misión Permanente de la Argentina", "US": "Misión Permanente de los Estados Unidos de América",
           "IR": "Misión Permanente de la República Islámica del Irán"}


@pytest.mark.parametrize("iso2", FIVE)
def test_a_french_note_verbale_names_the_mission_with_its_article(app, users, make_case, five_states, iso2):
    doc = compose(note_verbale(users, make_case, five_states[iso2], "fr"), draft=True, today=date(2027, 3, 1))
    mission = (f"{FRENCH[iso2]} auprès de l'Office des Nations Unies et des autres organisations internationales "
               "à Genève")

    assert doc.paragraphs[0] == (f"Le Haut-Commissariat des Nations Unies aux droits de l'homme présente ses "
                                 f"compliments à la {mission} et a l'honneur de transmettre.")
    assert f"renouveler à la {mission} les assurances" in doc.paragraphs[-1]
    assert doc.addressees[0].name == mission
    assert doc.date_text == "1er mars 2027"


@pytest.mark.parametrize("iso2", FIVE)
def test_a_spanish_note_verbale_names_the_mission_with_its_article(app, users, make_case, five_states, iso2):
    doc = compose(note_verbale(users, make_case, five_states[iso2], "es", "transmitir."), draft=True,
                  today=date(2027, 3, 1))
    mission = (f"{SPANISH[iso2]} ante la Oficina de las Naciones Unidas y otras organizaciones internacionales "
               "en Ginebra")

    assert doc.paragraphs[0].startswith(f"La Oficina del Alto Comisionado de las Naciones Unidas para los Derechos "
                                        f"Humanos saluda atentamente a la {mission} y tiene el honor de")
    assert doc.addressees[0].name == mission
    assert doc.date_text == "1 de marzo de 2027"


@pytest.mark.parametrize("language, written", [
    ("en", "1 March 2027"), ("fr", "1er mars 2027"), ("es", "1 de marzo de 2027"), ("zh", "2027年3月1日"),
    ("ru", "1 марта 2027\u202fг."), ("ar", "1 مارس 2027"),
])
def test_dates_are_written_by_babel_in_the_letters_language(language, written):
    assert written_date(date(2027, 3, 1), language) == written
    assert written_date(date(2027, 3, 21), "fr") == "21 mars 2027"


def test_letters_may_be_drafted_in_the_six_un_languages():
    assert list(LANGUAGES) == ["en", "fr", "es", "ar", "zh", "ru"]


@pytest.mark.parametrize("language, opening, mission", [
    ("ru", "Управление Верховного комиссара Организации Объединенных Наций по правам человека свидетельствует "
           "свое уважение Постоянному представительству Мексики", "Постоянное представительство Мексики при "
                                                                 "Отделении Организации Объединенных Наций"),
    ("zh", "联合国人权事务高级专员办事处向墨西哥常驻联合国日内瓦办事处和其他国际组织代表团致意", "墨西哥常驻联合国日内瓦办事处"),
])
def test_a_note_verbale_in_russian_and_chinese_prints_the_mission_in_its_script(
        app, users, make_case, five_states, language, opening, mission):
    letter = note_verbale(users, make_case, five_states["MX"], language, "…")
    text = pdf_text(render_letter_pdf(compose(letter, draft=False, today=date(2027, 3, 1))))
    if language == "zh":  # a Chinese line breaks anywhere: the PDF's text has a space there
        text = text.replace(" ", "")

    assert opening in text
    assert mission in text
    assert ("Женева" if language == "ru" else "日内瓦") in text


def test_a_letter_in_arabic_is_right_to_left_with_the_mission_in_arabic(app, users, make_case, five_states):
    letter = ops.draft_letter("letter", "ar", users["officer"], parent=make_case(officer=users["officer"]))
    ops.update_letter(letter, content({"MEX": five_states["MX"]}, language="ar", body="أتشرف بأن أكتب إليكم."),
                      users["officer"])
    db.session.commit()
    doc = compose(letter, draft=False, today=date(2027, 3, 1))
    text = pdf_text(render_letter_pdf(doc))

    assert doc.direction == "rtl" and doc.salutation == "صاحب السعادة،" and doc.place == "جنيف"
    assert doc.addressees[0].name.startswith("البعثة الدائمة للمكسيك لدى مكتب الأمم المتحدة")
    assert sum("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text) > 100
    assert "AL MEX 3/2026" in text


def test_the_register_and_the_letter_show_the_mission_as_the_letter_prints_it(
        app, users, make_case, five_states):
    letter = note_verbale(users, make_case, five_states["AR"], "es", "transmitir.")
    client = client_for(app, users["officer"])
    mission = "Misión Permanente de la Argentina ante la Oficina de las Naciones Unidas"

    assert mission in client.get("/letters/").get_data(as_text=True)
    assert mission in client.get(f"/cases/{letter.id}").get_data(as_text=True)


# ---- Every letter type in Arabic, Chinese and Russian --------------------------------------------

CASE_FIELDS = {  # what the modules' cases give their letters (`letter_context()`), one case for all
    "ref": "UA 1/2027", "persons": "A.B.", "state": "Mexico", "registered": "2027-01-04", "reply_due": "2027-03-01",
    "recommendations": "search\tadopt without delay a comprehensive strategy to search for and locate the person;",
    "reminder": "1", "age": "30", "nationality": "Mexican", "last_seen_on": "2027-01-01", "last_seen_place": "Iguala",
    "circumstances": "", "complaints": "", "place": "Iguala", "arrested_on": "2027-01-01", "legal_basis": "",
    "summary": "", "opinion": "Opinion No. 3/2027", "opinion_number": "3/2027", "session": "108",
    "adopted_on": "2027-02-01", "outcome": "arbitrary", "categories": "I, III", "disappeared_on": "2027-01-01",
    "procedure": "urgent", "reply_received_on": "2027-02-02", "clarification": "", "objection_due": "",
    "number": "4000/2027", "committee": "Human Rights Committee", "committee_code": "CCPR",
    "committee_fr": "Comité des droits de l'homme", "committee_es": "Comité de Derechos Humanos",
    "articles": "arts. 7, 9", "state_observations_due": "2027-07-01", "admissibility_request_due": "2027-05-01",
    "author_comments_due": "2027-09-01", "decision_date": "2027-10-01", "decision_symbol": "CCPR/C/150/D/4000/2027",
    "decision_term": "Views", "follow_up_reply_due": "2028-04-01", "interim_measures": "", "received_on": "2027-01-02",
    "victims": "", "body": "", "acts": "", "author_term": "author", "subject_matter": "",
}
SCRIPTS = {"ar": ("\u0600", "\u06ff"), "zh": ("\u4e00", "\u9fff"), "ru": ("\u0400", "\u04ff")}
# Written elsewhere: a special-procedures letter on its communication's pages (its paragraphs are
# checked below), a visit's report in English or Spanish for the drafter to translate.
NOT_DRAFTED_HERE = {"sp_communication", "visit_summary"}


def in_script(text: str, language: str) -> int:
    low, high = SCRIPTS[language]
    return sum(low <= ch <= high for ch in text)


@pytest.mark.parametrize("language", ["ar", "zh", "ru"])
def test_every_letter_type_has_its_text_in_arabic_chinese_and_russian(app, language):
    from casework.letters.types import LetterContext, all_letter_types

    context = LetterContext(reference="R 1/2027", title="T", extra=dict(CASE_FIELDS),
                            state_names={"ar": "المكسيك", "zh": "墨西哥", "ru": "Мексика"})
    types = [t for t in all_letter_types() if t.key not in NOT_DRAFTED_HERE]
    assert len(types) >= 20
    for kind in types:
        body = kind.body(context, language)
        assert in_script(body, language), (kind.key, body)
        assert body != kind.body(context, "en"), kind.key


def test_special_procedures_paragraphs_exist_in_the_six_languages():
    from casework.special_procedures.letter_texts import TEXTS

    assert set(TEXTS) == set(LANGUAGES)
