"""UN Member and observer States, with their Permanent Missions in Geneva, named in the six UN languages."""
from __future__ import annotations

import csv
import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from flask_babel import get_locale
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from casework.core.db import StrEnumType
from casework.extensions import db


UN_LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")


class UNStatus(enum.StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


class State(db.Model):
    """A State, always addressed through its Permanent Mission in Geneva."""

    __tablename__ = "states"

    id: Mapped[int] = mapped_column(primary_key=True)
    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    iso3: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    un_status: Mapped[UNStatus] = mapped_column(StrEnumType(UNStatus))
    mission_name: Mapped[str] = mapped_column(String(300))

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        """The State's short name in the page's language, as UNTERM gives it ("Mexique",
        "Iran (République islamique d')"); the reference data's English name elsewhere."""
        return state_name(self, page_language())


def page_language() -> str:
    """The language of the page being drawn ("fr"), English outside a page (jobs, the CLI)."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def collation_key(text: str, language: str) -> tuple[str, str]:
    """How a dictionary of `language` orders `text`: letters first, accents, case and punctuation
    after ("Émirats" among the E, "Côte d'Ivoire" before "Croatie"); in Spanish, ñ after n."""
    folded = text.casefold()
    if language == "es":
        folded = folded.replace("ñ", "n\U0010ffff")
    letters = "".join(c for c in unicodedata.normalize("NFKD", folded)
                      if not unicodedata.combining(c) and (c.isalnum() or c.isspace() or c == "\U0010ffff"))
    return letters, text


def by_name(states: Iterable[State]) -> list[State]:
    """States in the alphabetical order of their names in the page's language."""
    language = page_language()
    return sorted(states, key=lambda state: collation_key(state.shown_name, language))


def named_in_order() -> tuple[tuple[int, str], ...]:
    """Every State's id and name in the page's language, in that language's alphabetical order: what
    each list's State filter offers. Read as plain rows, and sorted once per language for as long
    as no State changes."""
    rows = tuple(db.session.execute(select(State.id, State.iso2, State.name).order_by(State.id)))
    return _sorted_names(page_language(), rows)


@functools.lru_cache(maxsize=32)
def _sorted_names(language: str, rows: tuple) -> tuple[tuple[int, str], ...]:
    """A tuple, as every caller shares the one kept."""
    named = [(row.id, state_name(row, language)) for row in rows]
    return tuple(sorted(named, key=lambda pair: collation_key(pair[1], language)))


def reference_states() -> list[dict[str, str]]:
    """The States as shipped with Casework (reference_data/states.csv)."""
    source = resources.files("casework.core").joinpath("reference_data/states.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_states() -> int:
    """Insert or update every State from the reference file; returns how many changed."""
    existing = {s.iso3: s for s in db.session.scalars(select(State))}
    changed = 0
    for row in reference_states():
        state = existing.get(row["iso3"]) or State(iso3=row["iso3"])
        values = {k: row[k] for k in ("iso2", "name", "un_status", "mission_name")}
        if state.id is None or any(getattr(state, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(state, key, value)
            db.session.add(state)
            changed += 1
    db.session.flush()
    return changed


# The State's name in the six UN languages (reference_data/state_names.csv, from UNTERM).
_ARTICLE_ONLY = re.compile(r"\s*\((the|le|la|l'|les|el|los|las)\)$")
_VOWEL = "AEIOUYÂÉÈÊÎÏÔÖÜ"
_MUTE_H = ("Haïti",)  # « d'Haïti », as UN French writes it
_OF = {  # "de" + the article, as French and Spanish contract it
    "fr": {"le": "du {name}", "les": "des {name}", "la": "de la {name}", "l'": "de l'{name}"},
    "es": {"el": "del {name}", "los": "de los {name}", "la": "de la {name}", "las": "de las {name}"},
}
_MISSIONS = {  # (Permanent Mission, Permanent Observer Mission); {of} is `of_state`
    "fr": ("Mission permanente {of} auprès de l'Office des Nations Unies et des autres organisations "
           "internationales à Genève",
           "Mission permanente d'observation {of} auprès de l'Office des Nations Unies et des autres "
           "organisations internationales à Genève"),
    "es": ("Misión Permanente {of} ante la Oficina de las Naciones Unidas y otras organizaciones "
           "internacionales en Ginebra",
           "Misión Permanente de Observación {of} ante la Oficina de las Naciones Unidas y otras "
           "organizaciones internacionales en Ginebra"),
    "ar": ("البعثة الدائمة {of} لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف",
           "بعثة المراقب الدائم {of} لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف"),
    "zh": ("{of}常驻联合国日内瓦办事处和其他国际组织代表团", "{of}常驻联合国日内瓦办事处和其他国际组织观察员代表团"),
    "ru": ("Постоянное представительство {of} при Отделении Организации Объединенных Наций и других "
           "международных организациях в Женеве",
           "Постоянная миссия наблюдателя {of} при Отделении Организации Объединенных Наций и других "
           "международных организациях в Женеве"),
}
# Russian declines the Mission a note verbale presents its compliments to (dative).
_MISSIONS_ADDRESSED = {"ru": (
    "Постоянному представительству {of} при Отделении Организации Объединенных Наций и других "
    "международных организациях в Женеве",
    "Постоянной миссии наблюдателя {of} при Отделении Организации Объединенных Наций и других "
    "международных организациях в Женеве")}


@dataclass(frozen=True)
class StateNames:
    """One State's UNTERM names: `short[lang]` as UNTERM lists it ("Mexique (le)"), `formal[lang]`
    with its article ("les États-Unis du Mexique"), the French and Spanish article of the short
    name in running text, and the Russian genitive ("Мексики") a Mission's name needs."""

    iso2: str
    short: dict[str, str]
    formal: dict[str, str]
    article: dict[str, str]
    ru_genitive: str

    def running(self, language: str) -> str:
        """The short name as a sentence uses it, without article: "Mexique", "République islamique
        d'Iran" (a qualifier in brackets runs as the formal name does)."""
        short = _ARTICLE_ONLY.sub("", self.short[language])
        if "(" not in short:
            return short
        formal = self.formal[language]
        article = "the" if language == "en" else self.article.get(language, "")
        return formal[len(article):].lstrip() if article and formal.startswith(article) else formal


@functools.cache
def _names() -> dict[str, StateNames]:
    source = resources.files("casework.core").joinpath("reference_data/state_names.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["iso2"]: StateNames(
        iso2=row["iso2"],
        short={lang: row[f"{lang}_short"] for lang in UN_LANGUAGES},
        formal={lang: row[f"{lang}_formal"] for lang in UN_LANGUAGES},
        article={"fr": row["fr_article"], "es": row["es_article"]},
        ru_genitive=row["ru_genitive"],
    ) for row in rows}


def state_names(state: State) -> StateNames | None:
    """The State's names in the six languages; None for a State the reference data does not know."""
    return _names().get(state.iso2)


def state_name(state: State, language: str, form: str = "short") -> str:
    """The State's short ("Mexique", "Iran (République islamique d')") or formal name in a language.

    English short names stay the reference data's (`State.name`), as English pages show them.
    """
    names = state_names(state)
    if names is None or language not in UN_LANGUAGES or (language == "en" and form == "short"):
        return state.name
    if form == "formal":
        return names.formal[language]
    return _ARTICLE_ONLY.sub("", names.short[language])


def of_state(state: State, language: str) -> str:
    """The State as the complement of "Mission": "of Mexico", "du Mexique", "de l'Argentine",
    "d'Israël", "de la Argentina", "del Paraguay"; in Arabic with "ل" ("للمكسيك"), in Russian the
    genitive ("Мексики"), in Chinese the name alone."""
    names = state_names(state)
    if names is None or language not in UN_LANGUAGES:
        return f"of {state.name}"
    name = names.running(language)
    if language in _OF:
        article = names.article[language]
        if article:
            return _OF[language][article].format(name=name)
        elides = name[:1].upper() in _VOWEL or name.startswith(_MUTE_H)
        return f"d'{name}" if language == "fr" and elides else f"de {name}"
    if language == "ar":
        return "ل" + name[1:] if name.startswith("ال") else "ل" + name
    if language == "ru":
        return names.ru_genitive
    if language == "zh":
        return name
    article = "the " if names.short["en"].endswith("(the)") or "(" in names.short["en"] else ""
    return f"of {article}{name}"


def mission_name_in(state: State, language: str, addressed: bool = False) -> str:
    """The State's Permanent (Observer) Mission in Geneva, named in a language.

    English keeps the reference data's `State.mission_name`; the others are the UN's formulas
    around `of_state`: « Mission permanente du Mexique auprès de l'Office des Nations Unies et des
    autres organisations internationales à Genève ». `addressed`: as the object of a note
    verbale's opening and closing, which Russian puts in the dative.
    """
    forms = (_MISSIONS_ADDRESSED.get(language) if addressed else None) or _MISSIONS.get(language)
    if forms is None or state_names(state) is None:
        return state.mission_name
    form = forms[1] if state.un_status == UNStatus.OBSERVER else forms[0]
    return form.format(of=of_state(state, language))
