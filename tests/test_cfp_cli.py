"""The call-for-papers commands as users run them: rules from-cfp, check --cfp, the page-limit overrides,
deadlines --cfp and --format ics. In process where possible; URLs are served from 127.0.0.1 or faked."""
from __future__ import annotations

import http.server
import json
import re
import threading
import urllib.error
from contextlib import contextmanager

import pytest
import yaml

from conftest import CORPUS, ROOT, SHARED, fixture, flowing
from wscheck import cli, ics, ruleset
from wscheck.cfp import fetch
from wscheck.deadlines import parse_moment, to_deadline

CALLS = ROOT / "tests" / "cfp_calls"
SEED = SHARED / "seeds" / "000_b5589d8d6961c5a5.txt"


def invoke(capsys, *args) -> tuple[int, str, str]:
    """`wscheck ARGS` in this process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exited:
        cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exited.value.code, out, err


# -- rules from-cfp ---------------------------------------------------------------------------
def test_from_cfp_writes_a_rule_set_that_rules_validate_accepts(capsys, tmp_path):
    target = tmp_path / "ws.yaml"
    code, _, err = invoke(capsys, "rules", "from-cfp", CALLS / "per-track-dates.txt", "-o", target)
    assert code == 0 and f"wscheck rules validate {target}" in err
    code, out, _ = invoke(capsys, "rules", "validate", target)
    assert code == 0 and "1 of 1 rule set valid" in out
    loaded = ruleset.load(str(target))
    assert loaded.extends == "iclr2026" and set(loaded.tracks) == {"long", "short"}
    code, _, err = invoke(capsys, "rules", "from-cfp", CALLS / "per-track-dates.txt", "-o", target)
    assert code == 2 and "exists" in err and "--force" in err


def test_from_cfp_json_answers_every_call_in_order_even_a_missing_one(capsys):
    code, out, _ = invoke(capsys, "rules", "from-cfp", "--format", "json", CALLS / "negatives.txt",
                          ROOT / "missing-call.md", CALLS / "tbd-limit.txt")
    answers = json.loads(out)
    assert code == 2 and [a["file"].rsplit("/", 1)[-1] for a in answers] == [
        "negatives.txt", "missing-call.md", "tbd-limit.txt"]
    assert answers[1] == {"file": str(ROOT / "missing-call.md"), "error": f"{ROOT / 'missing-call.md'}: no such file"}
    assert answers[0]["tracks"][0]["max_pages"] == 5 and answers[2]["tracks"][0]["tbd"] is True


def test_yaml_needs_exactly_one_call(capsys):
    code, _, err = invoke(capsys, "rules", "from-cfp", CALLS / "negatives.txt", CALLS / "tbd-limit.txt")
    assert code == 2 and "one call at a time" in err


@pytest.mark.skipif(not SEED.exists(), reason=f"shared seeds not found at {SEED.parent}")
def test_the_seed_rule_set_names_its_sources_and_the_human_points(capsys):
    code, out, err = invoke(capsys, "rules", "from-cfp", SEED)
    assert code == 0 and "need" in err
    data = ruleset.load_yaml(out, "seed.yaml")
    assert data["extends"] == "iclr2026" and data["review"] == "double-blind"
    cases = data["rules"]["page-limit"]["params"]["max_pages"]["cases"]
    assert [(c.get("track"), c.get("value")) for c in cases if "value" in c] == [("short", 4), ("long", 9)]
    call = " ".join(SEED.read_text().split())  # verbatim but for runs of spaces (and no-break spaces)
    assert all(c["source"] in call for c in cases if "source" in c)
    assert data["dates"]["submission"]["source"] in call
    assert "# Needs a human:" in out


# -- URLs: only on request, bounded, with one-line errors ------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        pages = {"/call.html": (200, "text/html; charset=utf-8", (CALLS / "html-table-dates.html").read_bytes()),
                 "/big": (200, "text/html", b"x" * 5_000_000),
                 "/pdf": (200, "application/pdf", b"%PDF-1.7"),
                 "/moved": (302, "text/html", b"")}
        status, kind, body = pages.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if status == 302:
            self.send_header("Location", "ftp://127.0.0.1/call.html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_url_is_fetched_and_read_as_html(capsys):
    with local_server() as base:
        code, out, _ = invoke(capsys, "rules", "from-cfp", "--format", "json", f"{base}/call.html")
        assert code == 0
        answer = json.loads(out)
        assert answer["tracks"][0]["max_pages"] == 4 and answer["dates"]["submission"]["date"] == "2026-05-27"
        for path, message in (("/nothing", "the server answered 404"), ("/big", "larger than 4 MB"),
                              ("/pdf", "application/pdf, not a web page"), ("/moved", "non-web address")):
            with pytest.raises(fetch.CallError, match=re.escape(message)):
                fetch.fetch_url(f"{base}{path}")


def test_offline_is_one_clear_line(capsys, monkeypatch):
    def offline(request, timeout):
        raise urllib.error.URLError(OSError(101, "Network is unreachable"))

    monkeypatch.setattr(fetch, "default_opener", lambda: offline)
    code, _, err = invoke(capsys, "rules", "from-cfp", "https://example.org/cfp")
    assert code == 2
    assert err.strip() == ("wscheck: error: cannot fetch https://example.org/cfp: Network is unreachable "
                           "(no network connection?)")
    assert len(err.strip().splitlines()) == 1


def test_a_file_is_never_fetched_and_a_timeout_is_bounded(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a file must not be fetched")

    monkeypatch.setattr(fetch, "fetch_url", no_network)
    from wscheck import cfp

    assert cfp.analyse(str(CALLS / "negatives.txt")).tracks

    def slow(request, timeout):
        assert timeout == fetch.TIMEOUT_S
        raise TimeoutError

    monkeypatch.undo()
    with pytest.raises(fetch.CallError, match="no answer within 15 s"):
        fetch.fetch_url("https://example.org/cfp", opener=slow)


# -- check --cfp and the overrides --------------------------------------------------------------
def test_check_against_a_call_names_it_and_quotes_the_limit(capsys):
    code, out, _ = invoke(capsys, "check", "--cfp", CALLS / "per-track-dates.txt", "--track", "short",
                          fixture("iclr-anon-over"))
    assert code == 1
    out = flowing(out)  # the report wraps at 80 columns
    assert "main body ends 3 lines into page 5 (l.218); limit 4 pages" in out
    assert f"rules read from the call for papers {CALLS / 'per-track-dates.txt'}" in out
    assert ('the call sets the page limit to 4 pages: "Short papers (up to 4 pages, excluding references): due '
            'February 6, 2026"') in out
    code, _, err = invoke(capsys, "check", "--cfp", CALLS / "per-track-dates.txt", "--track", "tiny",
                          fixture("iclr-anon-over"))
    assert code == 2 and "no track 'tiny'" in err
    code, _, err = invoke(capsys, "check", "--cfp", CALLS / "per-track-dates.txt", "--venue", "icml2026",
                          fixture("iclr-anon-over"))
    assert code == 2 and "one of --venue, --rules or --cfp" in err


def test_max_pages_and_excludes_on_top_of_a_format(capsys):
    code, out, _ = invoke(capsys, "check", "--venue", "icml2026", "--max-pages", "2", "--excludes",
                          "References, appendices", "--format", "json", fixture("icml-anon"))
    report = json.loads(out)
    page_limit = next(r for r in report["results"] if r["rule"] == "page-limit")
    assert code == 1 and page_limit["status"] == "fail" and page_limit["source"] == "--max-pages 2 (command line)"
    assert "limit 2 pages (excluding references and appendices)" in page_limit["message"]
    assert page_limit["findings"][0]["page"] == 3 and page_limit["findings"][0]["line"]
    assert "page limit 2 pages from --max-pages, instead of icml2026's (8 pages)" in report["notes"]
    code, _, err = invoke(capsys, "check", "--venue", "icml2026", "--excludes", "footnotes", fixture("icml-anon"))
    assert code == 2 and "'footnotes' is not a part wscheck knows" in err


def test_page_limit_wins_and_is_shown_as_the_users_own(capsys):
    code, out, _ = invoke(capsys, "check", "--venue", "iclr2026-trustworthy-ai", "--track", "short",
                          "--max-pages", "3", "--page-limit", "5", fixture("iclr-anon-over"))
    assert code == 0, out
    out = flowing(out)
    assert "limit 5 pages" in out
    assert "page limit 5 pages is YOUR value (--page-limit), not the venue's: it replaces --max-pages 3" in out


@pytest.mark.skipif(not (CORPUS / "icml2026-sycophancy-anon-vkmk1.pdf").exists(),
                    reason=f"shared corpus not found at {CORPUS}")
def test_max_pages_fails_a_corpus_paper_whose_body_runs_past_page_4(capsys):
    code, out, _ = invoke(capsys, "check", "--venue", "icml2026", "--max-pages", "4", "--format", "json",
                          CORPUS / "icml2026-sycophancy-anon-vkmk1.pdf")
    page_limit = next(r for r in json.loads(out)["results"] if r["rule"] == "page-limit")
    assert code == 1 and page_limit["status"] == "fail"
    finding = page_limit["findings"][0]
    # the number the review ruler prints beside the line, as a reviewer quotes it (28 lines into column 1)
    assert finding["page"] == 5 and finding["line"] == 247 and finding["line_kind"] == "printed"
    assert finding["column"] == 1 and finding["text"]


# -- deadlines -----------------------------------------------------------------------------------
def test_deadlines_of_a_call_count_down_and_say_what_has_no_day(capsys):
    code, out, err = invoke(capsys, "deadlines", "--cfp", CALLS / "html-table-dates.html", "--at",
                            "2026-05-01 00:00 UTC", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [(r["name"], r["countdown"]) for r in rows] == [("submission", "in 27 days 11 hours")]
    assert "camera-ready date is not in the list: the call says 'TBD'" in err


def test_ics_for_the_built_in_venues_follows_rfc_5545(capsysbinary):
    with pytest.raises(SystemExit):
        cli.main(["deadlines", "--format", "ics", "--all-dates", "--at", "2026-01-01 00:00 UTC"])
    data = capsysbinary.readouterr().out
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    events = text.count("BEGIN:VEVENT")
    assert events == text.count("END:VEVENT") >= 8
    assert len({line for line in unfolded if line.startswith("UID:")}) == events
    assert "DTSTAMP:20260101T000000Z" in unfolded
    assert "DTSTART:20260509T115959Z" in unfolded  # icml2026-mechinterp: May 8th, 2026 (AOE) = 11:59:59 UTC May 9
    assert any(line.startswith("SUMMARY:icml2026-mechinterp: submission deadline") for line in unfolded)
    assert all(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", line) for line in unfolded if line.startswith("DTSTART"))


def test_ics_escapes_folds_and_keeps_uids_stable():
    entry = {"date": "2026-05-08", "time": "17:00", "timezone": "PT", "as_stated": "May 8, 5pm PT; no, really",
             "source": "Deadline: May 8\\ 5pm PT, \u00e9t\u00e9 \u2014 " + "long " * 30}
    entry["timezone"] = "America/Los_Angeles"
    deadline = to_deadline("my-ws", "submission", entry)
    now = parse_moment("2026-01-01 00:00 UTC")
    text = ics.calendar([deadline], now)
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART:20260509T000000Z" in unfolded  # 17:00 PDT is midnight UTC
    assert "As the call states it: May 8\\, 5pm PT\\; no\\, really" in unfolded
    assert "Deadline: May 8\\\\ 5pm PT\\, \u00e9t\u00e9" in unfolded
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        line.encode("utf-8").decode("utf-8")  # never cut inside a character
    assert ics.uid(deadline) == ics.uid(to_deadline("my-ws", "submission", entry))
    assert ics.fold("x" * 75) == "x" * 75 + "\r\n" and ics.fold("x" * 76) == "x" * 75 + "\r\n x\r\n"
    assert ics.escape("a\x1b[2Jb\r\nc") == "a[2Jb\\nc"


def test_the_rule_sets_from_our_calls_are_valid_yaml_files(tmp_path, capsys):
    for path in sorted(CALLS.iterdir()):
        if path.name == "expected.yaml":
            continue
        target = tmp_path / f"{path.stem}.yaml"
        code, _, _ = invoke(capsys, "rules", "from-cfp", path, "-o", target)
        assert code == 0
        assert yaml.safe_load(target.read_text())["id"]
        code, out, _ = invoke(capsys, "rules", "validate", target)
        assert code == 0, out
