"""The main blueprint: My work, its sections, the team view, saved searches, notifications, /healthz.

Its own file, so that each file whose routes hang on it imports it without importing the others.
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("main", __name__)
