"""The States named in the six UN languages from UNTERM (reference_data/state_names.csv): every
State has its names, and French and Spanish contract "de" with the State's article, as the
Missions' names in letters need."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from casework.core.states import (
    UN_LANGUAGES, State, UNStatus, collation_key, mission_name_in, of_state, reference_states, state_name, state_names,
)

GENEVA_FR = "auprès de l'Office des Nations Unies et des autres organisations internationales à Genève"
GENEVA_ES = "ante la Oficina de las Naciones Unidas y otras organizaciones internacionales en Ginebra"


def reference_state(iso2: str) -> State:
    row = next(r for r in reference_states() if r["iso2"] == iso2)
    return State(iso2=iso2, iso3=row["iso3"], name=row["name"], un_status=UNStatus(row["un_status"]),
                 mission_name=row["mission_name"])


def test_every_state_has_its_short_and_formal_name_in_the_six_languages(app):
    rows = reference_states()
    assert len(rows) == 195
    for row in rows:
        names = state_names(State(iso2=row["iso2"]))
        assert names is not None, row["iso2"]
        for language in UN_LANGUAGES:
            for name in (names.short[language], names.formal[language]):
                assert name.strip() and "*" not in name, (row["iso2"], language)
        assert names.article["fr"] in ("", "le", "la", "l'", "les"), row["iso2"]
        assert names.article["es"] in ("", "el", "la", "los", "las"), row["iso2"]
        assert names.ru_genitive, row["iso2"]


@pytest.mark.parametrize("iso2, french, spanish", [
    ("MX", "Mission permanente du Mexique", "Misión Permanente de México"),
    ("NL", "Mission permanente des Pays-Bas", "Misión Permanente de los Países Bajos"),
    ("AR", "Mission permanente de l'Argentine", "Misión Permanente de la Argentina"),
    ("US", "Mission permanente des États-Unis d'Amérique", "Misión Permanente de los Estados Unidos de América"),
    ("IR", "Mission permanente de la République islamique d'Iran",
     "Misión Permanente de la República Islámica del Irán"),
])
def test_the_missions_of_the_five_states_in_french_and_spanish(app, iso2, french, spanish):
    state = reference_state(iso2)

    assert mission_name_in(state, "fr") == f"{french} {GENEVA_FR}"
    assert mission_name_in(state, "es") == f"{spanish} {GENEVA_ES}"


@pytest.mark.parametrize("iso2, french, spanish", [
    ("CU", "de Cuba", "de Cuba"),
    ("IL", "d'Israël", "de Israel"),
    ("HT", "d'Haïti", "de Haití"),
    ("PY", "du Paraguay", "del Paraguay"),
    ("BS", "des Bahamas", "de las Bahamas"),
    ("BO", "de l'État plurinational de Bolivie", "del Estado Plurinacional de Bolivia"),
])
def test_de_contracts_with_the_article_or_elides(app, iso2, french, spanish):
    state = reference_state(iso2)

    assert of_state(state, "fr") == french
    assert of_state(state, "es") == spanish


def test_observer_states_have_permanent_observer_missions(app):
    holy_see, palestine = reference_state("VA"), reference_state("PS")

    assert holy_see.un_status is UNStatus.OBSERVER and palestine.un_status is UNStatus.OBSERVER
    assert mission_name_in(holy_see, "fr").startswith("Mission permanente d'observation du Saint-Siège auprès")
    assert mission_name_in(palestine, "es").startswith(
        "Misión Permanente de Observación del Estado de Palestina ante")
    assert mission_name_in(palestine, "zh") == "巴勒斯坦国常驻联合国日内瓦办事处和其他国际组织观察员代表团"


def test_the_mission_in_arabic_chinese_and_russian(app):
    mexico, united_states = reference_state("MX"), reference_state("US")

    assert mission_name_in(mexico, "ar") == "البعثة الدائمة للمكسيك لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف"
    assert mission_name_in(mexico, "zh") == "墨西哥常驻联合国日内瓦办事处和其他国际组织代表团"
    assert mission_name_in(united_states, "ru") == (
        "Постоянное представительство Соединенных Штатов Америки при Отделении Организации Объединенных Наций "
        "и других международных организациях в Женеве")
    # A note verbale presents its compliments to the Mission: Russian puts it in the dative.
    assert mission_name_in(mexico, "ru", addressed=True).startswith("Постоянному представительству Мексики при")


def test_english_pages_keep_the_reference_names(app):
    netherlands = reference_state("NL")

    assert state_name(netherlands, "en") == "Netherlands (Kingdom of the)"
    assert mission_name_in(netherlands, "en") == netherlands.mission_name
    assert state_name(netherlands, "fr") == "Pays-Bas"
    assert state_name(netherlands, "es", "formal") == "el Reino de los Países Bajos"
    assert state_name(reference_state("IR"), "fr") == "Iran (République islamique d')"


def test_a_state_the_reference_data_does_not_know_keeps_its_english_names(app):
    unknown = State(iso2="XX", iso3="XXX", name="Xyz", un_status=UNStatus.MEMBER, mission_name="Permanent Mission of Xyz")

    assert state_name(unknown, "fr") == "Xyz"
    assert mission_name_in(unknown, "fr") == "Permanent Mission of Xyz"


# The lists, the case header and the filters name the States in the page's language, in the
# alphabetical order of that language (#19).
FIVE = (("EC", "ECU", "Ecuador"), ("EG", "EGY", "Egypt"), ("ES", "ESP", "Spain"),
        ("AE", "ARE", "United Arab Emirates"), ("US", "USA", "United States of America"))
IN_ORDER = {
    "en": ["Ecuador", "Egypt", "Spain", "United Arab Emirates", "United States of America"],
    "fr": ["Égypte", "Émirats arabes unis", "Équateur", "Espagne", "États-Unis d'Amérique"],
    "es": ["Ecuador", "Egipto", "Emiratos Árabes Unidos", "España", "Estados Unidos de América"],
}


@pytest.fixture
def five_states(app):
    from casework.extensions import db

    rows = {iso2: State(iso2=iso2, iso3=iso3, name=name, un_status=UNStatus.MEMBER, mission_name=f"Mission of {name}")
            for iso2, iso3, name in FIVE}
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


def _state_options(response) -> list[str]:
    select = re.search(r'<select id="state" name="state">(.*?)</select>', response.get_data(as_text=True), re.S)
    return [html.unescape(label) for label in re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))][1:]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_list_names_the_states_in_the_pages_language_and_sorts_its_filter_so(
        client, users, units, five_states, language):
    from casework.communications import operations as comm_ops
    from casework.extensions import db
    from tests.conftest import sign_in

    comm_ops.receive_communication(units["CCPR"], comm_ops.Intake(
        state_id=five_states["ES"].id, received_on=date(2026, 3, 2), authors=[comm_ops.NameInput("Ruiz", "Ana")],
        subject_matter="Eviction"), users["officer"])
    users["supervisor"].locale = language
    db.session.commit()
    sign_in(client, users["supervisor"])

    response = client.get("/communications/")
    assert _state_options(response) == IN_ORDER[language]
    spain = {"en": "Spain", "fr": "Espagne", "es": "España"}[language]
    assert f"<td>{spain}</td>" in response.get_data(as_text=True)


def test_collation_puts_accented_letters_with_their_letter_and_n_tilde_after_n():
    assert sorted(["Ouganda", "Égypte", "Zambie", "Eswatini", "États-Unis"], key=lambda n: collation_key(n, "fr")) \
        == ["Égypte", "Eswatini", "États-Unis", "Ouganda", "Zambie"]
    assert sorted(["Ñandú", "Nube", "Oso"], key=lambda n: collation_key(n, "es")) == ["Nube", "Ñandú", "Oso"]


def test_the_filter_names_a_state_by_its_new_name_once_it_is_renamed(client, users, five_states):
    from casework.extensions import db
    from tests.conftest import sign_in

    sign_in(client, users["supervisor"])
    assert "Egypt" in _state_options(client.get("/communications/"))
    five_states["EG"].name = "Arab Republic of Egypt"
    db.session.commit()
    assert _state_options(client.get("/communications/"))[:2] == ["Arab Republic of Egypt", "Ecuador"]
