"""Rebuild state_names.csv from the UN Protocol and Liaison Service's UNTERM export.

Not imported by Casework: run it by hand when the UN's names change, then review the diff.

    git -C <country-codes clone> show HEAD:data/country-codes.csv > country-codes.csv
    python scripts/build_state_names.py country-codes.csv

The input is `data/country-codes.csv` of the public-domain dataset `datasets/country-codes`,
which carries the UNTERM columns of `unterm-efsrca.xlsx` verbatim. The Russian genitive is
generated with pymorphy3 (`pip install pymorphy3 pymorphy3-dicts-ru`, needed here only) and
corrected by RU_GENITIVE below where the analyser gets a name wrong.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "casework" / "core" / "reference_data"
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese", "ru": "Russian"}
ARTICLES = {"fr": ("le", "la", "l'", "les"), "es": ("el", "la", "los", "las")}

# The dataset lost these two rows (its join on the English name fails on "ü" and "ô"); the names
# are UNTERM's as the UN Protocol and Liaison Service lists them.
MISSING = {
    "CI": {"en": ("Côte d'Ivoire", "the Republic of Côte d'Ivoire"),
           "fr": ("Côte d'Ivoire (la)", "la République de Côte d'Ivoire"),
           "es": ("Côte d'Ivoire", "la República de Côte d'Ivoire"),
           "ar": ("كوت ديفوار", "جمهورية كوت ديفوار"),
           "zh": ("科特迪瓦", "科特迪瓦共和国"),
           "ru": ("Кот-д'Ивуар", "Республика Кот-д'Ивуар")},
    "TR": {"en": ("Türkiye", "the Republic of Türkiye"),
           "fr": ("Türkiye (la)", "la République de Türkiye"),
           "es": ("Türkiye", "la República de Türkiye"),
           "ar": ("تركيا", "جمهورية تركيا"),
           "zh": ("土耳其", "土耳其共和国"),
           "ru": ("Турция", "Турецкая Республика")},
}
# Where the analyser declines a name wrongly (or not at all).
RU_GENITIVE = {
    "CI": "Кот-д'Ивуара", "TR": "Турции", "GW": "Гвинеи-Бисау", "SM": "Сан-Марино", "TL": "Тимора-Лешти",
    "PG": "Папуа — Новой Гвинеи", "VC": "Сент-Винсента и Гренадин",
    "LA": "Лаосской Народно-Демократической Республики",
    "KP": "Корейской Народно-Демократической Республики",
}
COLUMNS = ["iso2", *(f"{lang}_{form}" for lang in LANGUAGES for form in ("short", "formal")),
           "fr_article", "es_article", "ru_genitive"]


def clean(name: str) -> str:
    """UNTERM marks observer States with "*"; French uses the typewriter apostrophe here."""
    return " ".join(name.replace("*", "").replace("’", "'").split())


def article(short: str, formal: str, language: str) -> str:
    """The article a short name takes in running text: UNTERM's "(le)", or the formal name's when
    the parenthesis is a qualifier ("Iran (République islamique d')" runs as "la République …")."""
    found = re.search(r"\(([^)]*)\)$", short)
    if not found:
        return ""
    if found.group(1) in ARTICLES[language]:
        return found.group(1)
    first = formal.split(" ")[0]
    return "l'" if first.startswith("l'") else first if first in ARTICLES[language] else ""


def running_ru(short: str, formal: str) -> str:
    return formal if "(" in short else short


def genitive(phrase: str) -> str:
    """Decline the head of a Russian name (adjectives, then its noun; both nouns of "X и Y")."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()

    def decline(word: str) -> tuple[str | None, str]:
        parses = [p for p in morph.parse(word) if "nomn" in p.tag and {"NOUN", "ADJF", "PRTF"} & p.tag.grammemes]
        if not parses:
            return None, "NOUN"
        number = "plur" if "plur" in parses[0].tag else "sing"
        inflected = parses[0].inflect({"gent", number})
        if inflected is None:
            return None, "NOUN"
        return word[0] + inflected.word[1:].replace("ё", "е"), parses[0].tag.POS

    words, out, index = phrase.split(" "), [], 0
    while index < len(words):
        word = words[index]
        declined, pos = decline(word.split("-")[-1])
        out.append("-".join([*word.split("-")[:-1], declined]) if declined else word)
        index += 1
        if pos == "NOUN" or "-" in word:
            if index < len(words) and words[index] == "и":
                out.append("и")
                index += 1
                continue
            return " ".join(out + words[index:])
    return " ".join(out)


def build(source: Path, states: Path) -> list[dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        unterm = {row["ISO3166-1-Alpha-2"]: row for row in csv.DictReader(handle)}
    with states.open(encoding="utf-8", newline="") as handle:
        wanted = [row["iso2"] for row in csv.DictReader(handle)]
    rows = []
    for iso2 in wanted:
        row = {"iso2": iso2}
        for lang, column in LANGUAGES.items():
            short, formal = MISSING[iso2][lang] if iso2 in MISSING else (
                unterm[iso2][f"UNTERM {column} Short"], unterm[iso2][f"UNTERM {column} Formal"])
            row[f"{lang}_short"], row[f"{lang}_formal"] = clean(short), clean(formal)
        for lang in ARTICLES:
            row[f"{lang}_article"] = article(row[f"{lang}_short"], row[f"{lang}_formal"], lang)
        row["ru_genitive"] = RU_GENITIVE.get(iso2) or genitive(running_ru(row["ru_short"], row["ru_formal"]))
        rows.append(row)
    return rows


def main(source: str) -> None:
    rows = build(Path(source), HERE / "states.csv")
    with (HERE / "state_names.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
