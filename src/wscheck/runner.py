"""Run a rule set against one PDF: Document -> checks -> PaperReport.

A rule whose check raises, runs out of its time budget or cannot read what it
needs gets status `error` with the reason: never a pass. What a report carries is
bounded, so that one hostile PDF cannot flood the process that prints the reports:
at most MAX_FINDINGS_PER_RULE findings per rule and MAX_FINDINGS_PER_PAPER per
paper (the rest are counted: "and 263,800 more e-mail addresses"), and every
string at most MAX_TEXT_CHARS characters.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from wscheck import checks, ruler, textsafe
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.errors import CouldNotCheck, PdfReadError, naming_shown_file
from wscheck.facts import TemplateFacts
from wscheck.model import KIND_NOUNS, CheckOutput, Finding, PaperReport, RuleResult, Status
from wscheck.ruleset import RuleSet, RunContext, Unresolved, matches, resolve_value
from wscheck.checks.template_format import is_what
from wscheck.template import TemplateInfo

MAX_FINDINGS_PER_RULE = 200
MAX_FINDINGS_PER_PAPER = 1000
MIN_FINDINGS_PER_RULE = 5  # shown for every rule, whatever the rules before it used of the paper's share
MAX_TEXT_CHARS = 2000  # a quoted line, a message, a detail
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
    evidence_warnings: bool = False  # --evidence-warnings: pages with warnings only are drawn too


def needed_facts(ruleset: RuleSet) -> set[str]:
    needs: set[str] = set()
    for rule in ruleset.rules.values():
        module = checks.get(rule.check)
        if module is not None and rule.enabled and not rule.not_stated:
            needs |= set(getattr(module, "NEEDS", ()))
    return needs


def check_file(request: CheckRequest) -> PaperReport:
    started = time.perf_counter()
    shown = request.display_name or textsafe.display_path(request.path)
    report = PaperReport(file=shown, venue=request.ruleset.id, track=request.track, stage=request.stage,
                         file_bytes=textsafe.path_bytes_hex(request.path))
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
        ruler.locate(document, [f for result in report.results for f in result.findings])
        report.notes.extend(document.notes)
        bound_findings(report)
        if request.evidence_dir:  # off the normal path: nothing is imported or rendered without it
            from wscheck.evidence import attach_evidence

            attach_evidence(document, report, request.evidence_dir, warnings=request.evidence_warnings)
    except PdfReadError as exc:
        report.error = naming_shown_file(exc, request.path, shown)
        report.results = []
    finally:
        document.close()
    report.elapsed_s = time.perf_counter() - started
    return report


def run_rules(document: Document, request: CheckRequest, report: PaperReport) -> None:
    """Every enabled rule that applies, the template rules first: one cause gives one finding.

    When the template rule finds that the paper does not use a template the venue accepts,
    the rules that measure that template's geometry ("template" in their check module's
    `BOUND_TO`) are not run against a template the paper does not use: they are NOT CHECKED, with
    the reason. When it finds the other stage's build (a review build checked as the
    camera-ready, or the reverse), the rules that judge the stage ("stage" in `BOUND_TO`) are
    NOT CHECKED the same way ("stage:camera-ready": only when that stage is checked). The template
    result that explains them then comes first.
    """
    context = RunContext(track=request.track, stage=request.stage, authors=list(request.authors),
                         detect_format=lambda: document.template.family)
    rules = [rule for rule in request.ruleset.rules.values()
             if rule.enabled and not (rule.when and not matches(rule.when, context))]
    results = {rule.id: run_rule(document, rule, context) for rule in rules if rule.check == TEMPLATE_CHECK}
    cause = next((r for r in results.values() if _mismatch(r)), None)
    for rule in rules:
        if rule.id not in results:
            results[rule.id] = _not_checked_for(cause, rule, context.stage) or run_rule(document, rule, context)
    ordered = [results[rule.id] for rule in rules]
    if cause is not None and any(r.status == Status.NOT_CHECKED and r.cause == cause.rule for r in ordered):
        ordered.remove(cause)
        ordered.insert(0, cause)  # the cause before what it explains
    report.results.extend(ordered)
    if "template" in document.extracted:
        report.template = document.template.summary()
    _unread_pages(document, report)


TEMPLATE_CHECK = "template"


def _mismatch(result: RuleResult) -> tuple[str, ...]:
    """("family",), ("stage",) or both, when a template result found the paper in another template or
    the other stage's build; () otherwise."""
    facts = result.facts
    if isinstance(facts, TemplateFacts) and result.status == Status.FAIL and facts.mismatch:
        return tuple(facts.mismatch)
    return ()


def _not_checked_for(cause: RuleResult | None, rule, stage: str) -> RuleResult | None:
    """NOT CHECKED, and why, for a rule bound to what the template rule found wrong; else None."""
    if cause is None:
        return None
    module = checks.get(rule.check)
    mismatch = _mismatch(cause)
    bound = set(getattr(module, "BOUND_TO", ()) if module is not None else ())
    family = "family" in mismatch and "template" in bound
    if not family and not ("stage" in mismatch and bound & {"stage", f"stage:{stage}"}):
        return None
    facts = cause.facts
    assert isinstance(facts, TemplateFacts)
    what = is_what(TemplateInfo(family=facts.family, year=facts.year, mode=facts.mode))
    if family:
        reason = f"this PDF {what}, not a template the venue accepts: see the {cause.rule} rule"
    else:
        reason = f"this PDF {what}, the other stage's build: see the {cause.rule} rule"
    return RuleResult(rule=rule.id, check=rule.check, status=Status.NOT_CHECKED.value, message=reason,
                      level=rule.level, source=rule.source, description=rule.description, cause=cause.rule)


# facts read page by page, so limited to the pages read (document.MAX_PAGES_READ)
_PAGE_FACTS = frozenset({"lines", "links", "drawables", "fonts", "structure", "template"})


def _unread_pages(document: Document, report: PaperReport) -> None:
    """A rule that passed on the pages read has not passed on the pages left unread: it is an error."""
    if document.pages_read >= document.page_count:
        return
    for result in report.results:
        module = checks.get(result.check)
        if result.status not in ("pass", "warn") or not _PAGE_FACTS & set(getattr(module, "NEEDS", ())):
            continue
        result.status = Status.ERROR.value
        result.message = (f"{result.message}; but only the first {document.pages_read} of {document.page_count} "
                          "pages were read (wscheck's limit), so the rest could not be checked")


def run_rule(document: Document, rule, context: RunContext) -> RuleResult:
    result = RuleResult(rule=rule.id, check=rule.check, status="pass", message="", level=rule.level,
                        source=rule.source, description=rule.description)
    if rule.not_stated:
        result.status, result.message = "not_checked", rule.not_stated
        return result
    module = checks.get(rule.check)
    params = _params(module, rule, context, result)
    if params is None:
        return result
    output = _call_check(module, document, params, result)
    if output is None:
        return result
    if output.not_checked:
        result.status, result.message = "not_checked", output.not_checked
        return result
    result.findings = output.findings
    result.facts = output.facts
    fields = {**params, **_message_fields(module, params), "track": context.track, "stage": context.stage}
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
        result.message = requirement_and_finding(_format(rule.message, fields), output.summary)
    return result


def requirement_and_finding(requirement: str, summary: str) -> str:
    """'The main text must fit in 9 pages: it runs to page 11'; the requirement once, when the summary
    already says it ('This workshop accepts the ICLR style: this workshop accepts...' is said once)."""
    if not summary:
        return requirement
    if _words(summary)[:len(_words(requirement))] == _words(requirement):
        return summary[0].upper() + summary[1:]
    return f"{requirement}: {summary}"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _message_fields(module, params: dict) -> dict:
    """What a check adds to the fields of its rule's message and fix, e.g. text-block's `{text_block}`."""
    fields = getattr(module, "message_fields", None)
    return fields(params) if fields is not None else {}


def _params(module, rule, context: RunContext, result: RuleResult) -> dict | None:
    """The check's parameters: defaults, then run inputs, then the rule's values for this context.

    None (and `result` NOT CHECKED) when the rule set gives no value for this track, stage or format.
    """
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
            result.status = Status.NOT_CHECKED.value
            result.message = exc.reason or (f"the rule set gives no {name} for track {context.track or '-'}, "
                                            f"stage {context.stage}, format {context.format}")
            return None
        if name in getattr(module, "CONTEXT", {}) and isinstance(value, list) and isinstance(params.get(name), list):
            value = list(value) + [v for v in params[name] if v not in value]  # rule data plus run inputs
        params[name] = module.PARAMS[name].coerce(value)
        if source:
            sources.append(source)
    if sources and not result.source:
        result.source = "; ".join(dict.fromkeys(sources))
    return params


def _call_check(module, document: Document, params: dict, result: RuleResult) -> CheckOutput | None:
    """The check's output; None when it could not judge (not_checked) or could not run (error), set on `result`."""
    try:
        return module.check(document, params)
    except NotApplicable as exc:
        result.status, result.message = Status.NOT_CHECKED.value, str(exc)
    except (PdfReadError, MemoryError):
        raise  # the whole file cannot be analysed: an error row
    except CouldNotCheck as exc:
        result.status, result.message = Status.ERROR.value, _bounded(str(exc)) or ""
    except RecursionError:
        result.status = Status.ERROR.value
        result.message = "the PDF is nested too deeply for this check (objects inside objects, thousands deep)"
    except Exception as exc:  # noqa: BLE001 - a broken check must not hide the other rules, nor pass
        result.status = Status.ERROR.value
        reason = " ".join(str(exc).split())
        result.message = _bounded(f"the check failed on this PDF ({type(exc).__name__}: {reason}); this is a bug "
                                  "in wscheck, please report it") or ""
    return None


def _format(template: str, params: dict) -> str:
    """Fill {name} fields from the parameters; nothing else (rule files are data, not code)."""

    def fill(match):
        value = params.get(match.group(1))
        if value is None:
            return match.group(0)
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)

    return re.sub(r"\{(\w+)\}", fill, template)


# -- bounds -------------------------------------------------------------------------------------
def _bounded(text: str | None, limit: int = MAX_TEXT_CHARS) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def _bound_finding(finding: Finding) -> None:
    finding.text = _bounded(finding.text) or ""
    finding.detail = _bounded(finding.detail)
    finding.fix = _bounded(finding.fix)


def bound_findings(report: PaperReport, per_rule: int = MAX_FINDINGS_PER_RULE,
                   per_paper: int = MAX_FINDINGS_PER_PAPER) -> None:
    """Keep at most `per_rule` findings per rule and `per_paper` in all; count the rest, bound every string."""
    left = per_paper
    for result in report.results:
        result.message = _bounded(result.message) or ""
        keep = min(len(result.findings), per_rule, max(left, MIN_FINDINGS_PER_RULE))
        if keep < len(result.findings):
            dropped = result.findings[keep:]
            result.findings = result.findings[:keep]
            result.findings_omitted += len(dropped)
            result.omitted_text = omitted_text(dropped, result.findings_omitted)
        left = max(0, left - len(result.findings))
        for finding in result.findings:
            _bound_finding(finding)
    report.notes = [_bounded(note) or "" for note in report.notes]


def omitted_text(dropped: list[Finding], count: int) -> str:
    """'and 263,800 more e-mail addresses': what the findings left out of a report are."""
    kinds = {finding.kind for finding in dropped}
    noun = KIND_NOUNS.get(next(iter(kinds)) or "", ("", "findings"))[1] if len(kinds) == 1 else "findings"
    if count == 1 and noun == "findings":
        noun = "finding"
    return f"and {count:,} more {noun}"


def shrink_report(report: PaperReport, max_bytes: int) -> PaperReport:
    """A report small enough to send back (wscheck.batch): findings dropped, counted, and the report says so."""
    import pickle

    for keep in (20, 1, 0):
        for result in report.results:
            if len(result.findings) > keep:
                dropped = result.findings[keep:]
                result.findings = result.findings[:keep]
                result.findings_omitted += len(dropped)
                result.omitted_text = omitted_text(dropped, result.findings_omitted)
        report.notes = [_bounded(note, 200) or "" for note in report.notes[:20]]
        report.truncated = (f"findings were left out: the report was larger than the {max_bytes / 1e6:g} MB a "
                            "worker may send back")
        if len(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)) <= max_bytes:
            break
    return report
