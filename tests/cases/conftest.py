"""Fixtures of the case pages' tests: persons of the registry, as the registry's own tests make them."""
from tests.persons.conftest import make_person  # noqa: F401
