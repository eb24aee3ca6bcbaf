"""Deadlines: time zones, countdowns, passed deadlines and date consistency; "now" is always injected."""
from __future__ import annotations

import json
import textwrap
from datetime import datetime, timedelta, timezone

import pytest

from conftest import fixture, run_cli
from wscheck import deadlines, ruleset
from wscheck.errors import RuleSetError


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize("name,offset_hours", [
    ("AoE", -12), ("aoe", -12), ("UTC", 0), ("UTC+2", 2), ("UTC-07:00", -7), ("+05:30", 5.5), ("GMT-3", -3),
    ("PDT", -7), ("CEST", 2),
])
def test_time_zones_by_name_offset_and_abbreviation(name, offset_hours):
    zone = deadlines.parse_timezone(name)
    assert zone.utcoffset(datetime(2026, 5, 8)) == timedelta(hours=offset_hours)


def test_iana_zones_follow_daylight_saving():
    zone = deadlines.parse_timezone("America/Los_Angeles")
    assert zone.utcoffset(datetime(2026, 1, 15)) == timedelta(hours=-8)
    assert zone.utcoffset(datetime(2026, 7, 15)) == timedelta(hours=-7)


@pytest.mark.parametrize("bad", ["Mars/Olympus", "UTC+15", "soon"])
def test_unknown_time_zones_are_refused(bad):
    with pytest.raises(deadlines.DateError):
        deadlines.parse_timezone(bad)


def test_an_aoe_day_ends_at_noon_utc_the_next_day():
    entry = {"date": "2026-05-08", "source": "due May 8th, 2026 (AOE)"}
    deadline = deadlines.to_deadline("demo", "submission", entry)
    assert deadline.moment.astimezone(timezone.utc) == utc(2026, 5, 9, 11, 59, 59)
    assert not deadline.passed(utc(2026, 5, 9, 11, 59, 0))
    assert deadline.passed(utc(2026, 5, 9, 12, 0, 0))
    assert deadline.label == "submission deadline" and deadline.is_deadline


def test_a_stated_time_and_zone_are_used():
    entry = {"date": "2024-05-22", "time": "13:00", "timezone": "PDT", "source": "May 22, 2024 01:00 PM PDT"}
    deadline = deadlines.to_deadline("demo", "full_paper", entry)
    assert deadline.moment.astimezone(timezone.utc) == utc(2024, 5, 22, 20, 0, 0)


def test_countdown_and_passed_text():
    deadline = deadlines.to_deadline("demo", "submission", {"date": "2026-05-08", "timezone": "UTC",
                                                            "time": "12:00", "source": "s"})
    assert deadlines.when_text(deadline, utc(2026, 5, 5, 9, 30)) == "in 3 days 2 hours"
    assert deadlines.when_text(deadline, utc(2026, 5, 8, 11, 15)) == "in 45 minutes"
    assert deadlines.when_text(deadline, utc(2026, 5, 10, 12, 0)) == "passed 2 days ago"


def test_upcoming_first_soonest_first_then_passed_most_recent_first():
    loaded = ruleset.load("iclr2026-trustworthy-ai")
    coming, passed = deadlines.ordered(deadlines.deadlines_of(loaded), utc(2026, 2, 20))
    assert [d.name for d in coming] == ["notification", "camera_ready", "workshop"]
    assert [d.name for d in passed] == ["submission"]


def test_a_passed_deadline_of_the_stage_becomes_a_note():
    loaded = ruleset.load("icml2026-mechinterp")
    assert deadlines.passed_deadline_notes(loaded, "submission", utc(2026, 5, 1)) == []
    notes = deadlines.passed_deadline_notes(loaded, "submission", utc(2026, 5, 20))
    assert notes == ["the submission deadline of icml2026-mechinterp (May 8th, 2026 (AOE)) has passed: it ended "
                     "2026-05-09 11:59 UTC"]
    assert deadlines.passed_deadline_notes(loaded, "submission", utc(2026, 9, 1)) == notes  # stable over time
    assert deadlines.passed_deadline_notes(loaded, "camera-ready", utc(2026, 12, 1)) == []  # no such date


def test_seed_003_notification_before_submission_is_a_warning():
    warnings = deadlines.consistency_warnings(ruleset.load("iclr2024-r2fm"))
    assert len(warnings) == 1
    assert "'notification' (March 3, 2022" in warnings[0] and "before 'submission'" in warnings[0]
    path = ruleset.builtin_index()["iclr2024-r2fm"]
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.strip() == "notification:")
    assert f"iclr2024-r2fm.yaml:{line}:" in warnings[0]
    for venue in ("iclr2026-trustworthy-ai", "icml2026-mechinterp"):
        assert deadlines.consistency_warnings(ruleset.load(venue)) == []


def write(tmp_path, text):
    path = tmp_path / "dated.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def test_rule_file_dates_are_validated_with_their_line(tmp_path):
    path = write(tmp_path, """\
        id: dated
        name: Dated
        dates:
          submission:
            date: 2026-05-08
            timezone: Moon/Base
            source: "Due May 8"
        """)
    with pytest.raises(RuleSetError, match=r"dated.yaml:6: date 'submission': unknown time zone 'Moon/Base'"):
        ruleset.load(str(path))
    path = write(tmp_path, """\
        id: dated
        name: Dated
        dates:
          submission: {date: "May 8, 2026", source: "Due May 8"}
        """)
    with pytest.raises(RuleSetError, match=r"must be YYYY-MM-DD"):
        ruleset.load(str(path))


def test_an_unquoted_time_is_read_as_a_time(tmp_path):
    path = write(tmp_path, """\
        id: dated
        name: Dated
        dates:
          submission: {date: 2026-05-08, time: 13:00, timezone: UTC, source: "Due May 8, 1 pm UTC"}
        """)
    assert ruleset.load(str(path)).dates["submission"]["time"] == "13:00"


def test_deadlines_command_upcoming_first_with_countdown_and_local_time():
    result = run_cli("deadlines", "--at", "2026-02-20 00:00 UTC", "--timezone", "UTC+1")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines()[1:] if line.strip()]
    assert lines[0].startswith("UPCOMING") and "iclr2026-trustworthy-ai" in lines[0]  # Feb 28 comes first
    marks = [line.split()[0] for line in lines]
    assert marks == sorted(marks, key=lambda m: m != "UPCOMING")  # every upcoming row before any passed row
    camera = next(line for line in lines if "iclr2026-trustworthy-ai" in line and "camera-ready" in line)
    assert "Mar 6, 2026 (AoE)" in camera and "2026-03-07 12:59" in camera and "in 15 days" in camera
    passed = next(line for line in lines if "iclr2026-trustworthy-ai" in line and "submission" in line)
    assert passed.startswith("PASSED") and "Feb 2, 2026 (AoE)" in passed and "passed 16 days 12 hours ago" in passed


def test_deadlines_json_for_one_venue_with_events():
    result = run_cli("deadlines", "--venue", "icml2026-mechinterp", "--all-dates", "--at", "2026-05-01T00:00Z",
                     "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["name"], r["passed"]) for r in rows] == [("submission", False), ("notification", False)]
    assert rows[0]["as_stated"] == "May 8th, 2026 (AOE)"
    assert rows[0]["deadline"] == "2026-05-08T23:59:59-12:00"
    assert rows[0]["seconds_left"] == int((utc(2026, 5, 9, 11, 59, 59) - utc(2026, 5, 1)).total_seconds())


def test_deadlines_bad_zone_is_one_line_exit_2():
    result = run_cli("deadlines", "--timezone", "Nowhere/Land")
    assert result.returncode == 2 and "unknown time zone" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_notes_a_passed_deadline_as_information(tmp_path):
    past = write(tmp_path, """\
        id: past-ws
        name: Past workshop
        extends: iclr2026
        dates:
          submission: {date: 2001-01-01, as_stated: "January 1, 2001", source: "Due January 1, 2001"}
        """)
    result = run_cli("check", "--rules", past, "--format", "json", fixture("iclr-anon-short"))
    report = json.loads(result.stdout)
    assert report["verdict"] == "pass" and result.returncode == 0
    assert report["notes"][0] == ("the submission deadline of past-ws (January 1, 2001 (no time zone stated; AoE "
                                  "assumed)) has passed: it ended 2001-01-02 11:59 UTC")
    future = past.with_name("future.yaml")
    future.write_text(past.read_text().replace("2001-01-01", "2999-01-01").replace("past-ws", "future-ws"))
    report = json.loads(run_cli("check", "--rules", future, "--format", "json", fixture("iclr-anon-short")).stdout)
    assert "notes" not in report
