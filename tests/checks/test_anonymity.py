"""anonymity: a double-blind submission reveals no author; a camera-ready version keeps no anonymization.

The identity scan itself (author blocks, links, acknowledgments on real layouts) is tested in
tests/test_anonymity.py; these are the check's own rules: what becomes a finding, at which level,
and what the summary says.
"""
from __future__ import annotations

from checks.harness import check, page, text
from wscheck.document import Document
from wscheck.facts import AnonymityFacts
from wscheck.pdf.model import Link


def paper(*body_items, info=None, links=()) -> Document:
    first = page(1, [("large", "Abstention for Language Models"), ("gap", 20), ("bold", "Abstract")] + text(12)
                 + [("bold", "1 Introduction")] + text(20) + list(body_items))
    return Document.from_facts([first, page(2, [("bold", "2 Method")] + text(30))], info=info or {},
                               links=[list(links), []])


def test_a_clean_paper_passes():
    output = check("anonymity", paper())
    assert output.findings == [] and output.summary.startswith("no identifying information found; ")
    assert output.facts == AnonymityFacts(identity_items=0)


def test_a_pass_says_what_it_searched_for_or_how_to_give_identities():
    reminder = check("anonymity", paper()).summary
    assert "no author identities given" in reminder and '--author "Jane Doe"' in reminder
    assert "names, GitHub/HF usernames and institutions" in reminder
    assert "github:USER" in reminder and "hf:USER" in reminder and "institution:NAME" in reminder
    named = check("anonymity", paper(), authors=["Jane Doe", "github:jdoe", "institution:Stanford University"])
    assert named.summary == ("no identifying information found; searched for 3 author identities: Jane Doe, "
                             "github:jdoe, institution:Stanford University")
    # a paper that already names its authors gets no reminder
    leak = check("anonymity", paper(("text", "Correspondence to jane.doe@stanford.edu for the data.")))
    assert leak.findings and "--author" not in leak.summary


def test_an_e_mail_address_and_the_author_in_the_metadata_fail():
    output = check("anonymity", paper(("text", "Correspondence to jane.doe@stanford.edu for the data."),
                                      info={"Author": "Jane Doe"}))
    assert sorted((f.kind, f.level) for f in output.findings) == [("email", None), ("metadata", None)]
    assert output.summary == "2 items reveal the authors (email, metadata)"
    assert output.facts == AnonymityFacts(identity_items=2)


def test_allowed_links_are_listed_but_pass_and_own_links_fail():
    own = ("text", "Our code is available at https://github.com/janedoe/abstain for the review.")
    cited = ("text", "We use the library of Smith et al. (2020) at https://github.com/smith/toolkit today.")
    bare = ("text", "See https://github.com/doe-lab/benchmarks for details.")
    output = check("anonymity", paper(own, cited, bare))
    # someone else's cited repository is nobody's leak; an account no sentence attributes is listed
    assert [(f.kind, f.level, f.text) for f in output.findings] == [
        ("url", None, "https://github.com/janedoe/abstain"),
        ("third-party-url", "info", "https://github.com/doe-lab/benchmarks")]
    assert output.summary == ("1 item reveals the authors (url); 1 allowed item listed (third-party-url)")
    allowed = check("anonymity", paper(own), allowed_hosts=["github.com/janedoe"])
    assert allowed.findings == []


def test_a_supplied_author_is_searched_for():
    output = check("anonymity", paper(("text", "This extends the earlier system built by Rahul Iyer in 2021.")),
                   authors=["Rahul Iyer"])
    assert [f.kind for f in output.findings] == ["author-name"]


def test_a_camera_ready_version_fails_on_anonymization_left_over():
    link = Link(page=1, uri="https://anonymous.4open.science/r/abstain-1234", box=(108.0, 300.0, 300.0, 310.0))
    output = check("anonymity", paper(("text", "Code: https://anonymous.4open.science/r/abstain-1234"),
                                      info={"Author": "Anonymous"}, links=[link]), stage="camera-ready")
    assert {f.kind for f in output.findings} == {"anonymous-leftover"}
    assert output.summary.startswith("the camera-ready is still anonymized: 2 items (anonymous-leftover x2)")
    assert check("anonymity", paper(), stage="camera-ready").summary == "no anonymization left in the camera-ready"


def test_acknowledgments_naming_nobody_fail_where_the_rule_set_says_so_and_warn_elsewhere():
    acks = paper(("gap", 10), ("bold", "Acknowledgments"),
                 ("text", "We thank our advisor for many helpful discussions on an early draft of the paper."))
    warned = check("anonymity", acks)
    assert [(f.kind, f.level) for f in warned.findings] == [("acknowledgments-present", "warning")]
    assert warned.summary.startswith("1 item may reveal the authors (acknowledgments-present); ")
    failed = check("anonymity", acks, acknowledgments_level="error")
    assert [(f.kind, f.level) for f in failed.findings] == [("acknowledgments-present", None)]
    assert failed.summary == "1 item reveals the authors (acknowledgments-present)"
    assert failed.facts == AnonymityFacts(identity_items=1)
