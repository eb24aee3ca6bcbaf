"""Anonymity: what reveals the authors, what does not, and the camera-ready reverse.

Fixtures (fixtures/src/anon-*.tex) hold one kind of leak or of allowed non-leak
each; the corpus tests hold the detector to hand labels on real papers.
"""
from __future__ import annotations

import json

import pytest

from conftest import corpus_pdf, fixture, run_cli
from wscheck.authors import (
    AuthorsFileError,
    Identity,
    IdentityMatcher,
    collect_identities,
    identities_from_row,
    parse_authors_text,
    parse_identity,
    read_authors_file,
)
from wscheck.document import Document
from wscheck.identity import IdentityOptions, find_leaks, find_leftovers, scan, url_owner


def leaks(name, *authors, **options):
    return scan(Document(fixture(name)), IdentityOptions(authors=authors, **options))


def kinds(found, level=None):
    return sorted(leak.kind for leak in found if level is None or leak.level == level)


def anonymity_result(*args):
    result = run_cli("check", "--format", "json", *args)
    data = json.loads(result.stdout)
    return result, next(r for r in data["results"] if r["rule"] == "anonymity")


# -- identity strings and authors files -------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Jane Doe", "name", "Jane Doe"),
    ("  Jane   Doe ", "name", "Jane Doe"),
    ("Doe, Jane", "name", "Jane Doe"),
    ("name:Jane Doe", "name", "Jane Doe"),
    ("github:jdoe", "github", "jdoe"),
    ("gh:@jdoe", "github", "jdoe"),
    ("github:https://github.com/jdoe", "github", "jdoe"),
    ("hf:jdoe-lab", "hf", "jdoe-lab"),
    ("huggingface:jdoe-lab", "hf", "jdoe-lab"),
    ("institution:Stanford University", "institution", "Stanford University"),
    ("affiliation:MPI-IS", "institution", "MPI-IS"),
    ("jane@stanford.edu", "email", "jane@stanford.edu"),
    ("email:jane@stanford.edu", "email", "jane@stanford.edu"),
    ("site:https://www.janedoe.net/", "site", "janedoe.net"),
    ("orcid:0000-0002-1825-0097", "orcid", "0000-0002-1825-0097"),
])
def test_identity_string_convention(text, kind, value):
    identity = parse_identity(text)
    assert (identity.kind, identity.value) == (kind, value)
    assert parse_identity(identity.spec) == identity  # the string form round-trips


@pytest.mark.parametrize("text", ["", "   ", "twitterx:jdoe", "github:j doe"])
def test_bad_identity_strings_are_refused(text):
    with pytest.raises(ValueError):
        parse_identity(text)


def test_authors_text_file_has_one_identity_per_line():
    text = "# core contributors\nJane Doe\n\ngithub:janedoe\nhf:jdoe-lab\ninstitution:Stanford University\n"
    assert [i.spec for i in parse_authors_text(text)] == [
        "Jane Doe", "github:janedoe", "hf:jdoe-lab", "institution:Stanford University"]


def test_authors_csv_reads_named_columns_and_ignores_the_others():
    text = ("paper,first,last,email,affiliation,github,hf\n"
            "17,Jane,Doe,jane@stanford.edu,Stanford University,janedoe,jdoe-lab; jdoe\n"
            "17,Rahul,Iyer,,Google DeepMind,,\n")
    specs = [i.spec for i in parse_authors_text(text)]
    assert specs == ["Jane Doe", "email:jane@stanford.edu", "institution:Stanford University", "github:janedoe",
                     "hf:jdoe-lab", "hf:jdoe", "Rahul Iyer", "institution:Google DeepMind"]


def test_one_csv_row_gives_its_identities_for_a_per_paper_map():
    row = {"file": "paper17.pdf", "name": "Jane Doe", "GitHub username": "janedoe", "identity": "twitter:jdoe"}
    assert identities_from_row(row) == [Identity("name", "Jane Doe"), Identity("github", "janedoe"),
                                        Identity("twitter", "jdoe")]


def test_headerless_tab_separated_file_holds_identity_strings():
    assert [i.spec for i in parse_authors_text("Jane Doe\tgithub:janedoe\n")] == ["Jane Doe", "github:janedoe"]


def test_unreadable_or_bad_authors_file_is_one_clear_error(tmp_path):
    with pytest.raises(AuthorsFileError, match="cannot read"):
        read_authors_file(tmp_path / "missing.txt")
    bad = tmp_path / "authors.txt"
    bad.write_text("Jane Doe\nmastodon:jdoe\n")
    with pytest.raises(AuthorsFileError, match="line 2"):
        read_authors_file(bad)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Mar\xeda L\xf3pez\n".encode("latin-1"))
    with pytest.raises(AuthorsFileError, match="not UTF-8"):
        read_authors_file(latin)


def test_identities_are_collected_from_config_file_and_command_line_without_repeats(tmp_path):
    path = tmp_path / "authors.csv"
    path.write_text("name,github\nJane Doe,janedoe\n")
    found = collect_identities(["Jane Doe", "hf:jdoe-lab"], path, config_authors=["institution:Stanford"])
    assert [i.spec for i in found] == ["institution:Stanford", "Jane Doe", "github:janedoe", "hf:jdoe-lab"]


# -- matching names ------------------------------------------------------------------------------------
def _matched(identities, text):
    return [m.text(text) for m in IdentityMatcher(identities).find(text)]


def test_names_match_with_initials_accents_case_and_line_breaks():
    text = ("J. Doe; Doe, J.; Jane A. Doe; JANE DOE; Jane\nDoe; D. Bastos Costa; Jose Alvarez; "
            "J.-P. van der Berg")
    found = _matched(["Jane Doe", "Davi Bastos Costa", "José Álvarez", "Jean-Pierre van der Berg"], text)
    assert found == ["J. Doe", "Doe, J.", "Jane A. Doe", "JANE DOE", "Jane\nDoe", "D. Bastos Costa",
                     "Jose Alvarez", "J.-P. van der Berg"]


def test_names_do_not_match_inside_other_names_or_words():
    assert _matched(["Jane Doe", "github:jdoe"], "Janet Doe and Jane Doerr use github.com/jdoes") == []


def test_usernames_match_in_links_and_model_ids():
    text = "see github.com/JDoe/x, jdoe.github.io, huggingface.co/datasets/jdoe/d and jdoe/llama-ft"
    assert _matched(["github:jdoe"], text) == ["github.com/JDoe", "jdoe.github.io"]
    assert _matched(["hf:jdoe"], text) == ["huggingface.co/datasets/jdoe", "jdoe/llama-ft"]


# -- the author block and its footnotes on page 1 ------------------------------------------------------
def test_template_placeholders_are_not_leaks():
    for name in ("iclr-anon-short", "icml-anon", "neurips-anon"):
        assert find_leaks(Document(fixture(name))) == [], name


def test_iclr_left_aligned_named_block():
    found = find_leaks(Document(fixture("iclr-named")))
    block = [leak.text for leak in found if leak.kind == "author-block"]
    assert block == ["Jane Doe Rahul Iyer"]
    assert "Department of Computer Science, Stanford University" in [l.text for l in found if l.kind == "affiliation"]
    assert "{jane.doe,riyer}@stanford.edu" in [l.text for l in found if l.kind == "email"]


def test_icml_centered_names_and_affiliation_footnote():
    found = leaks("anon-icml-named")
    texts = {(leak.kind, leak.text) for leak in found}
    assert ("author-block", "Jane Doe*1 Rahul Iyer*2 Ann-Kathrin Müller1") in texts
    assert ("author-block", "Correspondence to: Jane Doe <jane.doe@stanford.edu>.") in texts
    assert any(kind == "affiliation" and "Stanford University" in text and "Google DeepMind" in text
               for kind, text in texts)
    assert ("email", "jane.doe@stanford.edu") in texts
    assert all(leak.page == 1 and leak.level == "error" for leak in found)


def test_anonymous_icml_block_with_a_leftover_work_done_footnote():
    found = leaks("anon-icml-footnote")
    assert [(leak.kind, leak.text) for leak in found] == [
        ("affiliation", "*Work done while the first author was an intern at Google DeepMind.")]


def test_neurips_two_column_author_table():
    found = leaks("anon-neurips-named")
    assert {"Jane Doe1", "Rahul Iyer1"} <= {l.text for l in found if l.kind == "author-block"}
    assert {"Stanford University", "Department of Computer Science", "Bangalore, India"} <= \
        {l.text for l in found if l.kind == "affiliation"}
    assert "{jane.doe,riyer}@stanford.edu" in [l.text for l in found if l.kind == "email"]


def test_ieee_multi_column_author_block_with_orcid():
    found = leaks("anon-ieee-block")
    assert sorted(l.text for l in found if l.kind == "author-block") == ["Jane Doe", "Maria Lopez", "Rahul Iyer"]
    assert [l.text for l in found if l.kind == "orcid"] == ["ORCID 0000-0002-1825-0097"]
    assert {"Stanford University", "National University of Singapore", "Universidad de Chile"} <= \
        {l.text for l in found if l.kind == "affiliation"}


def test_plain_article_author_block_with_accented_affiliation():
    found = leaks("anon-article-named")
    assert sorted(l.text for l in found if l.kind == "author-block") == ["Jane Doe", "Rahul Iyer"]
    assert "University of Tübingen" in [l.text for l in found if l.kind == "affiliation"]
    assert not any("2026" in l.text for l in found)  # the date line is not identity


def test_thanks_footnote_obfuscated_email_employer_and_profiles_in_the_text():
    found = leaks("anon-article-thanks")
    texts = {(leak.kind, leak.level, leak.text) for leak in found}
    assert ("acknowledgments", "error", "*Jane Doe is supported by the NSF under grant IIS-2045678.") in texts
    assert ("email", "error", "jane [at] stanford [dot] edu") in texts
    assert ("affiliation", "error", "This work was done while the first author was at Google DeepMind.") in texts
    assert ("url", "warning", "https://x.com/janedoe_ml") in texts
    assert ("url", "warning", "https://orcid.org/0000-0002-1825-0097") in texts
    assert "karpathy" not in " ".join(leak.text for leak in found)  # someone else's tweet
    assert not any(leak.kind == "author-block" for leak in found)  # "Anonymous Authors" is the placeholder


# -- e-mails and links ------------------------------------------------------------------------------------
def test_own_links_fail_and_third_party_anonymized_and_archive_links_do_not():
    found = leaks("anon-links")
    own = sorted(l.text for l in found if l.kind == "url")
    assert own == ["https://drive.google.com/drive/folders/1AbCdEfGh",
                   "https://github.com/janedoe/calibrated-abstention",
                   "https://huggingface.co/jdoe-lab/abstain-7b",
                   "https://www.cs.stanford.edu/~jdoe/abstain"]
    assert all(l.level == "error" and l.fix for l in found if l.kind == "url")
    everything = " ".join(l.text for l in found)
    for allowed in ("gpleiss", "google-research", "4open", "openreview", "arxiv", "doi.org", "karpathy",
                    "cognition_labs"):
        assert allowed not in everything, allowed
    # a bare footnote link cannot be attributed: listed, allowed
    assert [(l.level, l.text) for l in found if l.kind == "third-party-url"] == [
        ("info", "https://github.com/someorg/selective-baseline")]
    assert [l.text for l in found if l.kind == "email"] == ["{jdoe,riyer}@cs.stanford.edu"]


def test_own_links_written_as_bare_hosts_fail():
    found = leaks("anon-own-bare-links")
    assert [(l.page, l.text, l.level) for l in found if l.kind == "url"] == [
        (1, "janedoe-lab.github.io", "error"),  # "Our project website can be found at ..."
        (2, "github.com/abstainlab/calib-tools", "error"),  # "Our code: ..."
        (2, "mlgroup.cs.example.edu", "error"),  # "... on our lab page, ..."
    ]


def test_third_party_projects_cited_in_the_third_person_are_not_identity():
    found = leaks("anon-third-party-links")
    assert find_leaks(Document(fixture("anon-third-party-links"))) == []
    assert not [l for l in found if l.level != "info"]  # at most listed as someone else's
    assert "4open" not in " ".join(l.text for l in found)


@pytest.mark.parametrize("venue, status", [
    ("icml2026", "fail"), ("neurips2026", "fail"),  # their instructions: no acknowledgements in the submission
    ("iclr2026", "warn"), ("icml2024", "warn"),  # not stated (ICML 2024: not verified)
])
def test_acknowledgments_naming_nobody_are_a_finding_at_the_rule_set_s_level(venue, status):
    from test_format import check_json, rule

    anonymity = rule(check_json("--venue", venue, fixture("anon-icml-acks-nobody")), "anonymity")
    assert anonymity["status"] == status
    [finding] = anonymity["findings"]
    assert finding["kind"] == "acknowledgments-present"
    assert finding["text"].startswith("Acknowledgements: We thank our advisor and our colleagues")


def test_inspect_lists_acknowledgments_that_name_nobody_under_identity():
    assert [leak.kind for leak in find_leaks(Document(fixture("anon-icml-acks-nobody")))] == [
        "acknowledgments-present"]


def test_footnote_links_are_judged_by_the_sentence_that_cites_them():
    found = leaks("anon-footnote-links")
    assert sorted(l.text for l in found if l.kind == "url" and l.level == "error") == [
        "https://github.com/jdoe/abstain",  # "Our implementation is public.^1"
        "https://github.com/lab42/calibrated-abstention-figures",  # named after the paper
    ]
    assert "otherlab" not in " ".join(l.text for l in found)  # "we also rely on a baseline^2"
    # nobody says whose the dataset is: listed, allowed
    assert [(l.kind, l.level) for l in found if "openai" in l.text] == [("third-party-url", "info")]


def test_run_in_acknowledgments_without_punctuation():
    found = leaks("anon-footnote-links")
    assert [(l.kind, l.text) for l in found if l.kind == "acknowledgments"] == [
        ("acknowledgments", "We thank Jane Smith for helpful discussions.")]


def test_teaser_figure_under_an_anonymous_block_is_not_an_author_block():
    assert leaks("anon-teaser-figure") == []


def test_allow_list_is_configurable():
    found = leaks("anon-links", allowed_hosts=("github.com/janedoe", "drive.google.com"))
    own = {l.text for l in found if l.kind == "url"}
    assert own == {"https://huggingface.co/jdoe-lab/abstain-7b", "https://www.cs.stanford.edu/~jdoe/abstain"}


def test_a_supplied_account_makes_a_link_the_authors_own():
    found = leaks("anon-links", "github:someorg")
    assert "https://github.com/someorg/selective-baseline" in [l.text for l in found if l.kind == "url"]


@pytest.mark.parametrize("url, owner", [
    ("https://github.com/janedoe/repo", ("github", "janedoe")),
    ("github.com/janedoe", ("github", "janedoe")),
    ("https://janedoe.github.io/", ("github", "janedoe")),
    ("https://huggingface.co/datasets/jdoe/d", ("hf", "jdoe")),
    ("https://huggingface.co/docs/transformers", None),
    ("https://github.com/features/actions", None),
    ("https://x.com/jdoe/status/1", ("twitter", "jdoe")),
    ("https://www.cs.stanford.edu/~jdoe/", ("site", "cs.stanford.edu/~jdoe")),
    ("https://osf.io/abcd/?view_only=123", None),
    ("https://pytorch.org/docs", None),
])
def test_url_owner(url, owner):
    found = url_owner(url)
    assert (None if found is None else (found.platform, found.name)) == owner


# -- metadata and embedded files ----------------------------------------------------------------------------
def test_metadata_author_xmp_home_path_and_embedded_files():
    found = leaks("anon-metadata")
    texts = {(leak.kind, leak.level, leak.text) for leak in found}
    assert ("metadata", "error", "Author: Jane Doe") in texts
    assert ("metadata", "error", "XMP dc:creator: Rahul Iyer") in texts
    assert ("metadata", "error", "Creator: LaTeX with hyperref (/Users/jdoe/papers/abstain/main.tex)") in texts
    assert ("attachment", "error", "embedded file: /home/jdoe/abstain/notes.txt") in texts
    assert ("embedded-file", "warning", "embedded file: results.csv") in texts
    assert all(leak.page is None for leak in found)


def test_metadata_title_naming_a_supplied_author_is_a_leak(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(fixture("iclr-anon-short")))
    writer.add_metadata({"/Title": "jdoe draft for Jane Doe"})
    path = tmp_path / "titled.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    assert find_leaks(Document(path)) == []
    found = find_leaks(Document(path), IdentityOptions(authors=("Jane Doe",)))
    assert [(l.kind, l.text) for l in found] == [("metadata", "Title: jdoe draft for Jane Doe")]


# -- acknowledgments, self-citation, supplied names ------------------------------------------------------------
def test_acknowledgments_naming_people_grants_and_funders_fail():
    found = leaks("anon-acks")
    assert kinds(found) == ["acknowledgments", "acknowledgments"]
    assert found[0].text == "We thank María López for comments on an early draft."
    assert "María López" in found[0].detail
    assert "IIS-2045678" in found[1].detail and "National Science Foundation" in found[1].detail


def test_author_thanked_in_the_acknowledgments_fails_and_the_report_quotes_the_name():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--author", "Maria Lopez", fixture("anon-acks"))
    assert result.returncode == 1
    row = next(l for l in result.stdout.splitlines() if " anonymity " in l)
    assert "FAIL" in row
    assert "María López" in result.stdout


def test_clean_paper_with_allowed_items_reveals_nothing():
    assert find_leaks(Document(fixture("anon-clean-allowed"))) == []
    found = leaks("anon-clean-allowed", "Jane Doe", "github:janedoe", "Maria Lopez")
    # names in the references and third-person citations are listed, never failures
    assert found and all(leak.level == "info" for leak in found), found
    assert {leak.kind for leak in found} == {"author-name", "url"}


def test_clean_paper_passes_the_check_even_with_authors_given():
    result, anonymity = anonymity_result("--venue", "iclr2026-trustworthy-ai", "--author", "Jane Doe",
                                         "--author", "github:janedoe", fixture("anon-clean-allowed"))
    assert anonymity["status"] == "pass", anonymity
    assert result.returncode == 0
    assert {f["level"] for f in anonymity["findings"]} == {"info"}


def test_self_citation_phrasing_is_a_warning():
    found = leaks("anon-selfcite")
    assert [(l.kind, l.level) for l in found] == [("self-citation", "warning")] * 2
    assert found[0].text == "As shown in our previous work [3], abstention is cheap to deploy."
    assert found[1].text == "We previously showed that the threshold can be calibrated after training."
    result, anonymity = anonymity_result("--venue", "iclr2026-trustworthy-ai", fixture("anon-selfcite"))
    assert anonymity["status"] == "warn" and result.returncode == 0


def test_supplied_author_in_text_is_classified_by_where_it_appears():
    found = leaks("anon-clean-allowed", "Jane Doe")
    details = sorted(leak.detail for leak in found)
    assert details == ["Jane Doe cited in the third person (allowed in double-blind review)",
                       "Jane Doe in the references (allowed in double-blind review)"]


# -- camera-ready: the reverse ------------------------------------------------------------------------------
def test_camera_ready_with_anonymization_left_over_fails():
    found = find_leftovers(Document(fixture("anon-camera-leftover")))
    texts = [leak.text for leak in found if leak.level == "error"]
    assert texts == ["Author: Anonymous Authors", "Anonymous authors", "Paper under double-blind review",
                     "https://anonymous.4open.science/r/abstain-3F2A",
                     "Acknowledgments removed for double-blind review."]
    result, anonymity = anonymity_result("--venue", "iclr2026-trustworthy-ai", "--stage", "camera-ready",
                                         fixture("anon-camera-leftover"))
    assert result.returncode == 1 and anonymity["status"] == "fail"
    assert "still anonymized" in anonymity["message"]


def test_the_same_paper_is_clean_as_a_submission():
    assert find_leaks(Document(fixture("anon-camera-leftover"))) == []


def test_named_camera_ready_passes_the_reversed_check():
    result, anonymity = anonymity_result("--venue", "iclr2026-trustworthy-ai", "--stage", "camera-ready",
                                         fixture("iclr-named"))
    assert anonymity["status"] == "pass", anonymity
    assert anonymity["message"] == "no anonymization left in the camera-ready"


# -- what users see ----------------------------------------------------------------------------------------------
def test_findings_give_page_kind_whole_text_and_fix_in_json():
    _, anonymity = anonymity_result("--venue", "icml2026-mechinterp", fixture("anon-links"))
    finding = next(f for f in anonymity["findings"] if f["text"].startswith("https://github.com/janedoe"))
    assert finding == {**finding, "page": 1, "kind": "url", "text": "https://github.com/janedoe/calibrated-abstention"}
    assert finding["fix"] and finding["detail"] and finding["line"]


def test_long_finding_text_is_never_cut_in_the_text_report():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", fixture("anon-acks"))
    flowing = " ".join(" ".join(line.split()) for line in result.stdout.splitlines())  # wrapped at 80, joined
    assert ('"This work was supported by the National Science Foundation under grant IIS-2045678 and by '
            'compute credits from Google."') in flowing and "…" not in result.stdout


def test_inspect_lists_leaks_under_identity():
    named = json.loads(run_cli("inspect", "--format", "json", fixture("anon-links")).stdout)
    assert {"page": 1, "kind": "url", "text": "https://github.com/janedoe/calibrated-abstention"} in named["identity"]
    assert not any(item["kind"] == "third-party-url" for item in named["identity"])
    clean = json.loads(run_cli("inspect", "--format", "json", fixture("anon-selfcite")).stdout)
    assert clean["identity"] == []  # phrasing is a warning, not identity


def test_authors_file_option(tmp_path):
    authors = tmp_path / "authors.csv"
    authors.write_text("name,github\nMaria Lopez,someorg\n")
    result, anonymity = anonymity_result("--venue", "iclr2026-trustworthy-ai", "--authors-file", authors,
                                         fixture("anon-links"))
    assert "https://github.com/someorg/selective-baseline" in [f["text"] for f in anonymity["findings"]
                                                              if f["kind"] == "url" and "level" not in f]


@pytest.mark.parametrize("args, message", [
    (["--author", "mastodon:jdoe"], "unknown identity kind 'mastodon'"),
    (["--authors-file", "/nonexistent/authors.txt"], "cannot read the authors file"),
])
def test_bad_author_input_is_a_usage_error(args, message):
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", *args, fixture("iclr-anon-short"))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# -- real papers ---------------------------------------------------------------------------------------------------
def _expects_identity(label) -> bool:
    meta = (label.get("pdf_metadata_author") or "").strip()
    return (not label.get("anonymous", False)) or bool(label.get("visible_identity")) or \
        (bool(meta) and "anonymous" not in meta.lower())


def test_every_kind_is_documented():
    from wscheck.identity import FIXES, NOTE_KINDS, REVEALING_KINDS

    seen = {leak.kind for name in ("anon-links", "anon-metadata", "anon-acks", "anon-selfcite", "anon-ieee-block",
                                   "anon-article-thanks", "anon-clean-allowed")
            for leak in leaks(name, "Jane Doe")}
    seen |= {leak.kind for leak in find_leftovers(Document(fixture("anon-camera-leftover")))}
    assert seen <= set(REVEALING_KINDS) | set(NOTE_KINDS)
    assert set(REVEALING_KINDS) | set(NOTE_KINDS) <= set(FIXES)


@pytest.mark.slow
def test_identity_on_real_papers_matches_the_labels(corpus_labels):
    wrong = []
    for label in corpus_labels:
        found = find_leaks(Document(corpus_pdf(label)))
        if bool(found) != _expects_identity(label):
            wrong.append(f"{label['id']}: expected identity={_expects_identity(label)}, got "
                         f"{[(leak.kind, leak.text[:60]) for leak in found[:3]]}")
    assert not wrong, wrong


@pytest.mark.slow
def test_real_anonymous_papers_pass_and_leaky_ones_say_why(corpus_labels):
    by_id = {label["id"]: label for label in corpus_labels}
    template = find_leaks(Document(corpus_pdf(by_id["iclr2026-template"])))
    assert template == []  # third-party GitHub link cited in the text; instructions-only acknowledgments
    leak = find_leaks(Document(corpus_pdf(by_id["icml2026-sycophancy-anon-vkmk1"])))
    assert {l.text for l in leak} == {"https://github.com/vkmk1/Sandbagging-Personas",
                                      "https://github.com/kelkarI/sycophancy-clean-results"}
    ieee = find_leaks(Document(corpus_pdf(by_id["ieee-music-hmzi67"])))
    assert {"Muhammad Shahbaz", "Hamza Waheed", "Abdullah Asghar", "Abdul Wahab"} <= \
        {l.text for l in ieee if l.kind == "author-block"}
