"""Rules from calls for papers: each reader on its own, then whole calls (ours, and the shared labelled ones).

Everything runs in process on text the tests hold; nothing touches the network.
"""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT, SHARED
from wscheck import cfp, ruleset
from wscheck.cfp import dates, excludes, formats, limits, markup, review, writer
from wscheck.cfp.contract import to_json
from wscheck.cfp.sentences import Sentence, sentences, split

CALLS = ROOT / "tests" / "cfp_calls"
EXPECTED = yaml.safe_load((CALLS / "expected.yaml").read_text())


def facts_of(text: str, name: str = "call.txt"):
    return cfp.analyse_text(text, name)


def one(text: str) -> list[limits.Mention]:
    return limits.mentions_in(Sentence(text, 0, "para"), 0)


# -- markup ------------------------------------------------------------------------------
def test_html_keeps_struck_text_marked_and_drops_scripts_styles_and_hidden_text():
    page = ("<html><head><title>My WS</title><style>p{}</style><script>var x = '8 pages';</script></head><body>"
            "<p>Deadline: <del>May 1</del> May 8</p><p hidden>secret 9 pages</p>"
            "<div style='display: none'>hidden</div><p><s>old</s> <strike>older</strike> new</p>"
            "<p><span style='text-decoration: line-through'>gone</span> kept</p></body></html>")
    blocks, title = markup.html_blocks(page)
    assert title == "My WS"
    assert [b.text for b in blocks] == ["Deadline: ~~May 1~~ May 8", "~~old~~ ~~older~~ new", "~~gone~~ kept"]


def test_html_tables_become_rows_and_links_keep_their_target():
    page = ("<table><tr><th>Event</th><th>Date</th></tr><tr><td>Submission</td><td>May 8</td></tr></table>"
            "<ul><li>Submit on <a href='https://openreview.net/x'>OpenReview</a></li><li>b</li></ul>"
            "<h2>Dates</h2>")
    blocks, _ = markup.html_blocks(page)
    assert [(b.kind, b.text) for b in blocks] == [
        ("row", "Event | Date"), ("row", "Submission | May 8"), ("item", "Submit on OpenReview <https://openreview.net/x>"),
        ("item", "b"), ("heading", "Dates")]


def test_html_parser_survives_broken_markup():
    blocks, _ = markup.html_blocks("<p>Up to <b>4 pages<p>unclosed <del>struck <div>x</p></table></td>")
    assert blocks[0].text == "Up to 4 pages"
    assert "~~struck" in " ".join(b.text for b in blocks)


def test_markdown_front_matter_comments_templates_emphasis_links_and_tables():
    text = ("---\ntitle: \"The Call\"\n---\n<!-- Page limit: 6 pages -->\n# Call\n\nPapers are **up to 4 pages**\n"
            "and _anonymous_ with [the template](https://x.org/t.zip).\n\n{% include x.html %}\n"
            "| Event | Date |\n|---|---|\n| Deadline | ~~May 1~~ May 8 |\n\n* item one\n  * nested\n"
            "Setext heading\n--------------\nsnake_case_name stays\n")
    html, title = markup.markdown_to_html(text)
    blocks, _ = markup.html_blocks(html)
    texts = [b.text for b in blocks]
    assert title == "The Call"
    assert "6 pages" not in " ".join(texts) and "include" not in " ".join(texts)
    assert "Papers are up to 4 pages and anonymous with the template <https://x.org/t.zip>." in texts
    assert "Deadline | ~~May 1~~ May 8" in texts
    assert ("heading", "Setext heading") in [(b.kind, b.text) for b in blocks]
    assert "snake_case_name stays" in texts


def test_format_is_told_by_extension_then_by_content():
    assert markup.detect_format("x", "call.html") == "html"
    assert markup.detect_format("x", "call.md") == "markdown"
    assert markup.detect_format("<!DOCTYPE html><html><body><p>x</p></body></html>", "call") == "html"
    assert markup.detect_format("# Title\n\nSee [this](https://x.org) and **that**.", "call") == "markdown"
    assert markup.detect_format("Call for Papers\n- Deadline: May 8", "call.txt") == "text"


def test_control_characters_and_bidi_overrides_never_survive():
    blocks, _, _ = markup.to_blocks("Deadline\x1b[2J: May 8\u202e 2026\x00 <script>", "c.txt")
    assert blocks[0].text == "Deadline[2J: May 8 2026 <script>"


# -- sentences ---------------------------------------------------------------------------
def test_sentences_are_verbatim_slices_and_abbreviations_do_not_split():
    text = "Papers are up to 4 pages, e.g. short ones. See Fig. 2 and the link <https://a.b/c. d>. Done."
    assert split(text) == ["Papers are up to 4 pages, e.g. short ones.", "See Fig. 2 and the link <https://a.b/c. d>.",
                           "Done."]


def test_plain_text_headings_give_each_sentence_its_section():
    blocks, _, _ = markup.to_blocks("Important Dates (AoE)\n- Deadline: May 8\nCamera-Ready Instructions\n"
                                    "The limit is still 4 pages.", "c.txt")
    found = sentences(blocks)
    assert [(s.kind, s.heading) for s in found] == [("heading", ""), ("item", "Important Dates (AoE)"),
                                                    ("heading", ""), ("para", "Camera-Ready Instructions")]


# -- page limits --------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Submissions should be up to 4 pages.", [(None, 4, None)]),
    ("Papers must be no more than 8 pages long.", [(None, 8, None)]),
    ("Authors are invited to submit 4-page abstracts.", [(None, 4, None)]),
    ("We welcome papers of four pages or less.", [(None, 4, None)]),
    ("Paper length: 4\u20138 pages (excluding references)", [(None, 8, 4)]),
    ("Submissions should be between 4 and 6 pages in length.", [(None, 6, 4)]),
    ("Page limit: 4 pages, excluding references", [(None, 4, None)]),
    ("Tiny papers: 2 pages.", [("tiny", 2, None)]),
    ("Extended abstracts (2 pages) and full papers (6 pages) are welcome.", [("extended-abstract", 2, None),
                                                                            ("full", 6, None)]),
    ("Submissions can be either short (up to 4 pages) or long (up to 8 pages).", [("short", 4, None),
                                                                                 ("long", 8, None)]),
    ("The page limit is 8 pages for Long Papers and 4 pages for Short Papers.", [("long", 8, None),
                                                                                ("short", 4, None)]),
    ("(1) Short paper track: max 4 pages; (2) Long paper track: max 9 pages", [("short", 4, None),
                                                                             ("long", 9, None)]),
    ("Any paper that goes over the 8 page limit is rejected.", [(None, 8, None)]),
    ("Papers are limited to ~~6~~ 8 pages.", [(None, 8, None)]),
])
def test_limits_in_the_shapes_calls_write_them(text, expected):
    assert [(m.name, m.max_pages, m.min_pages) for m in one(text)] == expected


@pytest.mark.parametrize("text", [
    "Shorter submissions, e.g. four pages long, are also welcome.",
    "An appendix of up to 10 pages may follow the references.",
    "Authors may submit a 1-page response to the reviews.",
    "Selected papers will be invited to a journal special issue (up to 20 pages).",
    "ICLR requires each workshop to accept short papers (3-5 pages, exact length to be determined by each workshop).",
    "The main conference allows 9 pages.",
    "Accepted papers get one additional page.",
    "The workshop will feature 5 invited talks on page 2 of the program.",
    "Reviewers will each get 3 papers.",
    "References can take 2 pages.",
])
def test_counts_that_are_not_limits_are_left_out(text):
    assert [m.max_pages for m in one(text) if m.max_pages] == []


def test_per_template_limits_keep_their_template_and_track():
    found = one("Short papers are limited to 4 pages in ICML format and 5 pages in NeurIPS format; long papers to "
                "8 pages in ICML format and 9 pages in NeurIPS format.")
    assert [(m.name, m.family, m.max_pages) for m in found] == [("short", "icml", 4), ("short", "neurips", 5),
                                                                ("long", "icml", 8), ("long", "neurips", 9)]


def test_a_recommended_length_is_soft_and_a_minimum_is_a_minimum():
    assert [m.soft for m in one("We recommend submissions of up to 4 pages.")] == [True]
    assert [m.soft for m in one("Submissions are limited to 4 pages.")] == [False]
    assert [(m.min_pages, m.max_pages) for m in one("Papers must have at least 3 pages.")] == [(3, None)]


def test_restatements_merge_and_conflicts_are_not_guessed():
    merged = facts_of("Authors are invited to submit 4-page abstracts.\nLength: max 4 pages excluding references")
    assert [(t.label, t.max_pages, t.excludes) for t in merged.tracks] == [("main", 4, ["references"])]
    conflict = facts_of("Submissions are limited to 4 pages.\nLater on: papers may be up to 6 pages.")
    assert [(t.max_pages, len(t.conflict)) for t in conflict.tracks] == [(None, 2)]
    assert any("different limits" in note for note in conflict.human)


def test_a_limit_to_be_announced_is_a_track_without_a_number():
    found = facts_of("Submission Instructions\n- Page limit: TBD (announced with the style files)")
    assert [(t.max_pages, t.tbd) for t in found.tracks] == [(None, True)]
    assert any("still to be announced" in note for note in found.human)


# -- exclusions ----------------------------------------------------------------------------
@pytest.mark.parametrize("text,parts", [
    ("4 pages, excluding references and appendices", ["references", "appendix"]),
    ("up to 9 pages plus unlimited references and appendix", ["references", "appendix"]),
    ("This length does not include references or any supplementary materials.", ["references", "appendix"]),
    ("An optional appendix of any length may be included.", ["appendix"]),
    ("References and the appendix do not count toward the page limit.", ["references", "appendix"]),
    ("Appendices are allowed and do not count toward the page limit.", ["appendix"]),
    ("not including references, acknowledgements and the NeurIPS checklist", ["references", "acknowledgments",
                                                                               "checklist"]),
    ("max. 4 pages + refs", ["references"]),
    ("with unlimited additional pages for references and supplementary", ["references", "appendix"]),
    ("Submissions without author names are welcome.", []),
])
def test_exclusion_phrases(text, parts):
    assert sorted({p for found in excludes.find(text) for p in found.parts}) == sorted(parts)


def test_exclusions_apply_to_their_paragraph_or_to_every_limit():
    paragraph = facts_of("We welcome papers of up to 4 pages. This length does not include references.\n"
                         "Demo Submission Instructions\nDemos come with a report of up to 2 pages.")
    assert [(t.label, t.excludes) for t in paragraph.tracks] == [("main", ["references"]), ("demo", [])]
    everywhere = facts_of("- Long papers: up to 8 pages\n- Short papers: up to 4 pages\n"
                          "- References and appendices do not count toward the page limit.")
    assert [t.excludes for t in everywhere.tracks] == [["references", "appendix"]] * 2


# -- dates ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,day", [
    ("May 8th, 2026", "2026-05-08"), ("Feb 2, 2026 (AoE)", "2026-02-02"), ("8 May 2026", "2026-05-08"),
    ("8.5.2026", "2026-05-08"), ("2025/05/27, 11:59PM UTC", "2025-05-27"), ("2026-05-08T23:59", "2026-05-08"),
    ("Saturday, February 10, 2024 (23:59 AoE)", "2024-02-10"), ("October 6 (AOE), 2023", "2023-10-06"),
    ("8th of May, 2026", "2026-05-08"), ("Sept. 5, 2025", "2025-09-05"), ("05/27/2025", "2025-05-27"),
])
def test_days_in_every_common_spelling(text, day):
    hits = dates.find_days(text)
    assert len(hits) == 1 and f"{hits[0].year}-{hits[0].month:02d}-{hits[0].day:02d}" == day


def test_two_possible_days_are_not_one_day_and_may_the_verb_is_not_a_month():
    assert dates.find_days("December 5th or 6th, 2025")[0].undecided
    assert dates.find_days("6 or 7 December")[0].undecided
    assert dates.find_days("authors may 2 submit") == []


@pytest.mark.parametrize("text,zone,time", [
    ("23:59 AoE", "AoE", "23:59"), ("11:59 PM Anywhere on Earth", "AoE", "23:59"), ("11:59pm PT", "PT", "23:59"),
    ("23:59 (GMT+8)", "UTC+8", "23:59"), ("5pm CEST", "CEST", "17:00"), ("noon UTC", "UTC", "12:00"),
    ("11:59 p.m. Pacific Time", "PT", "23:59"), ("(UTC-12)", "UTC-12", None),
])
def test_time_zones_and_times(text, zone, time):
    assert (dates.find_zone(text), dates.find_time(text)) == (zone, time)


def test_milestones_struck_days_global_zones_and_missing_years():
    found = facts_of("Important Dates\n- Submission deadline: ~~May 1~~ May 8, 2026\n"
                     "- Acceptance notification: June 12\n- Camera-ready: to be announced\n"
                     "- Submission opens: April 1, 2026\n- Workshop: July 18 or 19, 2026\n"
                     "All deadlines are 23:59 AoE.")
    submission = found.dates["submission"]
    assert (str(submission.day), submission.time, submission.timezone) == ("2026-05-08", "23:59", "AoE")
    assert submission.superseded == ["May 1"]
    assert str(found.dates["notification"].day) == "2026-06-12" and found.dates["notification"].timezone is None
    assert found.dates["camera_ready"].day is None and found.dates["workshop"].day is None
    assert any("no year for the notification" in note for note in found.human)


def test_prose_dates_tables_and_dates_before_their_label():
    found = facts_of("Submissions are due February 3, 2025 AoE and decisions will be released by March 5, 2025.\n"
                     "Event | Date\nCamera ready | 2025-03-20\n- April 2, 2025: workshop day")
    assert {k: str(v.day) for k, v in found.dates.items()} == {
        "submission": "2025-02-03", "notification": "2025-03-05", "camera_ready": "2025-03-20",
        "workshop": "2025-04-02"}


def test_dates_of_other_things_are_not_milestones():
    found = facts_of("Registration deadline: June 1, 2026\nTravel grant applications close May 1, 2026.\n"
                     "The main conference deadline is January 28, 2026.\nJournal submission deadline: Dec 1, 2026\n"
                     "Paper submission deadline: May 8, 2026")
    assert {k: str(v.day) for k, v in found.dates.items()} == {"submission": "2026-05-08"}


def test_an_extension_in_prose_wins_over_the_stale_list():
    found = facts_of("- Submission deadline: May 8, 2026\nUpdate: the submission deadline has been extended to "
                     "May 15, 2026.")
    assert str(found.dates["submission"].day) == "2026-05-15"


# -- templates, review, site ----------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Please use the ICML 2026 LaTeX Template or the NeurIPS 2026 LaTeX Template.", [("icml", 2026),
                                                                                    ("neurips", 2026)]),
    ("We accept both ICML and NeurIPS formats.", [("icml", None), ("neurips", None)]),
    ("Please use the LaTeX style files (ICLR conference style) provided here.", [("iclr", None)]),
    ("Follow the Overleaf template <https://o.com/x> adapted from ICLR.", [("iclr", None)]),
    ("Use this style file <assets/iclr2024.zip>.", [("iclr", 2024)]),
    ("Use the ICML template <https://media.icml.cc/Conferences/ICML2025/Styles/icml2025.zip>.", [("icml", 2025)]),
    ("See the LaTeX style files <https://github.com/ws/ICML%20duality%20workshop%20template.zip>.", [("other", None)]),
    ("Please use the ICML duality workshop template.", [("other", None)]),
    ("Submissions must use the CVPR 2024 author kit.", [("other", 2024)]),
    ("We welcome papers accepted at ICML 2025 and the ICLR 2026 main conference.", []),
    ("There is no required template.", []),
    ("All submissions must be in PDF format.", []),
])
def test_templates_named_by_the_call(text, expected):
    found, _ = formats.find_formats([Sentence(text, 0, "para")])
    assert [(f.family, f.year) for f in found] == expected


def test_the_camera_ready_template_and_the_host_conference():
    found = sentences(markup.plain_blocks("This year we accept ICML and NeurIPS formats for submissions, but all "
                                          "camera ready papers must be in ICML format.\nSubmit at "
                                          "https://openreview.net/group?id=ICML.cc/2026/Workshop/X"))
    assert formats.camera_ready_formats(found).value == ["icml"]
    assert formats.host_and_year(found, "")[:2] == ("icml", 2026)


@pytest.mark.parametrize("text,mode", [
    ("The review process is double-blind.", "double-blind"),
    ("Reviews are double anonymous.", "double-blind"),
    ("All submissions must be via OpenReview and anonymized.", "double-blind"),
    ("Anonymization: Required", "double-blind"),
    ("Submissions are single-blind: please include author names.", "single-blind"),
    ("Submissions do not need to be anonymized.", "single-blind"),
    ("Please share code through an anonymized repository.", None),
    ("Reviewers will remain anonymous to each other.", None),
])
def test_review_mode(text, mode):
    found, _ = review.find_review([Sentence(text, 0, "para")])
    assert (found.value if found else None) == mode


@pytest.mark.parametrize("text,site", [
    ("Submit on OpenReview <https://openreview.net/group?id=X>.", "openreview"),
    ("Papers are submitted through CMT <https://cmt3.research.microsoft.com/X>.", "cmt"),
    ("Submission site: EasyChair <https://easychair.org/conferences/?conf=x>", "easychair"),
    ("Please email your submissions to ws@example.org.", "other"),
    ("Accepted papers will be listed on the website.", None),
])
def test_submission_site(text, site):
    found = review.find_site([Sentence(text, 0, "para")])
    assert (found.value if found else None) == site


# -- whole calls ------------------------------------------------------------------------------
def _compare(answer: dict, label: dict) -> list[str]:
    problems = []
    for key in ("review", "submission_site", "camera_ready_extra_pages"):
        if key in label and answer[key] != label[key]:
            problems.append(f"{key}: {answer[key]!r} != {label[key]!r}")
    if "formats" in label:
        want_formats = {(f["family"], f.get("year")) if isinstance(f, dict) else (f, None) for f in label["formats"]}
        got_formats = {(f["family"], f["year"]) for f in answer["formats"]}
        if {family for family, _ in got_formats} != {family for family, _ in want_formats} or \
                not {(family, year) for family, year in want_formats if year} <= got_formats:
            problems.append(f"formats: {answer['formats']}")
    want = [{k: t.get(k) for k in ("name", "max_pages", "min_pages")} | {"excludes": sorted(t.get("excludes", []))}
            for t in label["tracks"]]
    got = [{k: t.get(k) for k in ("name", "max_pages", "min_pages")} | {"excludes": sorted(t["excludes"])}
           for t in answer["tracks"]]
    if sorted(map(str, got)) != sorted(map(str, want)):
        problems.append(f"tracks: {got} != {want}")
    for key in ("submission", "notification", "camera_ready"):
        want_date, got_date = label.get(key), answer["dates"].get(key)
        if want_date is None:
            if got_date is not None:
                problems.append(f"{key}: {got_date} but the call names none")
            continue
        for field in ("date", "time", "timezone"):
            if field in want_date and (got_date or {}).get(field) != want_date[field]:
                problems.append(f"{key}.{field}: {(got_date or {}).get(field)!r} != {want_date[field]!r}")
    return problems


@pytest.mark.parametrize("label", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_our_calls_read_as_a_careful_reader_reads_them(label):
    answer = to_json(cfp.analyse(str(CALLS / label["file"])))
    assert _compare(answer, label) == []
    for track in label["tracks"]:
        for flag in ("soft", "tbd"):
            if track.get(flag):
                assert any(t.get(flag) for t in answer["tracks"]), flag


def test_every_call_we_hold_is_labelled():
    assert sorted(p.name for p in CALLS.iterdir() if p.name != "expected.yaml") == sorted(e["file"] for e in EXPECTED)


SHARED_CALLS = SHARED / "cfps"


def _shared_labels() -> list[dict]:
    if not (SHARED_CALLS / "labels.yaml").exists():
        pytest.skip(f"shared calls not found at {SHARED_CALLS} (set WSCHECK_SHARED or check out ../shared)")
    return yaml.safe_load((SHARED_CALLS / "labels.yaml").read_text())


def test_the_shared_labelled_calls_in_process():
    """The same comparison as tools/cfp_eval.py, in process, for every shared call."""
    problems = {}
    for label in _shared_labels():
        answer = to_json(cfp.analyse(str(SHARED_CALLS / f"{label['id']}.txt")))
        wanted = {**label, "formats": [f["family"] for f in label["formats"]],
                  "tracks": [{**t, "excludes": [excludes_alias(p) for p in t.get("excludes") or []]}
                             for t in label["tracks"]]}
        for key in ("submission", "notification", "camera_ready"):
            value = label["dates"].get(key)
            wanted[key] = None if value is None else {"date": str(value["date"]) if value.get("date") else None}
        wanted.pop("submission_site", None)
        found = _compare(answer, wanted)
        if found:
            problems[label["id"]] = found
    assert problems == {}


def excludes_alias(part: str) -> str:
    return {"supplementary": "appendix"}.get(part, part)


def test_every_limit_and_date_quotes_a_sentence_of_the_call_verbatim():
    for path in sorted(CALLS.iterdir()):
        if path.name == "expected.yaml":
            continue
        facts = cfp.analyse(str(path))
        blocks, _, _ = markup.to_blocks(path.read_text(), path.name)
        text = "\n".join(b.text for b in blocks)
        for track in facts.tracks:
            assert track.source in text, (path.name, track.source)
        for value in facts.dates.values():
            assert value.source in text, (path.name, value.source)


# -- the rule set -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(p.name for p in CALLS.iterdir() if p.name != "expected.yaml"))
def test_the_rule_set_of_each_call_loads_and_extends_a_format(name):
    facts = cfp.analyse(str(CALLS / name))
    loaded, text = writer.load(facts)
    assert text.startswith("# Rules read from the call for papers")
    if facts.formats and facts.formats[0].family != "other":
        assert loaded.extends and loaded.lineage[0] == facts.formats[0].family if loaded.extends else True
    assert set(loaded.tracks) == {t.label for t in facts.tracks} or not facts.tracks
    page_limit = loaded.rules["page-limit"]
    values = [c.get("value") for c in ruleset._cases(page_limit.params.get("max_pages"))]
    assert {t.max_pages for t in facts.tracks if t.max_pages} <= set(values)


def test_yaml_of_the_seed_call_extends_icml2026_with_cases_per_template():
    text = "\n".join([
        "We are inviting submissions of short and long papers outlining new research, due May 8th, 2026 (AOE).",
        "This year we are accepting both ICML and NeurIPS formats for submissions, but all camera ready papers must "
        "be in ICML format.",
        "- Please use the ICML 2026 LaTeX Template or the NeurIPS 2026 LaTeX Template. The page limit for ICML format "
        "is max 4 pages for short papers and max 8 pages for long papers. The page limit for NeurIPS format is 5 pages "
        "for short papers and max 9 pages for long papers. All page limits exclude references and appendices.",
        "- Accepted papers will be allowed one additional page in the camera ready version.",
        "- The reviewing process is double-blind."])
    loaded, _ = writer.load(facts_of(text))
    assert loaded.extends == "icml2026" and loaded.formats == ["icml", "neurips"]
    cases = loaded.rules["page-limit"].params["max_pages"]["cases"]
    assert {(c.get("stage"), c.get("track"), c.get("format"), c.get("value")) for c in cases if "value" in c} == {
        ("submission", "short", "icml", 4), ("submission", "long", "icml", 8), ("submission", "short", "neurips", 5),
        ("submission", "long", "neurips", 9), ("camera-ready", "short", "icml", 5),
        ("camera-ready", "long", "icml", 9)}
    assert loaded.rules["template"].params["accepted"]["cases"][1]["value"] == ["icml"]
    # each template's own text block (the layouts of wscheck.geometry), chosen by the detected format
    assert [(c["format"], c["value"]) for c in loaded.rules["text-block"].params["layout"]["cases"][:2]] == [
        ("icml", "icml"), ("neurips", "neurips")]
    assert loaded.rules["layout-notice"].when == {"format": ["icml"]}
    assert loaded.default_track == "long"


def test_silence_is_not_stated_and_a_soft_limit_is_a_warning():
    loaded, _ = writer.load(facts_of("We recommend papers of up to 4 pages.\nSubmit via OpenReview."))
    assert loaded.rules["page-limit"].level == "warning"
    assert loaded.rules["anonymity"].not_stated and loaded.rules["template"].not_stated
    assert loaded.extends is None and "needs a human" in (loaded.notes or "").lower()
    bare, _ = writer.load(facts_of("We welcome papers on anything."))
    assert bare.rules["page-limit"].not_stated == "the call states no page limit"


def test_single_blind_keeps_only_the_camera_ready_anonymity_check():
    loaded, _ = writer.load(facts_of("ICLR 2025 workshop. Papers up to 4 pages in the ICLR 2025 template. "
                                     "Reviewing is single-blind."))
    assert loaded.rules["anonymity"].when == {"stage": ["camera-ready"]}


def test_a_workshop_template_turns_the_layout_rules_off():
    loaded, _ = writer.load(facts_of("ICML 2023 workshop. Papers up to 8 pages. For the format, see the LaTeX "
                                     "style files <https://x.org/our%20template.zip>."))
    assert loaded.extends == "icml" and loaded.rules["text-block"].not_stated
    assert loaded.rules["template"].not_stated


def test_hostile_text_stays_data_in_the_yaml():
    nasty = ('- Page limit: up to 4 pages"}\n evil: !!python/object/apply:os.system ["id"] # \x1b[31m\u202e &a *a\n'
             '- Submission deadline: May 8, 2026 \'] {x: 1} ---')
    facts = facts_of(nasty, "evil\nname.txt")
    loaded, text = writer.load(facts, name='n: "quoted" \\ #x')
    assert loaded.name == 'n: "quoted" \\ #x' and loaded.call == "evil\nname.txt"
    assert "\x1b" not in text and "\u202e" not in text
    data = ruleset.load_yaml(text, "x.yaml")
    assert "evil" not in data and set(data["rules"]) == {"page-limit", "anonymity", "template"}
    assert data["dates"]["submission"]["source"] == "Submission deadline: May 8, 2026 '] {x: 1} ---"
    assert not any(line.lstrip().startswith("evil") for line in text.splitlines())


def test_json_follows_the_contract():
    answer = to_json(cfp.analyse(str(CALLS / "per-track-dates.txt")))
    assert set(answer) >= {"file", "review", "formats", "tracks", "camera_ready_extra_pages", "dates",
                           "submission_site"}
    assert set(answer["dates"]) >= {"submission", "notification", "camera_ready", "workshop"}
    assert {"name", "max_pages", "min_pages", "format", "excludes", "source"} <= set(answer["tracks"][0])
    assert answer["track_dates"][0]["track"] == "short" and answer["track_dates"][0]["date"] == "2026-02-06"
    json.dumps(answer)


def test_yaml_writer_quotes_every_string():
    from wscheck.cfp.yaml_out import Flow, dump, scalar

    assert scalar("short") == "short" and scalar("yes") == '"yes"' and scalar("23:59") == '"23:59"'
    assert scalar(Flow(a=1, b=["x y"])) == '{a: 1, b: ["x y"]}'
    with pytest.raises(ValueError):
        dump({"bad key: x": 1})


def test_file_errors_are_one_line():
    with pytest.raises(cfp.CallError, match="no such file"):
        cfp.analyse(str(ROOT / "nope.txt"))
    with pytest.raises(cfp.CallError, match="not a text, Markdown or HTML file"):
        cfp.analyse(str(ROOT / "fixtures" / "pdf" / "iclr-anon-short.pdf"))
    with pytest.raises(cfp.CallError, match="is a folder"):
        cfp.analyse(str(ROOT / "tests"))


def test_default_id_from_the_file_name():
    assert writer.default_id(facts_of("x", "calls/NeurIPS 2025 ENLSP.md")) == "neurips-2025-enlsp"
    assert writer.default_id(facts_of("ICML 2026 workshop", "https://ws.github.io/cfp/")) == "icml2026-cfp"
    assert writer.default_id(facts_of("x", "000_abc.txt")) == "cfp-000-abc"


def test_a_huge_call_is_read_only_up_to_a_bound_and_says_so():
    facts = facts_of("Papers are up to 4 pages. " * 20000)
    assert facts.tracks[0].max_pages == 4
    assert any("only its beginning was read" in note for note in facts.human)
    hostile = facts_of("[" * 50000 + "**" * 50000, "x.md")
    assert hostile.tracks == []


def test_main_conference_template_window_end_and_zone_from_the_table_header():
    found = facts_of("NeurIPS 2025 workshop. Please use the main conference template.\n"
                     "Submission period: August 1 - August 29, 2025.")
    assert [(f.family, f.year) for f in found.formats] == [("neurips", None)]
    assert str(found.dates["submission"].day) == "2025-08-29"
    table = facts_of("Date (AoE) | Event\nMay 8, 2026 | Submission deadline\nJuly 18, 2026 | Workshop")
    assert (str(table.dates["submission"].day), table.dates["submission"].timezone) == ("2026-05-08", "AoE")
    assert str(table.dates["workshop"].day) == "2026-07-18"


def test_dates_whose_label_stands_in_its_own_element():
    listed = facts_of("<dl><dt>Submission deadline</dt><dd>May 8, 2026</dd><dt>Notification</dt>"
                      "<dd>June 5, 2026</dd></dl>", "x.html")
    assert {k: str(v.day) for k, v in listed.dates.items()} == {"submission": "2026-05-08",
                                                                "notification": "2026-06-05"}
    cards = facts_of("<div>Submission deadline</div><div>May 8, 2026 (AoE)</div><div>Workshop</div>"
                     "<div>July 18, 2026</div>", "x.html")
    assert {k: (str(v.day), v.timezone) for k, v in cards.dates.items()} == {
        "submission": ("2026-05-08", "AoE"), "workshop": ("2026-07-18", None)}


# -- shapes from a survey of real calls (tests/cfp_calls holds whole calls of each) ----------------------------
@pytest.mark.parametrize("text,expected", [
    ("We accept long (8 pages) and short (4 pages) papers.", [("long", 8, None), ("short", 4, None)]),
    ("- Fast Abstracts (up to 2 pages): early-stage work.", [("fast-abstract", 2, None)]),
    ("- Problem statements and abstracts (up to 2 page)", [("problem-statement", 2, None)]),
    ("We welcome 4-page extended abstract submissions.", [("extended-abstract", 4, None)]),
    ("We ask you to submit a short (1-2 page) position statement.", [("position", 2, 1)]),
    ("We solicit 4-to-8-page workshop papers.", [(None, 8, 4)]),
    ("Submissions should be between 4--8 pages in length for the main text.", [(None, 8, 4)]),
    ("The camera ready submission should have a total of 4 pages.", [(None, 4, None)]),
    ("The expected format for all submission types is six pages in CEUR Double Column Format.", [(None, 6, None)]),
    ("- Regular papers (max. 8 including references);", [("regular", 8, None)]),
    ("- Extended Abstracts (2-4 + references);", [("extended-abstract", 4, 2)]),
    ("- Paper (long): up to 6 pages (excluding references).", [("long", 6, None)]),
    ("- Regular paper: at least 6 pages and at most 10 pages + references.", [("regular", None, 6),
                                                                               ("regular", 10, None)]),
])
def test_limit_shapes_from_the_survey(text, expected):
    assert [(m.name, m.max_pages, m.min_pages) for m in one(text)] == expected


@pytest.mark.parametrize("text", [
    "This optional reproducibility statement will not count toward the page limit, but should not be more than "
    "1 page.",
    "Two kinds of submissions (1) long papers and (2) demos.",
    "Paper length: TBD (likely 4-8 pages excluding references)",
    "Papers (2 reviewers each) will be discussed.",
])
def test_survey_counts_that_are_not_limits(text):
    assert [m.max_pages for m in one(text) if m.max_pages] == []


def test_an_answer_to_a_question_about_the_limit_is_a_limit():
    found = facts_of("Submissions should take the form of a short paper of up to 4 pages.\nCamera Ready FAQ\n"
                     "Q: What is the camera ready page limit? A: 4 pages with unlimited references.")
    assert [t.max_pages for t in found.camera_ready_limits] == [4]
    assert found.camera_ready_extra is not None and found.camera_ready_extra.value == 0


def test_track_names_from_headings_that_name_one_track_only():
    cards = facts_of("<h3>Full Papers</h3><p>Original research papers (6-8 pages)</p>"
                     "<h3>Short Papers</h3><p>Work in progress and position papers (up to 4 pages)</p>", "call.html")
    assert [(t.label, t.max_pages) for t in cards.tracks] == [("full", 8), ("short", 4)]
    versus = facts_of("Archival vs extended abstract\nArchival papers are up to 8 pages. Extended abstracts can be "
                      "up to 2 pages.")
    assert [(t.label, t.max_pages) for t in versus.tracks] == [("archival", 8), ("extended-abstract", 2)]


def test_restatements_join_their_track_one_by_one_and_a_lone_research_track_is_main():
    found = facts_of("- Short papers (up to 5 pages)\n- Problem statements (up to 2 pages)\n"
                     "- 5-page submissions will be eligible for talks.\n- 2-page submissions will be posters.")
    assert [(t.label, t.max_pages) for t in found.tracks] == [("short", 5), ("problem-statement", 2)]
    assert [t.label for t in facts_of("We welcome original research papers of up to 4 pages.").tracks] == ["main"]


def test_a_limit_still_to_be_decided_is_tbd_even_with_a_guess():
    found = facts_of("Submission Format\n- Paper length: TBD (likely 4-8 pages excluding references)")
    assert [(t.max_pages, t.tbd) for t in found.tracks] == [(None, True)]


@pytest.mark.parametrize("text,parts", [
    ("Additional pages containing references and appendices are allowed.", ["appendix", "references"]),
    ("Up to 7 pages (excluding references), with additional pages allowed in the appendix.",
     ["appendix", "references"]),
    ("references/appendices may extend as far as needed beyond the 4-page upper limit", ["appendix", "references"]),
    ("References can extend as far beyond the 4-page limit as needed", ["references"]),
    ("Additional pages containing references don\u2019t count as content pages.", ["references"]),
    ("Submissions should follow the NeurIPS style files, but can exclude the checklist.", []),
    ("up to two pages (excluding references, and without appendices)", ["references"]),
    ("a statement addressing broader impacts of their work, outside the page limit", ["impact-statement"]),
    ("You may use as many pages of references and appendix as you wish.", ["appendix", "references"]),
    ("There is no limit on the length of the references and appendix.", ["appendix", "references"]),
    ("up to six pages in JMLR format plus ten pages for references and appendix", ["appendix", "references"]),
    ("long papers, with unlimited space for references and appendices", ["appendix", "references"]),
    ("additional pages containing the ICML paper checklist and references are allowed", ["checklist", "references"]),
    ("followed by technical appendices, for which there is no page limit", ["appendix"]),
])
def test_survey_exclusion_phrases(text, parts):
    assert sorted({p for found in excludes.find(text) for p in found.parts}) == sorted(parts)


def test_an_exclusion_said_for_both_cases_reaches_every_track():
    found = facts_of("- Short papers (up to 5 pages)\n- Abstracts (up to 2 pages)\n"
                     "- 2-page submissions will be posters. In both cases, page limit applies to content only, "
                     "excluding references.")
    assert [t.excludes for t in found.tracks] == [["references"], ["references"]]


def test_struck_through_days_with_nothing_after_them_are_the_days_that_held():
    found = facts_of("Important dates\n- Submission deadline: ~~20 September 2022~~ ~~26 September 2022 15:00 GMT~~\n"
                     "- ~~June 21, 2022 (Anywhere on Earth): Author notification~~\n"
                     "- Camera-ready: 15 November 2022")
    submission = found.dates["submission"]
    assert (str(submission.day), submission.time, submission.timezone) == ("2022-09-26", "15:00", "GMT")
    assert str(found.dates["notification"].day) == "2022-06-21"
    hand = facts_of("- Submission Deadline: --April 20-- April 27, 2026 (23:59 AoE)")
    assert str(hand.dates["submission"].day) == "2026-04-27" and hand.dates["submission"].superseded == ["April 20"]


def test_day_and_month_without_a_year_and_numbers_that_are_no_days():
    found = facts_of("NeurIPS 2025 workshop\n- Deadline: Please submit your paper until 19.10. (AoE)\n"
                     "Date | Milestone\n15.11. | Acceptance Notifications")
    assert (str(found.dates["submission"].day), found.dates["submission"].timezone) == ("2025-10-19", "AoE")
    assert str(found.dates["notification"].day) == "2025-11-15"
    assert dates.find_days("see Section 4.2. for details") == []


def test_slashed_days_follow_how_the_call_writes_its_other_days():
    assert dates.slash_order(["Submission: 08/05/2026", "Notification: 5 June 2026"]) == "dmy"
    assert dates.slash_order(["Submission: 08/05/2026", "Notification: June 5, 2026"]) == "mdy"


def test_which_statement_of_a_milestone_wins():
    found = facts_of("Important dates\n- Submit at: To be announced\n- Submission Deadline: October 1, 2024\n"
                     "- (ECCV paper notifications: July 3rd, 2024)\n- Author notifications: August 8th, 2024\n"
                     "August 1, 2024 \u2013 Sample data submission deadline")
    assert str(found.dates["submission"].day) == "2024-10-01"
    assert str(found.dates["notification"].day) == "2024-08-08"
    banner = facts_of("Important Dates\nThe submission deadline is extended to October 4!\n"
                      "- Submission Deadline: ~~October 1, 2023~~ October 4, 2023 (11:59pm, anywhere on earth)")
    assert (str(banner.dates["submission"].day), banner.dates["submission"].timezone) == ("2023-10-04", "AoE")
    held = facts_of("We invite submissions to the workshop, to be held on September 29, 2025 in Porto.")
    assert "submission" not in held.dates and str(held.dates["workshop"].day) == "2025-09-29"


def test_the_year_of_the_linked_conference_pages_dates_a_call_without_years():
    found = facts_of("Use the NeurIPS style <https://neurips.cc/Conferences/2020/PaperInformation/StyleFiles>.\n"
                     "Submit your workshop paper by October 2nd via CMT.")
    assert str(found.dates["submission"].day) == "2020-10-02"


@pytest.mark.parametrize("text,mode", [
    ("Papers will be reviewed in a single-anonymous manner.", "single-blind"),
    ("The workshop will employ a double-anonymous review process.", "double-blind"),
    ("The reviewing process is blind.", "double-blind"),
    ("Please upload your paper as a single anonymized PDF.", "double-blind"),
])
def test_survey_review_modes(text, mode):
    found, _ = review.find_review(sentences(markup.to_blocks(text, "x.txt")[0]))
    assert found is not None and found.value == mode


@pytest.mark.parametrize("text,site", [
    ("Submit position papers via email to ws@example.org.", "other"),
    ("If the embedded form does not work, please follow this link <https://tally.so/r/abc>.", "other"),
    ("Conflicts of interest will be managed using the OpenReview platform's mechanisms.", "openreview"),
])
def test_survey_submission_sites(text, site):
    found = review.find_site(sentences(markup.to_blocks(text, "x.txt")[0]))
    assert found is not None and found.value == site


@pytest.mark.parametrize("text,families", [
    ("The expected format is six pages in CEUR Double Column Format.", [("other", None)]),
    ("Submit via email to ws@example.org, following the template below.", []),
    ("Follow the style guidelines for ICML 2020 (found here <https://media.icml.cc/Conferences/ICML2020/Styles/"
     "icml2020_style.zip>).", [("icml", 2020)]),
    ("- Use the IEEE conference style (no template link provided).", [("other", None)]),
])
def test_survey_templates(text, families):
    found, _ = formats.find_formats(sentences(markup.to_blocks(text, "x.txt")[0]))
    assert [(f.family, f.year) for f in found] == families


def test_markup_folds_hyphens_joins_html_lines_and_keeps_laid_out_spans_apart():
    assert markup.clean("double\u2011blind camera\u2010ready re\u00adview") == "double-blind camera-ready review"
    blocks, _ = markup.html_blocks("<td>May 8,\n  2026</td><div><span class='t'>Research papers</span>"
                                   "<span class='p'>up to 6 pages</span></div><p>Sub<b>mission</b></p>")
    assert [b.text for b in blocks] == ["May 8, 2026", "Research papers up to 6 pages", "Submission"]


@pytest.mark.parametrize("text", [
    "The page limit has been increased from 4 to 6 pages.",
    "Update: the page limit was extended from 4 pages to 6 pages.",
    "Papers were 4 pages long last year; this year, up to 6 pages.",
])
def test_a_replaced_page_limit_is_superseded_not_a_conflict(text):
    found = facts_of(text)
    assert [(t.max_pages, t.min_pages, t.struck, t.conflict) for t in found.tracks] == [(6, None, [4], [])]


@pytest.mark.parametrize("text,order,day", [
    ("8-May-2026", "mdy", "2026-05-08"), ("08-05-2026", "dmy", "2026-05-08"), ("08-05-2026", "mdy", "2026-08-05"),
    ("8 May-2026", "mdy", "2026-05-08"),
])
def test_days_written_with_hyphens(text, order, day):
    hits = dates.find_days(text, order)
    assert len(hits) == 1 and f"{hits[0].year}-{hits[0].month:02d}-{hits[0].day:02d}" == day
    assert dates.find_days("Submissions are 4-8 pages") == []
