"""The named steps of the identity scan: URL owners, whose a link is, e-mail forms, camera-ready leftovers."""
from __future__ import annotations

import pytest

from wscheck.document import Document
from wscheck.identity.emails import _bracketed, _brace_lists, _mailto_links, _obfuscated, _plain
from wscheck.identity.leftovers import _anonymous_references, _metadata_leftovers
from wscheck.identity.links import _exempt, _hugging_face, _parse, _personal_page, _social, url_owner
from wscheck.identity.model import IdentityOptions
from wscheck.identity.text import build_stream
from wscheck.pdf.model import Line, Link


def ln(text, top, page=1, index=0, size=10.0, bold=False):
    """A line of text; a heading (bold) is as wide as its words, other lines fill the column."""
    x1 = 108.0 + 7 * len(text) if bold else 504.0
    return Line(page=page, index=index, text=text, x0=108.0, top=top, x1=x1, bottom=top + 9.0, font="Times",
                size=size, bold=bold, end_bold=bold, italic=False)


def stream_of(*texts, **facts):
    lines = [ln(text, 100 + 12 * n, index=n) for n, text in enumerate(texts)]
    filler = [ln("running text of the body of the paper goes on here", 400 + 12 * n, index=len(texts) + n)
              for n in range(20)]
    document = Document.from_facts([lines + filler], **facts)
    return document, build_stream(document)


# -- whose account a URL shows ---------------------------------------------------------------
@pytest.mark.parametrize("url, platform, name", [
    ("https://huggingface.co/datasets/jdoe/abstain", "hf", "jdoe"),
    ("hf.co/jdoe", "hf", "jdoe"),
    ("https://x.com/@jdoe", "twitter", "jdoe"),
    ("bsky.app/profile/jdoe.bsky.social", "twitter", "jdoe.bsky.social"),
    ("https://www.cs.uni.edu/~jdoe/index.html", "site", "cs.uni.edu/~jdoe/index.html"),
    ("https://uni.edu/people/jdoe", "site", "uni.edu/people/jdoe"),
])
def test_host_handlers(url, platform, name):
    owner = url_owner(url)
    assert owner is not None and (owner.platform, owner.name) == (platform, name)


def test_each_handler_on_its_own_and_plain_resources():
    assert _hugging_face(_parse("https://huggingface.co/docs/transformers")) is None  # a reserved path
    assert _social(_parse("https://x.com/search")) is None
    assert _personal_page(_parse("https://uni.edu/research/robotics")) is None
    assert url_owner("https://pytorch.org/docs/stable") is None
    assert url_owner("https://github.com/features/copilot") is None  # GitHub's own pages
    assert url_owner("http://[bad") is None  # unparsable


def test_allowed_and_anonymized_links_are_exempt():
    options = IdentityOptions(allowed_hosts=("openreview.net", "github.com/ourorg"))
    assert _exempt("https://openreview.net/forum?id=x", options)
    assert _exempt("github.com/ourorg/repo", options) and not _exempt("github.com/other/repo", options)
    assert _exempt("https://anonymous.4open.science/r/x-1", options)


# -- e-mail addresses in all their forms -------------------------------------------------------
def test_email_forms_each_found_once():
    text = ("{jane, rahul}@uni.edu and <jane . doe@lab.org> and plain@uni.edu and jdoe [at] uni [dot] edu "
            "and {anon, anonymous}@example.com")
    _, stream = stream_of(text)
    covered: list[tuple[int, int]] = []
    assert [shown for *_, shown in _brace_lists(stream.text, covered)] == ["{jane, rahul}@uni.edu"]
    assert [shown for *_, shown in _bracketed(stream.text, covered)] == ["jane . doe@lab.org"]
    assert [shown for *_, shown in _plain(stream.text, covered)] == ["plain@uni.edu"]  # not inside a brace list
    assert [shown for *_, shown in _obfuscated(stream, covered)] == ["jdoe [at] uni [dot] edu"]


def test_mailto_links_to_addresses_the_text_does_not_show():
    links = [[Link(1, "mailto:hidden@uni.edu?subject=x", (108.0, 100.0, 200.0, 110.0)),
              Link(1, "mailto:shown@uni.edu", (108.0, 112.0, 200.0, 122.0))]]
    document, stream = stream_of("Write to shown@uni.edu.", links=links)
    assert [(leak.kind, leak.text, leak.detail) for leak in _mailto_links(document, stream)] == [
        ("email", "hidden@uni.edu", "a mailto: link")]


# -- camera-ready leftovers ----------------------------------------------------------------------
def test_anonymous_metadata_info_first_then_xmp():
    both = Document.from_facts([[]], info={"Author": "Anonymous Authors"}, xmp={"dc:creator": ["Anonymous"]})
    assert [leak.text for leak in _metadata_leftovers(both)] == ["Author: Anonymous Authors"]
    xmp = Document.from_facts([[]], xmp={"dc:creator": ["Anonymous"], "pdf:Author": ["anonymized"]})
    assert [leak.text for leak in _metadata_leftovers(xmp)] == ["XMP dc:creator: Anonymous"]
    assert _metadata_leftovers(Document.from_facts([[]], info={"Author": "Jane Doe"})) == []


def test_references_to_an_anonymous_author():
    lines = [ln("1 Introduction", 82, index=0, size=12, bold=True)] + [
        ln("running text of the body of the paper goes on here", 100 + 12 * n, index=n + 1) for n in range(20)]
    refs = [ln("References", 400, index=21, size=12, bold=True),
            ln("Anonymous. A paper under review. In Submitted to ICLR, 2025.", 420, index=22),
            ln("Doe, J. Another paper. In Proceedings of ICML, 2024.", 432, index=23)] + [
        ln(f"Roe, R. Paper {n}. In Proceedings of NeurIPS, 20{10 + n}.", 444 + 12 * n, index=24 + n) for n in range(8)]
    document = Document.from_facts([lines + refs])
    leaks = _anonymous_references(document, build_stream(document))
    assert [(leak.text, leak.level) for leak in leaks] == [
        ("Anonymous. A paper under review. In Submitted to ICLR, 2025.", "warning")]


# -- links written as bare hosts, and whose they are ------------------------------------------------
def test_bare_hosts_are_urls_but_not_file_names_numbers_or_e_mail_domains():
    from wscheck.identity.patterns import URL_TEXT

    text = ("our page is janedoe-lab.github.io. the lab: mlgroup.cs.example.edu; see ox.ac.uk/people/x and "
            "e.g. 3.5ms, node.js, train.py, jdoe@lab.org")
    assert [m.group(0) for m in URL_TEXT.finditer(text)] == [
        "janedoe-lab.github.io", "mlgroup.cs.example.edu", "ox.ac.uk/people/x"]


def url_leak_texts(*texts):
    from wscheck.identity import scan

    document, _ = stream_of(*texts)
    return [(leak.text, leak.level) for leak in scan(document) if leak.kind == "url"]


def test_a_bare_host_is_the_authors_only_when_their_words_claim_it_right_before_it():
    from wscheck.identity.links import UrlHit, _bare_host

    assert _bare_host(UrlHit("mlgroup.example.org", 1, 0, 0, 19, None))
    assert not _bare_host(UrlHit("https://mlgroup.example.org", 1, 0, 0, 27, None))
    assert not _bare_host(UrlHit("mlgroup.example.org/abstain", 1, 0, 0, 27, None))
    assert url_leak_texts("Our lab page is mlgroup.example.org and nothing else.") == [
        ("mlgroup.example.org", "error")]
    # "our models" is said long before the host: a public corpus, not the authors' site
    assert url_leak_texts("Our models were trained on a large public corpus that is mirrored at "
                          "corpus.example.org for everyone.") == []
    # an owner in the address: the usual rules ("Our project website" claims it)
    assert url_leak_texts("Our project website can be found at janedoe.github.io today.") == [
        ("janedoe.github.io", "error")]


def test_acknowledgments_that_name_nobody_take_the_rule_set_s_level():
    from wscheck.identity import scan

    lines = [ln("1 Introduction", 82, index=0, size=12, bold=True)] + [
        ln("running text of the body of the paper goes on here", 100 + 12 * n, index=n + 1) for n in range(20)]
    lines += [ln("Acknowledgments", 400, index=21, size=12, bold=True),
              ln("We thank our advisor for helpful discussions on an early draft.", 420, index=22)]
    document = Document.from_facts([lines])
    for level in ("warning", "error"):
        [leak] = [l for l in scan(document, IdentityOptions(acknowledgments_level=level))
                  if l.kind == "acknowledgments-present"]
        assert leak.level == level and leak.reveals
        assert leak.detail == "acknowledgments in a blind submission (no names found in it)"


def test_a_bare_personal_page_nobody_claims_is_not_identity():
    from wscheck.identity import scan

    document, _ = stream_of("A gentle tutorial on abstention is at karpathy.github.io for readers.")
    found = [(leak.kind, leak.level) for leak in scan(document) if "karpathy" in leak.text]
    assert found == [("third-party-url", "info")]  # listed as someone else's, never a warning
