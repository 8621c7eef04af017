"""Every column the audit trail records is named in the reader's words, never by its column name."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po

from flask_babel import force_locale

from casework.audit.words import HIDDEN, Words
from casework.core.audit import Audited
from casework.core.fields import FIELD_LABELS
from casework.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _audited_columns() -> dict[str, set[str]]:
    """Each column name the trail may show, with the models that record it."""
    found: dict[str, set[str]] = {}
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        if not issubclass(model, Audited):
            continue
        for attr in mapper.column_attrs:
            if attr.key not in model.__audit_ignored__ and not HIDDEN.search(attr.key):
                found.setdefault(attr.key, set()).add(model.__name__)
    return found


def test_every_audited_column_has_a_label(app):
    columns = _audited_columns()
    assert len(columns) > 200  # the walk found the models
    missing = sorted(f"{name} ({', '.join(sorted(models))})" for name, models in columns.items()
                     if name not in FIELD_LABELS)
    assert not missing, "columns the trail names by their column name:\n" + "\n".join(missing)


@pytest.mark.parametrize("code", ["fr", "es"])
def test_every_label_is_translated_in_french_and_spanish(app, code):
    with (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file)
    untranslated = []
    for name in _audited_columns():
        *context, msgid = FIELD_LABELS[name]._args  # lazy_gettext(msgid) or lazy_pgettext(context, msgid)
        message = catalogue.get(msgid, context=context[0] if context else None)
        if message is None or not message.string:
            untranslated.append(name)
    assert not untranslated, (code, untranslated)


def test_number_and_year_read_in_the_pages_language(app):
    event = SimpleNamespace(action="update", object_type="communications",
                            changes={"number": [None, 12], "year": [None, 2027], "status": ["received", "registered"],
                                     "state_id": [None, None]})
    with force_locale("fr"):
        assert [row[0] for row in Words([event]).changes(event, event.changes)] == \
            ["Numéro", "Année", "Statut", "État"]
    with force_locale("es"):
        assert [row[0] for row in Words([event]).changes(event, event.changes)] == \
            ["Número", "Año", "Situación", "Estado"]


def test_every_audited_table_has_a_name_in_the_trail(app):
    from casework.core.audit import RECORD_NAMES, _is_case_table

    tables = {mapper.local_table.name for mapper in db.Model.registry.mappers
              if issubclass(mapper.class_, Audited) and mapper.local_table is not None}
    assert not sorted(t for t in tables if t not in RECORD_NAMES and not _is_case_table(t))


def test_the_step_that_met_a_deadline_is_named_by_its_label(app):
    event = SimpleNamespace(action="update", object_type="deadlines",
                            changes={"closed_by_event": [None, "receive_comments"]})
    with force_locale("fr"):
        [(label, _before, after)] = Words([event]).changes(event, event.changes)
    assert label == "Clôturé par l'étape" and after != "Receive comments" and "_" not in after
