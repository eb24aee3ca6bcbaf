"""PDF Info and XMP metadata, and embedded files."""
from __future__ import annotations

import re

from wscheck.authors import IdentityMatcher, fold_text
from wscheck.identity.model import Leak
from wscheck.identity.patterns import EMAIL, GENERIC_ACCOUNTS, GENERIC_AUTHOR, HOME_PATH, PLACEHOLDER_EMAIL
from wscheck.model import Level


def unread_metadata(document, kind: str) -> list[Leak]:
    """A finding for metadata too large to read: it may hold what the check looks for, so it is never a pass."""
    reason = getattr(document, "unread", {}).get("xmp")
    if not reason:
        return []
    return [Leak(None, kind, reason[0].upper() + reason[1:], detail="it may name the authors",
                 fix_hint="remove or shrink the XMP metadata (real packets are a few kB), then check again")]


def metadata_leaks(document, matcher: IdentityMatcher) -> list[Leak]:
    out: list[Leak] = []
    info = document.info
    xmp = document.xmp
    out.extend(unread_metadata(document, "metadata-unread"))
    author = info.get("Author", "").strip()
    if author and not GENERIC_AUTHOR.match(author):
        out.append(Leak(None, "metadata", f"Author: {author}", detail="PDF Info /Author"))
    for field_name in ("dc:creator", "pdf:Author"):
        values = [v for v in xmp.get(field_name, []) if v.strip() and not GENERIC_AUTHOR.match(v.strip())]
        new = [v for v in values if fold_text(v) not in fold_text(author)]
        if new:
            out.append(Leak(None, "metadata", f"XMP {field_name}: {'; '.join(new)}", detail="XMP metadata"))
    values = [(key, value) for key, value in info.items() if key not in ("CreationDate", "ModDate")]
    values += [(f"XMP {key}", value) for key, items in xmp.items() for value in items]
    for key, value in values:
        home = HOME_PATH.search(value)
        if home and not _generic_account(home.group(1)):
            out.append(Leak(None, "metadata", f"{key}: {value}",
                            detail=f"a home-directory path names the account {home.group(1)!r}"))
            continue
        email = EMAIL.search(value)
        if email and not PLACEHOLDER_EMAIL.search(email.group(0)):
            out.append(Leak(None, "metadata", f"{key}: {value}", detail="an e-mail address in the metadata"))
            continue
        if matcher and key not in ("Author", "XMP dc:creator", "XMP pdf:Author"):
            match = next(iter(matcher.find(value)), None)
            if match:
                out.append(Leak(None, "metadata", f"{key}: {value}",
                                detail=f"names {match.identity.spec!r}"))
    if matcher and author and not any(leak.text.startswith("Author:") for leak in out):
        # a generic-looking Author that still names a supplied identity
        match = next(iter(matcher.find(author)), None)
        if match:
            out.append(Leak(None, "metadata", f"Author: {author}", detail=f"names {match.identity.spec!r}"))
    return out


def attachment_leaks(document, matcher: IdentityMatcher) -> list[Leak]:
    out = []
    for name in document.attachments:
        home = HOME_PATH.search(name)
        email = EMAIL.search(name)
        match = next(iter(matcher.find(name)), None) if matcher else None
        if (home and not _generic_account(home.group(1))) or (email and not
                                                                          PLACEHOLDER_EMAIL.search(email.group(0))):
            out.append(Leak(None, "attachment", f"embedded file: {name}", detail="the file name identifies a person"))
        elif match:
            out.append(Leak(None, "attachment", f"embedded file: {name}", detail=f"names {match.identity.spec!r}"))
        else:
            out.append(Leak(None, "embedded-file", f"embedded file: {name}", level=Level.WARNING,
                            detail="embedded files travel with the PDF to the reviewers"))
    return out


def _generic_account(name: str) -> bool:
    """A build machine's or a default account ("runner", "user2", "ubuntu"), not a person's."""
    return re.sub(r"\d+$", "", name.lower()) in GENERIC_ACCOUNTS
