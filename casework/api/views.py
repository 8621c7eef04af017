"""Every view of the API, registered on its blueprint (`bp`), which the app registers."""
from casework.api import case_views, create_views, docs_views, letter_views, person_views  # noqa: F401
from casework.api.blueprint import bp

__all__ = ["bp"]
