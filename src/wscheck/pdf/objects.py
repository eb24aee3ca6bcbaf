"""Object-level facts PDFium does not expose: XMP metadata.

pypdf reads it lazily from the cross-reference table, without decoding any
content stream. (Fonts come from PDFium's page pass: wscheck.pdf.pdfium.)
"""
from __future__ import annotations

import logging
import re
import warnings
from xml.etree import ElementTree

from wscheck.errors import PdfReadError

logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def open_reader(path: str, password: str | None = None):
    """A pypdf reader over the file, opened read-only."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                reader.decrypt(password or "")
        return reader
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise PdfReadError(f"{path}: cannot read the PDF objects ({type(exc).__name__})") from None


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


def xmp(reader) -> dict[str, list[str]]:
    """The XMP fields that can name a person or a machine, as lists of strings."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            root = reader.trailer["/Root"].get_object()
            stream = root.get("/Metadata")
            if stream is None:
                return {}
            data = stream.get_object().get_data()
    except Exception:  # noqa: BLE001 - unreadable metadata is no metadata
        return {}
    if len(data) > 4_000_000:
        return {}
    return parse_xmp(data)


def parse_xmp(data: bytes) -> dict[str, list[str]]:
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
        values = []
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
