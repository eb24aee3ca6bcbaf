"""What the CLI does with a call: `rules from-cfp`, `check --cfp`, `deadlines --cfp` (cli.py only parses options)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import click

from wscheck import ruleset as rulesets
from wscheck.cfp import CallError, analyse, writer
from wscheck.cfp.contract import to_json
from wscheck.cfp.markup import clean
from wscheck.errors import EXIT_OK, EXIT_USAGE, UsageError


def from_cfp(calls: tuple[str, ...], output_format: str, output: str | None, ruleset_id: str | None,
             name: str | None, force: bool, stdout: IO[str] | None = None) -> int:
    """`wscheck rules from-cfp`: a rule set (YAML) for one call, or the facts (JSON) of each call."""
    stdout = stdout or sys.stdout
    if output_format == "json":
        return _json(calls, output, force, stdout)
    if len(calls) != 1:
        raise UsageError("a rule set is written for one call at a time; for several calls use --format json")
    facts = analyse(calls[0])
    rule_set, text = writer.load(facts, ruleset_id=ruleset_id, name=name)
    _write(text, output, force, stdout)
    if output and output != "-":
        click.echo(f"wrote {output}; check it with: wscheck rules validate {output}", err=True)
    points = sum(line.startswith("- ") for line in (rule_set.notes or "").splitlines())
    if points:
        click.echo(f"{points} point{'s' if points != 1 else ''} of the call need{'s' if points == 1 else ''} a "
                   "human: see 'Needs a human' at the top of the rule set", err=True)
    return EXIT_OK


def _json(calls: tuple[str, ...], output: str | None, force: bool, stdout: IO[str]) -> int:
    answers = []
    failed = False
    for call in calls:
        try:
            answers.append(to_json(analyse(call)))
        except CallError as exc:
            failed = True
            answers.append({"file": call, "error": str(exc)})
    data = answers[0] if len(calls) == 1 else answers
    _write(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output, force, stdout)
    return EXIT_USAGE if failed else EXIT_OK


def _write(text: str, output: str | None, force: bool, stdout: IO[str]) -> None:
    if output is None or output == "-":
        stdout.write(text)
        return
    target = Path(output)
    if target.exists() and not force:
        raise UsageError(f"{output} exists; choose another name or add --force to replace it")
    from wscheck.fileio import atomic_output

    try:
        with atomic_output(output) as stream:  # a complete rule set or none: never half a file
            stream.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def cfp_rule_set(call: str) -> tuple[rulesets.RuleSet, list[str]]:
    """(the rule set a call states, notes naming the call and what in it needs a human) for `check --cfp`."""
    facts = analyse(call)
    rule_set, _ = writer.load(facts)
    notes = [f"rules read from the call for papers {clean(call)} (wscheck rules from-cfp): check them against the "
             "call"]
    notes += [f"the call: {note}" for note in facts.human]
    return rule_set, notes


def limit_notes(rule_set: rulesets.RuleSet, track: str | None, stage: str, what: str = "the call") -> list[str]:
    """The sentences that set the page limit of this track and stage, quoted."""
    rule = rule_set.rules.get("page-limit")
    if rule is None or not rule.enabled or rule.not_stated:
        return []
    out = []
    for case in rulesets._cases(rule.params.get("max_pages")):  # noqa: SLF001 - the loader's own case reader
        tracks = case.get("track")
        stages = case.get("stage")
        if tracks and track not in (tracks if isinstance(tracks, list) else [tracks]):
            continue
        if stages and stage not in (stages if isinstance(stages, list) else [stages]):
            continue
        if case.get("value") is None or not case.get("source"):
            continue
        fmt = case.get("format")
        where = f" in the {fmt if isinstance(fmt, str) else '/'.join(fmt)} template" if fmt else ""
        out.append(f"{what} sets the page limit{where} to {case['value']} pages: \"{case['source']}\"")
    return out


def deadline_rule_sets(calls: tuple[str, ...]) -> tuple[list[rulesets.RuleSet], list[str]]:
    """Rule sets for `deadlines --cfp`, and a line for each milestone the call names without a day."""
    sets, notes = [], []
    for call in calls:
        facts = analyse(call)
        rule_set, _ = writer.load(facts)
        sets.append(rule_set)
        for value in facts.dates.values():
            if value.day is None:
                notes.append(f"{rule_set.id}: the {value.milestone.replace('_', '-')} date is not in the list: "
                             f"{value.undecided or 'the call gives no exact day'}")
    return sets, notes
