"""Letter types: each fills in case data and leaves an editable body. Modules register their own."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from casework.letters.document import LetterDocument, LetterKind


@dataclass(frozen=True)
class LetterContext:
    """What a letter template may use from its case, as plain values."""

    reference: str = ""
    title: str = ""
    unit_name: str = ""
    persons: tuple[str, ...] = ()  # public names (initials for protected identities)
    deadlines: tuple[tuple[str, str], ...] = ()  # (label, due date as ISO)
    # Module fields (articles invoked, State party, a visit's figures…): plain values only — text,
    # numbers, dates, and tuples or dicts of them — never ORM objects.
    extra: dict[str, Any] = field(default_factory=dict)
    # The case's State by language ("fr": "Mexique"), when the case concerns one.
    state_names: dict[str, str] = field(default_factory=dict)

    def state_in(self, language: str) -> str:
        """The case's State as a letter in `language` names it (the English name if it has no other)."""
        return self.state_names.get(language) or str(self.extra.get("state", ""))


Template = Callable[[LetterContext, str], str]  # (context, language) → text
# (letter, recipient, draft, public) → the letter as printed for that recipient alone
CopyComposer = Callable[..., LetterDocument]


@dataclass(frozen=True)
class LetterType:
    key: str
    label: str
    kind: LetterKind
    subject: Template
    body: Template
    case_types: frozenset[str] | None = None  # None: any case, and circulars without a case
    circular: bool = False  # addressed to many Missions at once, with no case
    # Set for a type printed once per recipient, each copy with its own reference and PDF
    # (`casework.letters.jobs.render_copies`); such a type is written by its module's pages, not
    # drafted from the letters pages (give it `case_types=frozenset()`).
    compose_copy: CopyComposer | None = None


_TYPES: dict[str, LetterType] = {}


def register_letter_type(letter_type: LetterType) -> LetterType:
    _TYPES[letter_type.key] = letter_type
    return letter_type


def letter_type(key: str) -> LetterType:
    try:
        return _TYPES[key]
    except KeyError:
        raise ValueError(f"unknown letter type {key!r}") from None


def all_letter_types() -> list[LetterType]:
    return list(_TYPES.values())


def letter_types_for(case_type: str | None) -> list[LetterType]:
    """The types that can be drafted for this kind of case (None: a circular with no case)."""
    return [t for t in _TYPES.values()
            if (case_type is None and t.circular) or
               (case_type is not None and not t.circular and (t.case_types is None or case_type in t.case_types))]


def _by_language(texts: dict[str, str]) -> Template:
    def fill(context: LetterContext, language: str) -> str:
        return texts.get(language, texts["en"]).format(c=context)

    return fill


SHARED_TYPES = (  # the letters any case may have, and the circulars; installed with the letters module
    LetterType(
        key="letter",
        label="Letter",
        kind=LetterKind.LETTER,
        subject=_by_language({"en": "{c.title}"}),
        body=_by_language({
            "en": "I have the honour to address you in connection with {c.title} (reference {c.reference}).\n\n",
            "fr": "J'ai l'honneur de m'adresser à vous au sujet de {c.title} (référence {c.reference}).\n\n",
            "es": "Tengo el honor de dirigirme a usted en relación con {c.title} (referencia {c.reference}).\n\n",
            "ar": "أتشرف بأن أكتب إليكم بشأن {c.title} (المرجع {c.reference}).\n\n",
            "zh": "谨就{c.title}（编号{c.reference}）致函阁下。\n\n",
            "ru": "Имею честь обратиться к Вам в связи с {c.title} (ссылка {c.reference}).\n\n",
        }),
    ),
    LetterType(
        key="note_verbale",
        label="Note verbale",
        kind=LetterKind.NOTE_VERBALE,
        subject=_by_language({"en": "{c.title}"}),
        body=_by_language({
            "en": "refer to {c.title} (reference {c.reference}).\n\n",
            "fr": "se référer à {c.title} (référence {c.reference}).\n\n",
            "es": "referirse a {c.title} (referencia {c.reference}).\n\n",
            "ar": "تشير إلى {c.title} (المرجع {c.reference}).\n\n",
            "zh": "提及{c.title}（编号{c.reference}）。\n\n",
            "ru": "сослаться на {c.title} (ссылка {c.reference}).\n\n",
        }),
    ),
    LetterType(
        key="circular_note_verbale",
        label="Note verbale to Permanent Missions",
        kind=LetterKind.NOTE_VERBALE,
        subject=_by_language({"en": ""}),
        body=_by_language({"en": "inform them that \n\n", "fr": "les informer que \n\n", "es": "informarles que \n\n",
                           "ar": "تحيطها علماً بأن \n\n", "zh": "通知如下：\n\n", "ru": "сообщить, что \n\n"}),
        circular=True,
    ),
    LetterType(
        key="circular_letter",
        label="Letter to all Permanent Missions",
        kind=LetterKind.LETTER,
        subject=_by_language({"en": ""}),
        body=_by_language({"en": "I have the honour to ", "fr": "J'ai l'honneur de ", "es": "Tengo el honor de ",
                           "ar": "أتشرف بأن ", "zh": "谨", "ru": "Имею честь "}),
        circular=True,
    ),
)
