"""Strings in the user's language: labels declared once, translated when shown."""
from __future__ import annotations

from flask_babel import LazyString, force_locale

# A label declared with `lazy_gettext` at import, translated each time it is shown.
Label = str | LazyString


def english(label: Label) -> str:
    """A label as stored in the database (a deadline's, a case's title): in English whoever is
    signed in, so that each reader is shown it in their own language, or the data stays one."""
    with force_locale("en"):
        return str(label)
