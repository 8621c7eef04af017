"""A letter as plain values: what the PDF templates receive.

Templates never see ORM objects, so rendering is deterministic, testable without a database,
and safe even if templates become editable. Every phrase is already in the letter's language.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class LetterKind(enum.StrEnum):
    LETTER = "letter"  # first person, signed
    NOTE_VERBALE = "note_verbale"  # third person, unsigned, to Permanent Missions only
    # A signed report within the Office (a visit's summary report): no salutation or closing
    # formula, the addressee at the top, numbered paragraphs in the body.
    REPORT = "report"


RTL_LANGUAGES = frozenset({"ar"})
# The lang attribute each language needs for the right glyphs (zh-Hans would pick Japanese ones).
HTML_LANG = {"en": "en", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh": "zh-CN"}


@dataclass(frozen=True)
class Party:
    """An addressee or a copy recipient, as its block is printed."""

    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class Annex:
    title: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterDocument:
    """Everything printed on a letter or note verbale, in reading order."""

    kind: LetterKind
    language: str
    reference: str
    date_text: str  # already written out in the letter's language: "31 March 2020", "31 mars 2020"
    place: str  # "Geneva" / "Genève" / "Ginebra"
    letterhead: tuple[str, ...]  # the sender's lines at the top of page 1
    salutation: str  # "Excellency," — empty for a note verbale
    paragraphs: tuple[str, ...]  # opening formula, body, and for a note verbale its closing formula
    closing: str  # complimentary close of a letter; empty for a note verbale
    signatories: tuple[Signatory, ...] = ()
    addressees: tuple[Party, ...] = ()
    copies_to: tuple[Party, ...] = ()
    annexes: tuple[Annex, ...] = ()
    enclosures: tuple[str, ...] = ()
    subject: str = ""
    confidential: bool = False
    draft: bool = False  # a preview: printed with a DRAFT watermark
    labels: dict[str, str] = field(default_factory=dict)  # "Reference", "Confidential", "Annex", "Copy to"…

    @property
    def html_lang(self) -> str:
        return HTML_LANG.get(self.language, self.language)

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    @property
    def is_note_verbale(self) -> bool:
        return self.kind is LetterKind.NOTE_VERBALE

    @property
    def addressee_at_foot(self) -> bool:
        """A letter names its addressee at the foot of page 1; notes verbales and reports at the top."""
        return self.kind is LetterKind.LETTER
