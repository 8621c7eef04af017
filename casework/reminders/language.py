"""E-mails and notifications in their recipient's language, not the sender's.

They are written by daily jobs, outside any request, for many users at once: each one is
written in the language its reader chose (`users.locale`), else the default language, with
dates as that language writes them.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from flask import current_app
from flask_babel import force_locale, format_date


def language_of(user) -> str:
    """The language `user` reads Casework in: their choice if it is one of ours, else the default."""
    choice = getattr(user, "locale", None)
    return choice if choice in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


@contextmanager
def in_language_of(user) -> Iterator[str]:
    """Translate everything in the block into `user`'s language (gives its code)."""
    code = language_of(user)
    with force_locale(code):
        yield code


def day(value: date, length: str = "medium") -> str:
    """A day in the current language: "Mar 6, 2027", "6 mars 2027", "6 mar 2027"."""
    return format_date(value, format=length)
