"""Urgent action pages."""
from __future__ import annotations

from flask import Blueprint

from casework.urgent_actions import letters as _letters, workflow as _workflow  # noqa: F401

bp = Blueprint("urgent_actions", __name__, url_prefix="/urgent-actions")
