"""Fixtures for the administration tests."""
from __future__ import annotations

import pytest

from tests.conftest import sign_in


@pytest.fixture
def admin_client(app, users):
    """A browser signed in as the administrator (with two-factor)."""
    client = app.test_client()
    sign_in(client, users["admin"])
    return client
