"""Two-factor enrolment shows the key as a QR code an authenticator app can scan."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

from casework.auth.qr import qr_data_uri
from tests.conftest import sign_in


def test_enrolment_shows_the_key_as_a_qr_code_of_its_otpauth_address(client, users):
    viewer = users["viewer"]
    sign_in(client, viewer)

    text = html.unescape(client.get("/account/two-factor").get_data(as_text=True))

    secret = re.search(r'<p class="secret"><code>([A-Z2-7]+)</code>', text).group(1)
    image = re.search(r'<p class="qr"><img src="([^"]+)" alt="([^"]+)"', text)
    assert image, "no QR code on the enrolment page"
    address = f"otpauth://totp/Casework:{quote(viewer.email)}?secret={secret}&issuer=Casework"
    assert address in text  # the same address, as text, for apps that take it
    # The picture is that address, drawn on the server as an SVG the page's CSP allows (img-src data:).
    assert image.group(1).startswith("data:image/svg+xml")
    assert image.group(1) == qr_data_uri(address)
    assert image.group(2) == "QR code of the key for your authenticator app"


def test_the_qr_code_stays_the_same_on_reload(client, users):
    sign_in(client, users["viewer"])
    first, second = (client.get("/account/two-factor").get_data(as_text=True) for _ in range(2))
    qr = re.compile(r'<p class="qr"><img src="([^"]+)"')
    assert qr.search(first).group(1) == qr.search(second).group(1)
