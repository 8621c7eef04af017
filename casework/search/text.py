"""Folding text for the index and for queries, so that accents and case never matter."""
from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

MAX_QUERY_WORDS = 8
PREFIX_FROM = 3  # words this long also match longer words ("garc" finds "garcia")


WORD = re.compile(r"[^\W_]+")


def fold_text(text: str) -> str:
    """Words without accents, case-folded, in their order: "José GARCÍA, 12/2019" → "jose garcia 12 2019"."""
    text = text or ""
    if not text.isascii():  # most text is plain ASCII, and a rebuild folds millions of words
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(WORD.findall(text.casefold()))


def query_words(text: str) -> list[str]:
    """The folded words of what the user typed, at most MAX_QUERY_WORDS of them."""
    return fold_text(text).split()[:MAX_QUERY_WORDS]


def highlight(text: str, query: str) -> Markup:
    """`text` with the words that match what was typed in <mark>, matched as the search matches
    them: accents and case aside, a typed word of PREFIX_FROM letters or more as a word's start."""
    typed = query_words(query)
    if not typed or not text:
        return escape(text or "")

    def matches(word: str) -> bool:
        folded = fold_text(word)
        return any(folded == t or (len(t) >= PREFIX_FROM and folded.startswith(t)) for t in typed)

    pieces = re.split(r"([^\W_]+)", text)
    return Markup("").join(Markup("<mark>%s</mark>") % piece if index % 2 and matches(piece) else escape(piece)
                           for index, piece in enumerate(pieces))


def clip(text: str, length: int) -> str:
    """A one-line excerpt of at most `length` characters."""
    line = " ".join((text or "").split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def filter_tag(name: str, value: object) -> str:
    """A filter value written as a word of the index ("zzstate133"), so that the full-text index
    itself narrows a search to a State, a module or a year instead of reading every match's row.
    The prefix keeps them apart from real words: a search for "state" never matches "zzstate133"."""
    return "zz" + name + re.sub(r"[^0-9a-z]", "", str(value).casefold())
