"""Run a rule set against one PDF: Document -> checks -> PaperReport."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from wscheck import checks
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.errors import PdfReadError, naming_file
from wscheck.model import CheckOutput, PaperReport, RuleResult
from wscheck.ruleset import RuleSet, RunContext, Unresolved, matches, resolve_value


@dataclass
class CheckRequest:
    """Everything a worker needs to check one file (picklable)."""

    path: str
    ruleset: RuleSet
    track: str | None
    stage: str = "submission"
    authors: list[str] = field(default_factory=list)
    evidence_dir: str | None = None
    display_name: str | None = None


def needed_facts(ruleset: RuleSet) -> set[str]:
    needs: set[str] = set()
    for rule in ruleset.rules.values():
        module = checks.get(rule.check)
        if module is not None and rule.enabled and not rule.not_stated:
            needs |= set(getattr(module, "NEEDS", ()))
    return needs


def check_file(request: CheckRequest) -> PaperReport:
    started = time.perf_counter()
    report = PaperReport(file=request.display_name or request.path, venue=request.ruleset.id,
                         track=request.track, stage=request.stage)
    # the rule set's section titles and excluded kinds, read once for every check (the format
    # an `excluded` case may name is detected from this very document, on first use)
    context = RunContext(track=request.track, stage=request.stage)
    document = Document(request.path, needs=needed_facts(request.ruleset),
                        sections=request.ruleset.section_rules(context))
    context.detect_format = lambda: document.template.family
    try:
        document.open()
        report.pages = document.page_count
        run_rules(document, request, report)
        report.notes.extend(document.notes)
        if request.evidence_dir:  # off the normal path: nothing is imported or rendered without it
            from wscheck.evidence import attach_evidence

            attach_evidence(document, report, request.evidence_dir)
    except PdfReadError as exc:
        report.error = naming_file(exc, request.path)
        report.results = []
    finally:
        document.close()
    report.elapsed_s = time.perf_counter() - started
    return report


def run_rules(document: Document, request: CheckRequest, report: PaperReport) -> None:
    context = RunContext(track=request.track, stage=request.stage, authors=list(request.authors),
                         detect_format=lambda: document.template.family)
    for rule in request.ruleset.rules.values():
        if not rule.enabled:
            continue
        if rule.when and not matches(rule.when, context):
            continue
        report.results.append(run_rule(document, rule, context))
    if "template" in document.extracted:
        report.template = document.template.summary()


def run_rule(document: Document, rule, context: RunContext) -> RuleResult:
    result = RuleResult(rule=rule.id, check=rule.check, status="pass", message="", level=rule.level,
                        source=rule.source, description=rule.description)
    if rule.not_stated:
        result.status, result.message = "not_checked", rule.not_stated
        return result
    module = checks.get(rule.check)
    params = {name: schema.default for name, schema in module.PARAMS.items()}
    for name, field_name in getattr(module, "CONTEXT", {}).items():
        value = getattr(context, field_name, None)
        if value is not None:
            params[name] = value
    sources = []
    for name, spec in rule.params.items():
        try:
            value, source = resolve_value(spec, context)
        except Unresolved as exc:
            result.status = "not_checked"
            result.message = exc.reason or (f"the rule set gives no {name} for track {context.track or '-'}, "
                                            f"stage {context.stage}, format {context.format}")
            return result
        if name in getattr(module, "CONTEXT", {}) and isinstance(value, list) and isinstance(params.get(name), list):
            value = list(value) + [v for v in params[name] if v not in value]  # rule data plus run inputs
        params[name] = module.PARAMS[name].coerce(value)
        if source:
            sources.append(source)
    if sources and not result.source:
        result.source = "; ".join(dict.fromkeys(sources))
    try:
        output: CheckOutput = module.check(document, params)
    except NotApplicable as exc:
        result.status, result.message = "not_checked", str(exc)
        return result
    except PdfReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken check must not hide the other rules
        result.status = "not_checked"
        result.message = f"the check could not run on this PDF ({type(exc).__name__}: {exc})"
        return result
    if output.not_checked:
        result.status, result.message = "not_checked", output.not_checked
        return result
    result.findings = output.findings
    result.facts = output.facts
    fields = {**params, "track": context.track, "stage": context.stage}
    if rule.fix:
        for finding in result.findings:
            finding.fix = _format(rule.fix, fields)
    levels = [finding.level or rule.level for finding in output.findings]
    if "error" in levels:
        result.status = "fail"
    elif "warning" in levels:
        result.status = "warn"
    result.message = output.summary
    if rule.message and result.status in ("fail", "warn"):
        requirement = _format(rule.message, fields)
        result.message = f"{requirement}: {output.summary}" if output.summary else requirement
    return result


def _format(template: str, params: dict) -> str:
    """Fill {name} fields from the parameters; nothing else (rule files are data, not code)."""

    def fill(match):
        value = params.get(match.group(1))
        if value is None:
            return match.group(0)
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)

    return re.sub(r"\{(\w+)\}", fill, template)
