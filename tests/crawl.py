"""Using Casework as a person would: every page reachable by links, every form submitted as drawn.

WebTest reads each page's forms (hidden fields, pre-filled values, default choices, the page's
own CSRF token) and submits them with each of their buttons, exactly as a browser would; nothing
is typed. Every answer is checked for what a user would notice: a server error, a refusal that
gives no reason, a link that leads nowhere, or a Python value printed where words belong.

Records recur under one address shape (`/cases/7`, `/cases/8`…): every record's page is visited
by the first account that reaches it, and each account visits a bounded number of each kind;
variations of a list (its pages, orders and filters), presses of the same button on the same kind
of page (whatever record, filters or page of a list it is drawn for; a form of the page's frame,
such as the language menu, on any page) and files downloaded again for another period or filter
are capped too, so a crawl stays bounded whatever the demo data holds.
"""
from __future__ import annotations

import html
import re
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

import pyotp
import webtest
from bs4 import BeautifulSoup, SoupStrainer

# lxml reads a page several times faster than the standard library's parser, for WebTest's forms
# too (given to each TestApp, which otherwise sets the standard library's parser for every response).
PARSER = "lxml"
# What the crawl reads of a page, its links and forms, and no more of its tree (its main part too,
# to tell the forms of the page's frame from the page's own).
LINKS_AND_FORMS, LINKS = SoupStrainer(["a", "form", "main"]), SoupStrainer("a")
HOST = "casework.test"
HTML = "text/html"
QUERY_VARIANTS = 3      # pages of one list visited with different query strings
RECORDS = 12            # records of one kind each account visits, besides those no account has visited yet
SUBMISSIONS = 1         # times one button of one kind of page (press_kind) is pressed
SKIPPED_PATHS = ("/static/", "/logout")
# What Python prints for its own values, never meant for a reader.
REPR = re.compile(r"\['|\[&#39;|object at 0x|(?:value=\"|>)\s*None\s*(?:\"|<)|\bNone\b(?=\s*[,;)\]])")


@dataclass(frozen=True)
class Finding:
    role: str
    what: str
    method: str
    url: str
    status: int
    detail: str = ""

    def __str__(self) -> str:
        return f"[{self.role}] {self.what}: {self.method} {self.url} → {self.status} {self.detail}".strip()


def first_of_each_kind(findings: list[Finding]) -> list[Finding]:
    """One finding per problem and kind of page, so a defect met on every record is listed once."""
    kinds: dict[tuple, Finding] = {}
    for finding in findings:
        kinds.setdefault((finding.what, finding.method, shape(finding.url), finding.status), finding)
    return list(kinds.values())


@dataclass(frozen=True)
class Submission:
    """One press of one button of a form: where it goes and what a browser sends."""
    page: str                                   # the address of the page that draws the form
    method: str
    target: str
    label: str                                  # the pressed button's words or value
    fields: tuple[tuple[str, str], ...]         # name, value, in the page's order
    files: tuple[tuple[str, str, bytes], ...]   # file inputs, sent empty
    multipart: bool
    hidden: frozenset[str] = frozenset()        # the names of the form's hidden inputs

    @property
    def query_url(self) -> str:
        """Where a GET form leads: its target with the fields as the query string."""
        return f"{urlsplit(self.target).path}?{urlencode(self.fields)}"


@dataclass
class CrawlCounts:
    pages: int = 0
    downloads: int = 0
    forms: int = 0
    refusals: int = 0
    findings: list[Finding] = field(default_factory=list)


def shape(url: str) -> str:
    """The address with its ids left out: one shape per kind of page."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "#", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{path}?{'&'.join(keys)}" if keys else path


def press_kind(page: str, framed: bool, method: str, target: str, label: str) -> tuple[str, str, str, str]:
    """The same button on the same kind of page, whichever record, filters or page of a list it is
    drawn for; a form of the page's frame (outside its main part: the language menu, the search
    box) is the same button on every page."""
    return "*" if framed else path_shape(page), method, shape(target), label


def path_shape(url: str) -> str:
    """The address's shape without its query: one list, whatever its filters and page."""
    return shape(url).split("?")[0]


def local_path(href: str, base: str) -> str | None:
    """The site-relative address of a link, or None for what is elsewhere or not a page."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.netloc and parts.netloc.split(":")[0] != HOST:
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    if path.startswith(SKIPPED_PATHS):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def gives_a_reason(page: BeautifulSoup) -> bool:
    """A refusal a person can act on: a message next to a field, a summary, a flash or an error page."""
    return bool(page.select(".error, .error-summary, .flash, .notice-refusal, main .panel.narrow h1 + p"))


class Crawler:
    """One person's visit: signs in through the login form, then follows every link and button."""

    def __init__(self, app, role: str, email: str | None, password: str, totp_secret: str | None,
                 covered: set[str] | None = None, claims: Callable[[str], bool] = lambda address: True) -> None:
        self.web = webtest.TestApp(app, extra_environ={"HTTP_HOST": HOST}, parser_features=PARSER)
        self.role, self.email, self.password, self.totp_secret = role, email, password, totp_secret
        self.counts = CrawlCounts()
        self.seen: set[str] = set()
        self.covered = covered if covered is not None else set()  # record pages any account has visited
        self.claims = claims  # the record pages it visits beyond its sample while no account has yet
        self.variants: Counter[str] = Counter()
        self.pressed: Counter[tuple] = Counter()
        self.queue: deque[str] = deque()
        self.downloaded: set[str] = set()  # the path shapes of the files downloaded
        self.found_on: dict[str, str] = {}  # address → the page whose link led there
        # Bounds: records of one kind, pages of one list, presses of one button; whether a record
        # no account has visited yet is visited beyond `records`.
        self.records, self.query_variants, self.submissions = RECORDS, QUERY_VARIANTS, SUBMISSIONS
        self.every_new_record = True

    # Signing in -------------------------------------------------------------------------------

    def sign_in(self) -> None:
        """Through the login page's own form, and the two-factor page for those who have one."""
        if self.email is None:
            return
        form = self.web.get("/login").forms[0]
        form["email"], form["password"] = self.email, self.password
        response = form.submit()
        if self.totp_secret and "/login/totp" in response.headers.get("Location", ""):
            page = response.follow()
            for _attempt in range(2):  # a code is accepted once: signing in again waits for the next one
                form = page.forms[0]
                form["code"] = pyotp.TOTP(self.totp_secret).now()
                response = form.submit(expect_errors=True)
                if response.status_int == 302:
                    break
                page = self.web.get("/login/totp")
                time.sleep(pyotp.TOTP(self.totp_secret).interval - time.time() % 30 + 1)
        assert response.status_int == 302 and "/login" not in response.headers["Location"], \
            f"{self.role} could not sign in"

    # The crawl --------------------------------------------------------------------------------

    def crawl(self, start: list[str]) -> CrawlCounts:
        self.sign_in()
        for url in start:
            self._enqueue(url)
        while self.queue:
            url = self.queue.popleft()
            if "?" in url and path_shape(url) in self.downloaded:
                continue  # the same file for another period or filter: once is enough
            response = self._request("GET", url, via="link")
            if response is not None:
                self._read(response)
        return self.counts

    def _enqueue(self, url: str, found_on: str = "") -> None:
        if url in self.seen:
            return
        key = shape(url)
        new_record = (self.every_new_record and "#" in key and "?" not in key and url not in self.covered
                      and self.claims(url))
        if not new_record and self.variants[key] >= (self.query_variants if "?" in key else self.records):
            return
        self.variants[key] += 1
        self.covered.add(url)
        self.seen.add(url)
        self.found_on[url] = found_on
        self.queue.append(url)

    def _request(self, method: str, url: str, via: str, **kwargs) -> webtest.TestResponse | None:
        """One request and the redirects it leads to, each answer checked."""
        try:
            send = self.web.get if method == "GET" else self.web.post
            response = send(url, expect_errors=True, **kwargs)
        except Exception as error:  # an exception escaping the app is a server error to the user
            self._found("exception", method, url, 500, repr(error))
            return None
        for _ in range(5):
            self._check(response, method, url, via)
            if response.status_int not in (301, 302, 303, 307, 308):
                break
            location = response.headers["Location"]
            if "/login" in urlsplit(location).path and self.email and urlsplit(location).path != urlsplit(url).path:
                self.sign_in()  # the session ended (a refusal the user is told about): sign in again
                return None
            method, url = "GET", local_path(location, url) or location
            response = self.web.get(url, expect_errors=True)
        return response

    def _check(self, response, method: str, url: str, via: str) -> None:
        status = response.status_int
        if status >= 500:
            self._found("server error", method, url, status)
            return
        if HTML not in response.content_type:
            if status < 300 and method == "GET":
                self.counts.downloads += 1
                self.downloaded.add(path_shape(url))
            return
        body = response.text
        if status < 300 and method == "GET":
            self.counts.pages += 1
        if match := REPR.search(body):
            self._found("Python value shown", method, url, status, body[max(0, match.start() - 60):match.end() + 20])
        if 400 <= status < 500:
            self.counts.refusals += 1
            if via == "link" and status in (403, 404, 405) and self._still_linked(url):
                self._found("link to a refusal", method, url, status,
                            f"{self._title(body)} (linked from {self.found_on.get(url) or 'the start'})")
            elif not gives_a_reason(BeautifulSoup(body, PARSER)):
                self._found("refusal without a reason", method, url, status, self._title(body))

    def _still_linked(self, url: str) -> bool:
        """Whether the page that linked here still does: a link read before a later press changed
        the record (a letter sent back to draft has no final PDF) is stale, as for a person who
        kept an old tab open; the refusal must then only say why."""
        origin = self.found_on.get(url)
        if not origin:
            return True
        page = self.web.get(origin, expect_errors=True)
        return HTML in page.content_type and any(
            local_path(a["href"], origin) == url
            for a in BeautifulSoup(page.text, PARSER, parse_only=LINKS).find_all("a", href=True))

    @staticmethod
    def _title(body: str) -> str:
        found = re.search(r"<title>(.*?)</title>", body, re.S)
        return html.unescape(found.group(1)).strip() if found else body[:80]

    def _found(self, what: str, method: str, url: str, status: int, detail: str = "") -> None:
        self.counts.findings.append(Finding(self.role, what, method, url, status, " ".join(detail.split())))

    def _read(self, response) -> None:
        """Queue the page's links, then press every button of every form on it."""
        if HTML not in response.content_type:
            return
        url = response.request.path_qs
        page = BeautifulSoup(response.text, PARSER, parse_only=LINKS_AND_FORMS)
        for anchor in page.find_all("a", href=True):
            if (path := local_path(anchor["href"], url)) is not None:
                self._enqueue(path, url)
        for index, element in enumerate(page.find_all("form")):
            self._submit_all(response, index, element, url)

    # Forms ------------------------------------------------------------------------------------

    def _submit_all(self, response, index: int, element, url: str) -> None:
        action = local_path(element.get("action") or url, url)
        if action is None:
            return
        buttons = [b for b in element.find_all(["button", "input"])
                   if (b.name == "button" and b.get("type", "submit") == "submit")
                   or (b.name == "input" and b.get("type") in ("submit", "image"))]
        for button in buttons or [None]:
            if button is not None and button.has_attr("disabled"):
                continue
            self._press(response, index, element, button, action, url)

    def _press(self, response, index: int, element, button, action: str, url: str) -> None:
        aim = self.aim(element, button, action, url)
        if aim is None:
            return
        # The kind is known before the form is read into fields: most buttons met were pressed already.
        kind = press_kind(url, element.find_parent("main") is None, *aim)
        if self.pressed[kind] >= self.submissions:
            return
        submission = self.submission(response, index, element, button, aim, url)
        self.pressed[kind] += 1
        self.counts.forms += 1
        self.press(submission)

    @staticmethod
    def aim(element, button, action: str, url: str) -> tuple[str, str, str] | None:
        """Pressing `button` of the form `element`: its method, target and label, or None if it leaves the site."""
        target = local_path(button.get("formaction"), url) if button is not None and button.get("formaction") \
            else action
        if target is None or target.startswith(SKIPPED_PATHS):
            return None
        method = ((button.get("formmethod") if button is not None else None) or element.get("method") or "GET").upper()
        label = " ".join(button.get_text().split()) if button is not None and button.name == "button" \
            else (button.get("value", "") if button is not None else "")
        return method, target, label

    def submission(self, response, index: int, element, button, aim: tuple[str, str, str], url: str) -> Submission:
        """What pressing `button` of the page's form number `index` sends."""
        # A file input left empty is sent as an empty part with no file name, as browsers do.
        files = tuple((e["name"], "", b"") for e in element.find_all("input", type="file", attrs={"name": True})
                      if not e.has_attr("disabled"))
        hidden = frozenset(e["name"] for e in element.find_all("input", type="hidden", attrs={"name": True}))
        return Submission(url, *aim, tuple(self._fields(response.forms[index], element, button)),
                          files, "multipart" in (element.get("enctype") or ""), hidden)

    def press(self, submission: Submission) -> None:
        """Send the form as drawn and queue the links of the page it leads to."""
        result = self.send(submission)
        if result is not None:
            self._read_links(result)

    def send(self, submission: Submission) -> webtest.TestResponse | None:
        """Submit as a browser would, following the redirects; each answer is checked (None: an exception)."""
        if submission.method == "GET":
            return self._request("GET", submission.query_url, via="form")
        return self._request(submission.method, submission.target, via="form", params=list(submission.fields),
                             upload_files=list(submission.files) or None,
                             content_type="multipart/form-data" if submission.multipart else None,
                             headers={"Referer": f"http://{HOST}{submission.page}"})

    def _read_links(self, response) -> None:
        """After a submission, the page it leads to is read for links (its forms wait for a visit)."""
        if HTML in response.content_type:
            page = BeautifulSoup(response.text, PARSER, parse_only=LINKS)
            for anchor in page.find_all("a", href=True):
                if (path := local_path(anchor["href"], response.request.path_qs)) is not None:
                    self._enqueue(path, response.request.path_qs)

    @staticmethod
    def _fields(form: webtest.forms.Form, element, button) -> list[tuple[str, str]]:
        """What a browser sends: the form's values (never a disabled field's) and the pressed button's."""
        disabled = {e.get("name") for e in element.find_all(["input", "select", "textarea"])
                    if e.has_attr("disabled") and e.get("name")}
        submit_types = ("submit", "image")
        named_buttons = {e.get("name") for e in element.find_all(["button", "input"])
                         if e.get("name") and (e.name == "button" or e.get("type") in submit_types)}
        fields = [(name, value) for name, value in form.submit_fields()
                  if name not in disabled and name not in named_buttons
                  and not isinstance(value, webtest.forms.File)]
        if button is not None and button.get("name"):
            fields.append((button["name"], button.get("value", "")))
        return fields
