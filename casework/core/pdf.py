"""Render HTML to PDF with WeasyPrint, reading nothing but the app's own static files.

Letter templates may one day be editable by users, so the fetcher is locked down: it serves
files from the static folder and `data:` URLs, and refuses everything else (the network, other
files on the server). A refused or missing resource stops the rendering with
`PdfResourceError` instead of printing an official letter with a hole in it.

WeasyPrint is imported lazily: importing it costs ~0.8 s, which the web process should not pay
at start-up. Worker processes call `preload()` before forking so that every job reuses the
import and the one process-wide `FontConfiguration` (a new one per render is ~50% slower and
holds far more memory).
"""
from __future__ import annotations

import atexit
import mimetypes
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit
from urllib.request import url2pathname

from flask import current_app, has_app_context, has_request_context, url_for

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative and root-relative URLs ("/static/css/letter.css", what url_for('static') gives) are
# resolved against this origin. It is never contacted: the fetcher maps its static path onto the
# static folder, and .invalid can never resolve (RFC 2606) should anything ever try.
STATIC_ORIGIN = "https://casework.invalid/"

_font_config: FontConfiguration | None = None
_font_config_lock = threading.Lock()
# Pango's font map behind the shared FontConfiguration is not documented as thread-safe, and the
# embedded job worker runs in a thread beside the web server. Rendering is CPU-bound under the
# GIL anyway, so serialising renders costs next to nothing.
_render_lock = threading.Lock()
_stylesheets: dict[tuple[str, int], CSS] = {}


class PdfResourceError(RuntimeError):
    """A resource the HTML asks for could not be used in the PDF."""


class ForbiddenResourceError(PdfResourceError):
    """The HTML asks for a resource outside the static folder (network, other files)."""


def font_configuration() -> FontConfiguration:
    """The process-wide FontConfiguration, created on first use and then reused."""
    global _font_config
    if _font_config is None:
        with _font_config_lock:
            if _font_config is None:
                from weasyprint.text.fonts import FontConfiguration

                _font_config = FontConfiguration()
    return _font_config


@atexit.register
def _release_fonts() -> None:
    """Free the shared font configuration and stylesheets while the interpreter is whole.

    Left to the interpreter's final teardown, Pango's font map is unreferenced after the
    libraries it points into have been torn down, and the process crashes on exit.
    """
    global _font_config
    _stylesheets.clear()
    _font_config = None


# Rendered by preload(): serif, bold and italic text, as letters are set.
_WARM_UP_HTML = ('<p style="font-family: serif">Warm-up <b>bold</b> <i>italic</i></p>'
                 '<p style="font-family: sans-serif">Warm-up</p>')


def preload() -> None:
    """Import WeasyPrint, build the font configuration and render a small page, e.g. in a worker
    before it forks: the first rendering in a process costs twice the next ones (WeasyPrint's
    default stylesheets, Pango's and fontconfig's first lookups), and a forking worker whose
    parent has not paid it pays it again in every job."""
    from weasyprint import HTML

    with _render_lock:
        HTML(string=_WARM_UP_HTML).write_pdf(font_config=font_configuration())


def render_pdf(html: str, *, base_url: str | None = None, static_folder: str | Path | None = None,
               stylesheets: Sequence[str] = ()) -> bytes:
    """Render an HTML string to PDF bytes.

    `stylesheets` are paths inside the static folder ("css/letter.css"); WeasyPrint applies them
    as user stylesheets, so the HTML's own styles, if any, take precedence. Resources resolve
    against `base_url` (by default an origin whose "/static/…" paths are the static folder) and
    are read only from `static_folder` (by default the current app's). Raises
    `PdfResourceError` when the HTML needs anything else.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    base_url = base_url or STATIC_ORIGIN
    root = _static_root(static_folder)
    prefixes = _static_prefixes(base_url)
    fetcher = _static_fetcher(root, prefixes)
    try:
        styles = [_stylesheet(prefixes[0] + name.lstrip("/"), root, prefixes, fetcher) for name in stylesheets]
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        with _render_lock:
            return document.write_pdf(stylesheets=styles, font_config=font_configuration())
    except FatalURLFetchingError as error:
        # WeasyPrint wraps the fetcher's exception in a BaseException; give callers a plain one.
        cause = error.__cause__
        if isinstance(cause, PdfResourceError):
            raise cause from None
        raise PdfResourceError(str(error)) from cause


def _stylesheet(url: str, root: Path, prefixes: tuple[str, ...], fetcher: URLFetcher) -> CSS:
    """The parsed stylesheet at `url`, reused while its file is unchanged (parsing costs ~12 ms)."""
    from weasyprint import CSS

    path = _static_path(url, root, prefixes)
    key = (str(path), path.stat().st_mtime_ns if path.is_file() else -1)
    sheet = _stylesheets.get(key)
    if sheet is None:
        sheet = _stylesheets[key] = CSS(url=url, url_fetcher=fetcher)
    return sheet


def _static_root(static_folder: str | Path | None) -> Path:
    """The folder PDF resources may be read from: the one given, or the current app's."""
    folder = static_folder if static_folder is not None else current_app.static_folder
    if not folder:
        raise PdfResourceError("No static folder to read PDF resources from.")
    return Path(folder).resolve()


def _static_prefixes(base_url: str) -> tuple[str, ...]:
    """The URL prefixes that stand for the static folder, STATIC_ORIGIN's first.

    A template's `url_for('static', …)` gives "/static/…" inside a request, and an absolute URL
    on the app's SERVER_NAME outside one (a job); both are mapped onto the folder, never fetched.
    """
    url_path = (current_app.static_url_path if has_app_context() else None) or "/static"
    prefixes = [urljoin(STATIC_ORIGIN, url_path.rstrip("/") + "/")]
    # Outside a request url_for() needs SERVER_NAME (it raises without one).
    if has_app_context() and current_app.static_folder and (
            has_request_context() or current_app.config.get("SERVER_NAME")):
        own = urljoin(base_url, url_for("static", filename=""))
        if own not in prefixes:
            prefixes.append(own)
    return tuple(prefixes)


def _static_fetcher(root: Path, prefixes: tuple[str, ...]) -> URLFetcher:
    """A WeasyPrint URL fetcher that serves `data:` URLs and files under `root`, nothing else."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            return _read_static_file(_static_path(url, root, prefixes), url)

    # fail_on_errors: a refused or missing resource stops the rendering instead of being
    # skipped with a logged warning.
    return StaticOnlyFetcher(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)


def _static_path(url: str, root: Path, prefixes: tuple[str, ...]) -> Path:
    """The file inside `root` that `url` names; ForbiddenResourceError for any other URL."""
    parts = urlsplit(url)
    address = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    prefix = next((p for p in prefixes if address.startswith(p)), None)
    if prefix is not None:
        candidate = root / unquote(address[len(prefix):])
    elif parts.scheme == "file" and parts.netloc in ("", "localhost"):
        candidate = Path(url2pathname(parts.path))
    else:
        raise ForbiddenResourceError(_refusal(url, root))
    # resolve() follows symlinks and "..", so neither can lead out of the static folder.
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root):
        raise ForbiddenResourceError(_refusal(url, root))
    return resolved


def _refusal(url: str, root: Path) -> str:
    shown = url if len(url) <= 200 else url[:200] + "…"
    return (f"Refused to fetch {shown!r} for a PDF: only files in the static folder ({root}) "
            "and data: URLs are allowed.")


def _read_static_file(path: Path, url: str) -> URLFetcherResponse:
    """The file's bytes as a fetcher response, or PdfResourceError if it is not there."""
    from weasyprint.urls import URLFetcherResponse

    if not path.is_file():
        raise PdfResourceError(f"Static file not found for a PDF: {url!r} ({path}).")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Content-Type": content_type}
    if content_type.startswith("text/"):
        headers["Content-Type"] = f"{content_type}; charset=utf-8"
    return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers)
