"""The journeys' own machinery: a demo account signs in and reaches My work."""
import pytest

pytestmark = pytest.mark.browser


def test_a_demo_account_signs_in_and_sees_my_work(journey):
    journey.sign_in("ccpr.officer@ohchr.example.org")
    assert journey.page.locator("h1").first.inner_text().strip() != ""
    journey.sign_in("admin@ohchr.example.org")  # two-factor
    assert "/login" not in journey.page.url
