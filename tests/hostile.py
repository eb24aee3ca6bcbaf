"""Hostile and damaged PDFs, built in memory for the bad-input tests and the fuzzer.

Each builder returns the bytes of a file; the tests write them under tmp_path.
Nothing here needs TeX or a PDF library: a PDF is a list of numbered objects and
a cross-reference table, and writing them by hand is the only way to get exactly
the damage we want (a lying /Length, a 0-page tree, a million-fold bomb...).
"""
from __future__ import annotations

import io
import textwrap
import zlib

HELLO_CONTENT = b"BT /F1 11 Tf 72 720 Td (Hello from a hostile fixture) Tj ET"


def build_pdf(objects: list[bytes], *, root: int = 1, info: int | None = None, trailer_extra: bytes = b"",
              version: bytes = b"1.7") -> bytes:
    """A PDF with `objects` as objects 1..n and a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n<< " + trailer + trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"", *, compress: bool = False, length: int | None = None) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    declared = len(data) if length is None else length
    return b"<< /Length %d%s >>\nstream\n" % (declared, extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(pages: int = 1, content: bytes = HELLO_CONTENT) -> bytes:
    """`pages` US Letter pages sharing one content stream and one font (small even for 10,000 pages)."""
    # 1 catalog, 2 pages, 3 font, 4 content, 5.. page objects
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _FONT,
        stream(content),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> " \
           b"/Contents 4 0 R >>"
    objects += [page] * pages
    return build_pdf(objects)


def zero_page_pdf() -> bytes:
    return build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def broken_xref_pdf() -> bytes:
    """A readable PDF whose xref offsets all point to the wrong place (PDFium rebuilds it)."""
    data = text_pdf(2)
    head, _, tail = data.rpartition(b"xref\n")
    table, _, rest = tail.partition(b"trailer")
    damaged = b"\n".join(
        (b"%010d" % (int(row[:10]) + 7) + row[10:]) if row.endswith(b" n ") else row
        for row in table.split(b"\n")
    )
    return head + b"xref\n" + damaged + b"trailer" + rest


def truncated_pdf(fraction: float = 0.6) -> bytes:
    data = text_pdf(3)
    return data[: int(len(data) * fraction)]


def deep_array_pdf(depth: int = 100_000) -> bytes:
    """A page whose resources hold an array nested `depth` levels deep (and a deep Info entry)."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        _FONT,
        stream(HELLO_CONTENT),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
        b"/Deep " + nested + b" >> /Contents 4 0 R >>",
        b"<< /Title (deep) /Author " + nested + b" >>",
    ]
    return build_pdf(objects, info=6)


def deep_page_tree_pdf(depth: int = 5_000) -> bytes:
    """A page tree `depth` levels deep with one page at the bottom."""
    # 1 catalog, 2 font, 3 content, 4..4+depth-1 Pages nodes, then the page
    objects = [b"<< /Type /Catalog /Pages 4 0 R >>", _FONT, stream(HELLO_CONTENT)]
    first = 4
    page = first + depth
    for level in range(depth):
        number = first + level
        child = number + 1
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (child, parent))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 2 0 R >> >> "
                   b"/Contents 3 0 R >>" % (page - 1))
    return build_pdf(objects)


def _zeros_deflated(size: int) -> bytes:
    """zlib data that inflates to `size` bytes of spaces (about 1000:1), made in milliseconds.

    One MiB of spaces is deflated once, ending with a full flush (byte-aligned, no
    back-references across it), and that block is repeated; the checksum is
    chained block by block.
    """
    block_size = 1 << 20
    blocks, rest = divmod(size, block_size)
    compressor = zlib.compressobj(9)
    header_and_block = compressor.compress(b" " * block_size) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b" " * block_size) + compressor.flush(zlib.Z_FULL_FLUSH)
    header = header_and_block[: len(header_and_block) - len(block)]
    final = zlib.compress(b" " * rest, 9)[2:-4] if rest else b"\x03\x00"  # last deflate block, raw
    checksum = 1
    chunk = b" " * block_size
    for _ in range(blocks):
        checksum = zlib.adler32(chunk, checksum)
    if rest:
        checksum = zlib.adler32(b" " * rest, checksum)
    return header + block * blocks + final + checksum.to_bytes(4, "big")


def one_page_pdf(contents: bytes, *, catalog_extra: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """One Helvetica page whose content stream object is `contents`; `extra` objects are numbered from 6."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
        contents,
        *extra,
    ])


def _bomb_stream(inflated: int, extra: bytes = b"") -> bytes:
    data = _zeros_deflated(inflated)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def content_bomb_pdf(inflated: int = 4 << 30) -> bytes:
    """A page whose content stream inflates to `inflated` bytes (4 GiB by default, ~4 MB on disk)."""
    return one_page_pdf(_bomb_stream(inflated))


def xmp_bomb_pdf(inflated: int = 4 << 30) -> bytes:
    """A readable one-page PDF whose XMP metadata stream inflates to `inflated` bytes."""
    return one_page_pdf(stream(HELLO_CONTENT), catalog_extra=b" /Metadata 6 0 R",
                        extra=(_bomb_stream(inflated, b" /Type /Metadata /Subtype /XML"),))


def image_only_pdf(pages: int = 2) -> bytes:
    """A 'scan': each page is one grey image and no text at all."""
    width = height = 64
    pixels = bytes((x * 4) % 256 for x in range(width)) * height
    image = stream(pixels, b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                           b"/BitsPerComponent 8" % (width, height), compress=True)
    content = stream(b"q 540 0 0 720 36 36 cm /Im1 Do Q")
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        image,
        content,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 3 0 R >> >> " \
           b"/Contents 4 0 R >>"
    objects += [page] * pages
    return build_pdf(objects)


def stream_length_lie_pdf() -> bytes:
    """Every stream declares a /Length far larger than the file."""
    data = text_pdf(2)
    return data.replace(b"/Length %d " % len(HELLO_CONTENT), b"/Length 999999999 ")


def encrypted_pdf(*, user_password: str, owner_password: str = "owner-secret") -> bytes:
    """A real encrypted PDF (pypdf, AES-128), from a text page."""
    from pypdf import PdfReader, PdfWriter

    source = io.BytesIO(text_pdf(1))
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def odd_strings_pdf() -> bytes:
    """Metadata, an outline title and a link URI holding lone UTF-16 surrogates and stray bytes."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R /Annots [8 0 R] >>",
        stream(HELLO_CONTENT),
        b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
        b"<< /Title <FEFFD800004100DC00> /Parent 6 0 R /Dest [4 0 R /XYZ 0 nan 0] >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (http://ex\xff\x00ample.com/\xd8) >> >>",
        b"<< /Author <FEFFD800DC00D80000410042> /Title <FEFFDFFF> /Creator (\xfe\xff\xd8\x00) >>",
    ]
    return build_pdf(objects, info=9)


# -- issue 16: what used to pass silently, flood the report or forge it ------------------------
def long_line_pdf(chars: int = 20_000, char: bytes = b"a") -> bytes:
    """One page whose only line is `chars` characters long (in 1 pt type, so it is one line)."""
    return text_pdf(1, b"BT /F1 1 Tf 5 700 Td (" + char * chars + b") Tj ET")


def xmp_packet(creator: str) -> bytes:
    return ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>'
            f'{creator}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>').encode()


def padded_xmp_pdf(creator: str = "Jane Doe", padding: int = 5_000_000) -> bytes:
    """A few-kB PDF whose XMP names `creator` and is padded (compressed) past the 4 MB read limit."""
    packet = xmp_packet(creator) + b" " * padding
    return one_page_pdf(stream(HELLO_CONTENT), catalog_extra=b" /Metadata 6 0 R",
                        extra=(stream(packet, b" /Type /Metadata /Subtype /XML", compress=True),))


def many_emails_pdf(count: int, per_line: int = 5, lines_per_page: int = 60) -> bytes:
    """`count` distinct e-mail addresses, `per_line` to a line, in one compressed content stream per page."""
    pages = []
    number = 0
    while number < count:
        rows = []
        for _ in range(lines_per_page):
            if number >= count:
                break
            row = " ".join(f"user{n}@example{n % 7}.org" for n in range(number, min(count, number + per_line)))
            number += per_line
            rows.append(b"(" + row.encode() + b") Tj 0 -11 Td ")
        pages.append(b"BT /F1 8 Tf 72 740 Td " + b"".join(rows) + b"ET")
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
               _FONT]
    for index, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
                       b">> /Contents %d 0 R >>" % (5 + 2 * index))
        objects.append(stream(content, compress=True))
    return build_pdf(objects)


def huge_page_pdf(width: int = 14400, height: int = 5600) -> bytes:
    """A one-page PDF of `width` x `height` points (the largest PDF allows) with an e-mail address on it."""
    content = b"BT /F1 11 Tf 72 %d Td (Contact: jane.doe@university.edu) Tj ET" % (height - 72)
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>" % (width, height),
        stream(content),
    ])


# Strings that drive a terminal or a CI runner: clear screen, set the title (OSC), a fake verdict in
# colour, a bidi override, and workflow commands after a newline.
TERMINAL_ATTACK = "\x1b[2J\x1b]0;owned\x07\x1b[32mPASS\x1b[0m \u202eevil\u202c"
WORKFLOW_ATTACK = "\n::error file=x::forged\n::add-mask::secret\n##[error]old style"


def forging_pdf() -> bytes:
    """A PDF whose page text, /Author and attachment name carry terminal escapes and workflow commands."""
    text = ("Hello " + TERMINAL_ATTACK + " me@evil.org").encode("latin-1", "replace")
    author = ("Jane Doe" + WORKFLOW_ATTACK + TERMINAL_ATTACK).encode("latin-1", "replace")
    escaped_text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    escaped_author = author.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(x) 7 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
        stream(b"BT /F1 11 Tf 72 720 Td (" + escaped_text + b") Tj ET"),
        b"<< /Author (" + escaped_author + b") /Title (\\033]8;;http://x\\033\\\\) >>",
        b"<< /Type /Filespec /F (a\\n::error::name.txt) /UF (a\\n::error::name.txt) /EF << /F 8 0 R >> >>",
        stream(b"attached", b" /Type /EmbeddedFile"),
    ], info=6)


def pages_pdf(contents: list[bytes]) -> bytes:
    """One US Letter page per content stream, in order."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(contents)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
               _FONT]
    for index, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
                       b">> /Contents %d 0 R >>" % (5 + 2 * index))
        objects.append(stream(content))
    return build_pdf(objects)


def pattern_rule_set(pattern_yaml: str) -> str:
    """A rule set (extending iclr2026) whose one text-pattern rule searches for `pattern_yaml`, written as YAML
    (quote it yourself); the `patterns` line is line 10."""
    return textwrap.dedent(f"""\
        id: demo
        name: Demo
        extends: iclr2026
        tracks:
          only: {{description: The only track}}
        rules:
          hostile:
            check: text-pattern
            params:
              patterns: [{pattern_yaml}]
        """)
