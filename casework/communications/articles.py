"""Articles invoked, as a letter writes them: "articles 7 and 14 (1) of the Covenant".

The pages and forms keep the secretariat's codes (CCPR-7, CCPR-14-1, CAT-3); a letter to a State or
an author never shows a code. A code is the treaty's committee, the article, then the paragraph and
subparagraph if any: CCPR-2-3-a is article 2, paragraph 3 (a) of the Covenant. A code that does not
read that way (an Optional Protocol article, a typing slip) is written as typed rather than guessed.
"""
from __future__ import annotations

from itertools import groupby

from babel.lists import format_list

# The committees whose treaty is a covenant; every other committee's is a convention.
_COVENANTS = frozenset({"CCPR", "CESCR"})

_TREATY = {
    "covenant": {"en": "of the Covenant", "fr": "du Pacte", "es": "del Pacto", "ar": "من العهد",
                 "zh": "《公约》", "ru": "Пакта"},
    "convention": {"en": "of the Convention", "fr": "de la Convention", "es": "de la Convención",
                   "ar": "من الاتفاقية", "zh": "《公约》", "ru": "Конвенции"},
}
# "article" and "articles" in each language.
# Arabic letters its subparagraphs in abjad order: (أ), (ب), (ج)…
_ARABIC_SUBPARAGRAPHS = dict(zip("abcdefghi", ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط")))
_NOUN = {"en": ("article", "articles"), "fr": ("article", "articles"), "es": ("artículo", "artículos"),
         "ar": ("المادة", "المواد"), "zh": ("", ""), "ru": ("статья", "статьи")}


def articles_in_words(codes: list[str], language: str) -> str:
    """The articles invoked as the letter's language writes them, treaty by treaty."""
    codes = [code.strip() for code in codes if code.strip()]
    groups = [(committee, list(group)) for committee, group in
              groupby(codes, key=lambda code: code.split("-", 1)[0].upper())]
    return format_list([_of_treaty(committee, group, language) for committee, group in groups],
                       locale=_locale(language)) if groups else ""


def _of_treaty(committee: str, codes: list[str], language: str) -> str:
    parsed = [_parts(code) for code in codes]
    if any(parts is None for parts in parsed):
        return ", ".join(codes)
    wording = _TREATY["covenant" if committee in _COVENANTS else "convention"]
    treaty = wording.get(language, wording["en"])
    articles = format_list([_article(parts, language) for parts in parsed], locale=_locale(language))
    if language == "zh":
        return f"{treaty}{articles}"
    singular, plural = _NOUN.get(language, _NOUN["en"])
    noun = singular if len(parsed) == 1 else plural
    comma = "," if language == "es" and len(parsed[-1]) > 1 else ""
    return f"{noun} {articles}{comma} {treaty}"


def _parts(code: str) -> list[str] | None:
    """["14", "1"] for CCPR-14-1; None when the article is not a number."""
    parts = code.split("-")[1:]
    if not parts or not parts[0].isdigit() or len(parts) > 3 or not all(part.isalnum() for part in parts):
        return None
    return parts


def _article(parts: list[str], language: str) -> str:
    article, rest = parts[0], parts[1:]
    paragraph = rest[0] if rest else ""
    sub = rest[1].lower() if len(rest) > 1 else ""
    if language == "ar":
        sub = _ARABIC_SUBPARAGRAPHS.get(sub, sub)
    if language == "zh":
        return f"第{article}条" + (f"第{paragraph}款" if paragraph else "") + (f"({sub})" if sub else "")
    if not paragraph:
        return article
    if language == "fr":
        return f"{article} (par. {paragraph}{f' {sub})' if sub else ''})"
    if language == "es":
        return f"{article}, párrafo {paragraph}{f' {sub})' if sub else ''}"
    return f"{article} ({paragraph})" + (f" ({sub})" if sub else "")


def _locale(language: str) -> str:
    return {"en": "en_GB"}.get(language, language)
