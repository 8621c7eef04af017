"""The translation catalogues stay whole: they compile, the template holds every string the code
marks, and French and Spanish translate every string, keeping its placeholders."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
LANGUAGES = ("fr", "es")
# How messages.pot is made (README, #19): the keywords beyond the defaults are the lazy ones and
# the ones with a context ("State" the country, or where a case stands).
# Directories starting with "_" (templates/_macros) are skipped by default: only hidden ones are.
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-k", "pgettext:1c,2",
           "-k", "lazy_pgettext:1c,2", "--ignore-dirs", ".* __pycache__"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def catalogue_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {message.id for message in catalog if message.id}


def forms(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def placeholder_faults(message: Message) -> list[str]:
    """Each form of the translation names the placeholders of its source text, and no other (an
    unknown name fails at runtime)."""
    singular, *plural = forms(message.id)
    faults = []
    for index, translated in enumerate(forms(message.string)):
        source = plural[0] if plural and index > 0 else singular
        expected, found = placeholders(source), placeholders(translated)
        if expected != found:
            faults.append(f"{singular!r} [{index}]: {sorted(expected)} in the source, {sorted(found)} translated")
    return faults


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_catalogue_compiles(code):
    catalog = read(catalogue_path(code))
    problems = [f"{message.id!r}: {'; '.join(map(str, errors))}" for message, errors in catalog.check()]
    assert not problems, "\n".join(problems)
    write_mo(io.BytesIO(), catalog)


def test_the_template_holds_every_string_the_code_marks(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", *EXTRACT, "-o", str(fresh), "."])
    missing = sorted(map(str, ids(read(fresh)) - ids(read(TEMPLATE))))
    assert not missing, (f"{len(missing)} marked string(s) not in translations/messages.pot; run "
                         f"`pybabel {' '.join(EXTRACT)} -o translations/messages.pot .`:\n" + "\n".join(missing))


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_catalogue_translates_every_string_with_its_placeholders(code):
    catalog = read(catalogue_path(code))
    absent = sorted(map(str, ids(read(TEMPLATE)) - ids(catalog)))
    untranslated = [str(m.id) for m in catalog if m.id and not all(forms(m.string))]
    fuzzy = [str(m.id) for m in catalog if m.id and m.fuzzy]
    faults = [fault for m in catalog if m.id and all(forms(m.string)) for fault in placeholder_faults(m)]
    assert not absent, f"{len(absent)} string(s) of messages.pot not in the {code} catalogue: {absent[:10]}"
    assert not untranslated, f"{len(untranslated)} untranslated in {code}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {code}: {fuzzy[:10]}"
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("code", LANGUAGES)
def test_one_english_word_with_two_meanings_is_translated_twice(code):
    """ "State" the country and "State" where a case stands; "Open" a case and an open
    recommendation: each extracted with its context, each translated on its own."""
    catalog = read(catalogue_path(code))
    country, status = catalog.get("State"), catalog.get("State", context="workflow")
    assert country.string and status.string and country.string != status.string
    assert catalog.get("Open", context="recommendation").string
