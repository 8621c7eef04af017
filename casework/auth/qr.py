"""QR codes drawn on the server, so that an authenticator app can scan what the page shows."""
from __future__ import annotations

import segno


def qr_data_uri(text: str) -> str:
    """An SVG image of `text` as a `data:` address: the strict CSP allows `img-src 'self' data:`,
    so the page needs neither a script nor a request of its own to show it.

    Dark on white with the standard four-module quiet zone, whatever the page's colours: phone
    cameras read it reliably.
    """
    return segno.make(text, error="m").svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
