"""Project configuration: `.wscheck.yaml` in a paper repository.

    # .wscheck.yaml
    venue: icml2026-mechinterp      # or: rules: rules/my-workshop.yaml (relative to this file)
    track: short
    stage: submission
    authors:                        # names and usernames the anonymity check searches for
      - Jane Doe
      - github:jdoe
    ignore: [text-block]            # rules not to run; warn-only: [...] turns failures into warnings

The file is found by searching from the working directory upward to the root of
the git repository (the folder holding `.git`), so a CI job in the repository
just runs `wscheck check paper.pdf`. A config above the repository (or, outside
any repository, above the working directory) is never applied silently: it is
ignored with a warning, and `--config PATH` applies it. Options given on the
command line override the file; authors from both are searched. The report names
the config it applied.

API for other modules: `find_config(start, warn) -> Config | None`, whose
`.authors` is a list of strings; `load_config(path)`.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wscheck.errors import WscheckError
from wscheck.fileio import TooLarge, read_text_bounded
from wscheck.ruleset import MAX_YAML_BYTES, STAGES, LineDict, load_yaml

CONFIG_NAMES = (".wscheck.yaml", ".wscheck.yml")
CONFIG_KEYS = {
    "venue": "a built-in rule set id (see `wscheck venues`)",
    "rules": "a rule set file, relative to this config file (instead of venue)",
    "track": "the submission track",
    "stage": "submission or camera-ready",
    "authors": "identities of the authors (names, github:USER, hf:USER...), searched by the anonymity check",
    "ignore": "rule ids not to run, e.g. [text-block] (as --ignore)",
    "warn-only": "rule ids whose failures are only warnings (as --warn-only)",
}


class ConfigError(WscheckError):
    """The project config cannot be used; the message names the file and line."""

    def __init__(self, message: str, path: Path | str, line: int | None = None):
        where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)


@dataclass
class Config:
    path: Path
    venue: str | None = None
    rules: str | None = None  # absolute path of a rule set file
    track: str | None = None
    stage: str | None = None
    authors: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)  # rule ids (wscheck.rule_selection)
    warn_only: list[str] = field(default_factory=list)

    @property
    def rule_set(self) -> str | None:
        """What to load: the rule set file if given, else the venue id."""
        return self.rules or self.venue


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` that holds `.git` (a folder, or a file in a worktree)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def find_config(start: Path | str | None = None, warn: Callable[[str], None] | None = None) -> Config | None:
    """The nearest `.wscheck.yaml` from `start` (default: the working directory) up to the repository root.

    Outside a git repository only `start` itself is searched. A config further up is not
    applied; `warn` (if given) is told about the nearest one and how to apply it.
    """
    folder = Path(start) if start is not None else Path.cwd()
    try:
        folder = folder.resolve()
        if folder.is_file():
            folder = folder.parent
        root = repository_root(folder)
    except OSError:
        return None
    inside = [folder, *folder.parents]
    inside = inside[: inside.index(root) + 1] if root is not None else inside[:1]
    for candidate_dir in inside:
        found = _config_in(candidate_dir)
        if found is not None:
            return load_config(found)
    if warn is not None:
        for candidate_dir in [folder, *folder.parents][len(inside):]:
            found = _config_in(candidate_dir)
            if found is not None:
                where = f"the git repository {root}" if root is not None else f"the working directory {folder}"
                warn(f"{found} is not applied: it is outside {where}; give --config {found} to use it")
                break
    return None


def load_config(path: Path | str) -> Config:
    path = Path(path)
    try:
        text = read_text_bounded(path, MAX_YAML_BYTES, "config")
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc.strerror or exc})", path) from None
    except (TooLarge, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path) from None
    data = load_yaml(text, str(path))
    if data is None:
        return Config(path=path)
    if not isinstance(data, LineDict):
        raise ConfigError(f"the config must be a mapping with keys {', '.join(CONFIG_KEYS)}", path)
    for key in data:
        if key not in CONFIG_KEYS:
            close = difflib.get_close_matches(str(key), list(CONFIG_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"unknown key {key!r}{hint}; valid keys: {', '.join(CONFIG_KEYS)}", path,
                              data.line_of(key))
    config = Config(path=path)
    for key in ("venue", "rules", "track", "stage"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{key!r} must be a string", path, data.line_of(key))
        setattr(config, key, value.strip())
    if config.venue and config.rules:
        raise ConfigError("give either 'venue' or 'rules', not both", path, data.line_of("rules"))
    if config.stage and config.stage not in STAGES:
        raise ConfigError(f"'stage' must be one of {', '.join(STAGES)}", path, data.line_of("stage"))
    if config.rules:
        config.rules = str((path.parent / config.rules).resolve())
    config.authors = _authors(data, path)
    config.ignore = _rule_ids(data, "ignore", path)
    config.warn_only = _rule_ids(data, "warn-only", path)
    return config


def _authors(data: LineDict, path: Path) -> list[str]:
    authors = data.get("authors")
    if authors is None:
        return []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, (str, int)) for a in authors):
        raise ConfigError("'authors' must be a list of names", path, data.line_of("authors"))
    return [str(a).strip() for a in authors if str(a).strip()]


def _rule_ids(data: LineDict, key: str, path: Path) -> list[str]:
    """`ignore:` and `warn-only:`: a list of rule ids (one id alone is accepted too)."""
    ids = data.get(key)
    if isinstance(ids, str):
        ids = [ids]
    if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)):
        raise ConfigError(f"{key!r} must be a list of rule ids, e.g. [text-block]", path, data.line_of(key))
    return [i.strip() for i in ids or [] if i.strip()]


@dataclass
class CheckSettings:
    """What `wscheck check` runs with once the command line and the config are combined."""

    rule_set: str | None
    track: str | None
    stage: str
    authors: list[str]
    config: Config | None


def combine(config: Config | None, venue: str | None, rules_file: str | None, track: str | None,
            stage: str | None, authors: list[str] | tuple[str, ...]) -> CheckSettings:
    """Command-line options override the config; authors from both are searched.

    The config's track belongs to the config's venue: it applies only when the
    command line names no other venue.
    """
    chosen = rules_file or venue
    use_config_venue = config is not None and chosen is None
    if config is not None and chosen is None:
        chosen = config.rule_set
    if track is None and config is not None and (use_config_venue or chosen in (config.venue, config.rules)):
        track = config.track
    if stage is None:
        stage = (config.stage if config is not None else None) or "submission"
    merged = list(dict.fromkeys([*(config.authors if config else []), *authors]))
    return CheckSettings(rule_set=chosen, track=track, stage=stage, authors=merged, config=config)
