"""Object-level facts PDFium does not expose: XMP metadata.

pypdf reads it lazily from the cross-reference table. The one stream decoded
here, the XMP packet, is inflated with a hard cap (MAX_XMP_BYTES) so a metadata
bomb costs nothing; a packet over the cap raises StreamTooLarge, so that the
caller can say the metadata was not read rather than pass it as empty. (Fonts
come from PDFium's page pass: wscheck.pdf.pdfium.)
"""
from __future__ import annotations

import logging
import mmap
import re
import warnings
import zlib

from wscheck.errors import PdfReadError

logging.getLogger("pypdf").setLevel(logging.CRITICAL)

# real XMP packets are a few kB (with padding, tens of kB); 4 MB is generous
MAX_XMP_BYTES = 4_000_000


class StreamTooLarge(Exception):
    """A stream whose content is larger than the cap it is read with; `size` is a lower bound, in bytes."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"{size} bytes, over the limit of {limit}")
        self.size, self.limit = size, limit


def open_reader(path: str, password: str | None = None):
    """A pypdf reader over the file, opened read-only."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                reader.decrypt(password or "")
        return reader
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        reason = f"pypdf cannot read the PDF's objects ({type(exc).__name__})"
        if isinstance(exc, DependencyError):
            reason = f"the PDF is encrypted with a cipher pypdf cannot decrypt here ({exc})"
        error = PdfReadError(f"{path}: {reason}")
        error.reason = reason  # what a report says without the path
        raise error from None


_XMP_FIELDS = {
    "dc:creator": "{http://purl.org/dc/elements/1.1/}creator",
    "dc:title": "{http://purl.org/dc/elements/1.1/}title",
    "dc:description": "{http://purl.org/dc/elements/1.1/}description",
    "pdf:Author": "{http://ns.adobe.com/pdf/1.3/}Author",
    "pdf:Producer": "{http://ns.adobe.com/pdf/1.3/}Producer",
    "xmp:CreatorTool": "{http://ns.adobe.com/xap/1.0/}CreatorTool",
}
_RDF_LI = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
_RDF_DESCRIPTION = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"


def may_have_xmp(path: str) -> bool:
    """False when the file certainly has no XMP metadata, so pypdf need not open it.

    An XMP stream's own dictionary says /Type /Metadata and, being a stream, is
    never inside a compressed object stream, so the name is visible in the raw
    bytes (as is an uncompressed packet). Most LaTeX papers carry no XMP at all.
    """
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            # "/Metadata" and "/Met#.." (a name written with an escape) both begin "/Met": one pass
            # over the file finds either, a second looks for the packet itself
            position = data.find(b"/Met")
            while position != -1:
                if data[position + 4: position + 9] == b"adata" or data[position + 4: position + 5] == b"#":
                    return True
                position = data.find(b"/Met", position + 4)
            return data.find(b"xmpmeta") != -1
    except (OSError, ValueError):
        return True  # cannot tell: let the reader decide


def xmp(reader) -> dict[str, list[str]]:
    """The XMP fields that can name a person or a machine, as lists of strings.

    StreamTooLarge when the packet is larger than MAX_XMP_BYTES (it is not read)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            root = reader.trailer["/Root"].get_object()
            stream = root.get("/Metadata")
            if stream is None:
                return {}
            data = bounded_stream_data(stream.get_object(), MAX_XMP_BYTES)
    except StreamTooLarge:
        raise  # the caller says so: metadata that was not read is not empty metadata
    except Exception:  # noqa: BLE001 - unreadable metadata is no metadata
        return {}
    if data is None:
        return {}
    return parse_xmp(data)


def bounded_stream_data(stream, limit: int) -> bytes | None:
    """A stream's decoded bytes; StreamTooLarge when they would exceed `limit` bytes, None when undecodable.

    Plain and FlateDecode streams are inflated here with a cap, so that a stream
    declaring a few kB that inflates to gigabytes is refused after `limit` bytes
    (whatever pypdf version is installed); other filters go through pypdf, whose
    recent versions bound every decoder, and the worker's memory limit.
    """
    raw = getattr(stream, "_data", None)
    filters = stream.get("/Filter")
    if filters is None or isinstance(raw, str):
        names = []
    elif isinstance(filters, list) or hasattr(filters, "__iter__") and not isinstance(filters, str):
        names = [str(f) for f in filters]
    else:
        names = [str(filters)]
    if isinstance(raw, bytes) and len(raw) > limit * 4:
        raise StreamTooLarge(len(raw), limit)
    if isinstance(raw, bytes) and not names:
        return _within(raw, limit)
    if isinstance(raw, bytes) and names in (["/FlateDecode"], ["/Fl"]) and stream.get("/DecodeParms") is None:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, limit + 1)
        except zlib.error:
            return None
        return _within(data, limit)
    return _within(stream.get_data(), limit)


def _within(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise StreamTooLarge(len(data), limit)
    return data


def parse_xmp(data: bytes) -> dict[str, list[str]]:
    from xml.etree import ElementTree

    text = data.decode("utf-8", errors="replace")
    # XML entity expansion is the classic bomb; real XMP never declares entities
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        return {}
    match = re.search(r"<x:xmpmeta.*?</x:xmpmeta>|<rdf:RDF.*?</rdf:RDF>", text, re.S)
    if not match:
        return {}
    try:
        root = ElementTree.fromstring(match.group(0))
    except ElementTree.ParseError:
        return {}
    out: dict[str, list[str]] = {}
    for label, tag in _XMP_FIELDS.items():
        values: list[str] = []
        for element in root.iter(tag):
            items = [li.text for li in element.iter(_RDF_LI) if li.text and li.text.strip()]
            if items:
                values.extend(" ".join(i.split()) for i in items)
            elif element.text and element.text.strip():
                values.append(" ".join(element.text.split()))
        # attributes form: <rdf:Description pdf:Author="...">
        for description in root.iter(_RDF_DESCRIPTION):
            value = description.attrib.get(tag)
            if value and value.strip():
                values.append(" ".join(value.split()))
        if values:
            out[label] = values
    return out
