"""Reading a call: a local file, or an http(s) URL fetched only because the user gave one.

The fetch is bounded (a timeout and a size limit), follows redirects only to
http(s), and fails with one line that says what went wrong ("cannot fetch
...: no network connection?"). Tests inject the opener or serve the page from
127.0.0.1; nothing here runs unless a URL is passed on the command line.
"""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from pathlib import Path
from typing import Any

from wscheck import __version__
from wscheck.errors import EXIT_USAGE, WscheckError

MAX_BYTES = 4_000_000  # a call for papers is a web page, not a download
TIMEOUT_S = 15.0


class CallError(WscheckError):
    """A call that cannot be read or fetched (exit 2, like a rule file that cannot be read)."""

    exit_code = EXIT_USAGE


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source.strip(), re.I))


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib's signature
        if not is_url(newurl):
            raise urllib.error.URLError(f"redirected to a non-web address ({newurl[:80]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def default_opener() -> Callable[..., Any]:
    """An opener that speaks only http(s): no file:, ftp: or data: through a redirect."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(), _HttpOnlyRedirects(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler()):
        opener.add_handler(handler)
    return opener.open


def _decode(data: bytes, headers: Message | None) -> str:
    charset = headers.get_content_charset() if headers is not None else None
    if not charset:
        meta = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
        charset = meta.group(1).decode("ascii", "replace") if meta else "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def fetch_url(url: str, opener: Callable[..., Any] | None = None, timeout: float = TIMEOUT_S,
              max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """(text, content type) of a web page, or CallError with a one-line reason."""
    request = urllib.request.Request(url, headers={"User-Agent": f"wscheck/{__version__} (rules from-cfp)",
                                                   "Accept": "text/html, text/markdown, text/plain;q=0.9"})
    open_url = opener or default_opener()
    try:
        with open_url(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            headers = getattr(response, "headers", None)
    except urllib.error.HTTPError as exc:
        raise CallError(f"cannot fetch {url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else type(exc.reason).__name__
        if isinstance(exc.reason, (socket.gaierror, OSError)) and not isinstance(exc.reason, str):
            reason = f"{exc.reason.strerror or exc.reason} (no network connection?)"
        raise CallError(f"cannot fetch {url}: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise CallError(f"cannot fetch {url}: no answer within {timeout:g} s (offline?)") from None
    except (OSError, ValueError) as exc:
        raise CallError(f"cannot fetch {url}: {exc}") from None
    if len(data) > max_bytes:
        raise CallError(f"cannot fetch {url}: the page is larger than {max_bytes // 1_000_000} MB")
    content_type = headers.get_content_type() if headers is not None else "text/html"
    if not content_type.startswith("text/") and content_type not in ("application/xhtml+xml",):
        raise CallError(f"cannot read {url}: it is {content_type}, not a web page or text")
    return _decode(data, headers), content_type


def read_file(path: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of a local call; CallError when it is missing, too large or not text."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise CallError(f"{path}: is a folder, not a call for papers")
        if size > max_bytes:
            raise CallError(f"{path}: {size // 1_000_000} MB is too large for a call for papers "
                            f"(at most {max_bytes // 1_000_000} MB)")
        data = file.read_bytes()
    except FileNotFoundError:
        raise CallError(f"{path}: no such file") from None
    except OSError as exc:
        raise CallError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-":
        raise CallError(f"{path}: not a text, Markdown or HTML file (save the call's web page as HTML or text)")
    return _decode(data, None)
