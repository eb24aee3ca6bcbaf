"""The built-in rule sets and section vocabulary, parsed once and kept in the user's cache folder.

Parsing the shipped YAML with the hardened loader (which builds every value in Python,
counting nodes and aliases) and validating it costs more than checking a short paper.
The shipped files are the package's own, so their parsed form, the resolved rule sets
(`extends` applied) and the vocabulary, is written once as JSON into the user's cache
folder and read back on later runs. JSON is data: reading it runs no code, and the
file is only read when it belongs to this user and nobody else can write to it.

The cache file is named after a digest of everything its content depends on: its
format, the package version, the rules folder, the bytes of every shipped rule file
and of the vocabulary, and the size and time of the modules that read them. Any
change gives another name, so a stale cache is never read: the new one is built in
its place. Before it is written, each entry is decoded again and compared with what
the loader built; an entry that does not come back equal is left out and loaded from
its YAML as before. Rule files a user gives (--rules, or any path) never go through
this cache: only built-in ids do.

WSCHECK_CACHE_DIR names the folder (empty: no cache); by default it is the platform's
user cache folder (~/.cache/wscheck, ~/Library/Caches/wscheck, %LOCALAPPDATA%\\wscheck\\Cache).
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
import stat
import sys
from importlib.util import source_hash
from pathlib import Path
from typing import Any

FORMAT = 1
PREFIX = "rulesets-"
KEEP_FILES = 8  # cache files of other versions (or other checkouts) left in the folder at most
_TAG = "\x00"  # the key of a tagged JSON object (a value JSON has no type for); no shipped key starts with it
# the modules whose code turns the shipped YAML into rule sets and vocabulary (their size and
# time go into the digest, for checkouts whose code changes while the version does not)
_LOADER_MODULES = ("rulecache.py", "ruleset.py", "sections.py", "deadlines.py", "model.py", "textutil.py",
                   "safe_regex.py", "fileio.py", "checks")

_state: dict[str, Any] = {}  # "data": the cache read or built in this process (None: unavailable)


class _Unencodable(Exception):
    """A value the cache cannot write back exactly: its entry is loaded from YAML instead."""


def cache_dir() -> Path | None:
    """Where wscheck keeps its caches, or None when caching is off (WSCHECK_CACHE_DIR="")."""
    configured = os.environ.get("WSCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None  # no home folder (a bare service account): no cache
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "wscheck" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "wscheck"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / "wscheck"


def ruleset(ruleset_id: str):
    """The built-in rule set `ruleset_id` (a fresh object), or None when it must be loaded from its YAML."""
    data = _data()
    if data is None or ruleset_id not in data["rulesets"]:
        return None
    try:
        return _decode(data["rulesets"][ruleset_id])
    except (KeyError, TypeError, ValueError, re.error):
        return None


def vocabulary():
    """The shipped section vocabulary, or None when it must be parsed from its YAML.

    Read from a cache file that exists, never a reason to build one: check modules ask for the
    vocabulary while they are imported, and building loads (and so imports) every check type."""
    data = _data(build=False)
    if data is None or data.get("vocabulary") is None:
        return None
    try:
        return _decode(data["vocabulary"])
    except (KeyError, TypeError, ValueError, re.error):
        return None


def forget() -> None:
    """Read the cache again on next use (tests, and a process that changed the environment)."""
    _state.clear()


def building() -> bool:
    """True while the cache is being built: the loader must then read every file itself."""
    return _state.get("building", False)


# -- the digest ------------------------------------------------------------------------------
def digest() -> str:
    """What the cache's content depends on, as a hex digest (see the module's docstring).

    Each file's bytes are hashed with the keyed 64-bit hash Python checks hash-based .pyc
    files with (importlib.util.source_hash): hashlib would cost a one-paper check more
    to import than all of this takes."""
    from wscheck import __version__
    from wscheck.ruleset import builtin_rules_dir, builtin_texts

    rules = builtin_rules_dir()
    manifest = [f"wscheck rule-set cache {FORMAT} {__version__}", str(rules.resolve())]
    for path, data in builtin_texts():
        manifest.append(f"{path.relative_to(rules).as_posix()} {len(data)} {source_hash(data).hex()}")
    package = Path(__file__).parent
    for name in _LOADER_MODULES:
        target = package / name
        files = sorted(target.glob("*.py")) if target.is_dir() else [target]
        for module in files:
            try:
                info = module.stat()
            except OSError:
                continue
            manifest.append(f"{module.relative_to(package).as_posix()} {info.st_size} {info.st_mtime_ns}")
    return source_hash("\n".join(manifest).encode("utf-8", "surrogateescape")).hex()


# -- reading and writing ---------------------------------------------------------------------
def _data(build: bool = True) -> dict | None:
    """The cache's content for this run: read once, or built (when `build`); None without one."""
    if "data" not in _state and not building():
        folder = cache_dir()
        if folder is None:
            _state["data"] = None
            return None
        try:
            key = digest()
        except OSError:
            _state["data"] = None
            return None
        path = folder / f"{PREFIX}{key}.json"
        found = _read(path, key)
        if found is None and not build:
            return None  # (asked again later, when building is allowed)
        _state["data"] = found if found is not None else _build(path, key)
    return _state.get("data")


def _read(path: Path, key: str) -> dict | None:
    """The cache file's content when it is ours, well formed and for this digest; else None."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not _trusted(info):
                return None
            data = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key \
            or not isinstance(data.get("rulesets"), dict):
        return None
    return data


def _trusted(info: os.stat_result) -> bool:
    """A regular file of this user's that no one else may write (where the platform says)."""
    if not stat.S_ISREG(info.st_mode):
        return False
    if hasattr(os, "getuid"):
        return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return True


def _build(path: Path, key: str) -> dict | None:
    """Load every built-in rule set and the vocabulary from YAML, keep what encodes exactly, write it."""
    from wscheck import __version__
    from wscheck.errors import RuleSetError
    from wscheck.ruleset import _load_file, builtin_index
    from wscheck.sections import builtin_vocabulary

    _state["building"] = True
    try:
        data: dict[str, Any] = {"format": FORMAT, "key": key, "version": __version__, "rulesets": {},
                                "vocabulary": None}
        for ruleset_id, file in builtin_index().items():
            try:
                data["rulesets"][ruleset_id] = _vetted(_load_file(file, chain=()))
            except (RuleSetError, _Unencodable):
                continue  # loaded (and its error reported) from YAML, as without a cache
        try:
            builtin_vocabulary.cache_clear()
            data["vocabulary"] = _vetted(builtin_vocabulary())
        except (RuleSetError, OSError, _Unencodable):
            pass
    except Exception:  # noqa: BLE001 - the cache is an optimisation: whatever stops it, YAML is read as before
        return None
    finally:
        _state["building"] = False
        builtin_vocabulary.cache_clear()
    _write(path, data)
    return data


def _vetted(value: Any) -> Any:
    """`value` encoded, once decoding it gives back an equal value."""
    encoded = json.loads(json.dumps(_encode(value), ensure_ascii=False, allow_nan=False))
    if _decode(encoded) != value:
        raise _Unencodable(f"{type(value).__name__} does not come back equal")
    return encoded


def _write(path: Path, data: dict) -> None:
    """Write the cache atomically; a folder that cannot be written means no cache, never an error."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _tidy(path)
    except OSError:
        pass


def _tidy(current: Path) -> None:
    """Leave at most KEEP_FILES cache files of other keys (the newest) beside the current one."""
    others = [p for p in current.parent.glob(f"{PREFIX}*.json") if p != current]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP_FILES:]:
        old.unlink(missing_ok=True)


# -- encoding: JSON, with tags for what JSON has no type for -------------------------------------
def _types() -> dict[str, type]:
    """The classes the cache holds, by name (read at use, so that imports stay lazy)."""
    from wscheck.ruleset import Rule, RuleSet
    from wscheck.sections import Kind, Vocabulary

    return {cls.__name__: cls for cls in (RuleSet, Rule, Kind, Vocabulary)}


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is list:
        return [_encode(item) for item in value]
    if kind is dict:
        if all(type(k) is str and not k.startswith(_TAG) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_TAG: "dict", "items": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if kind is tuple:
        return {_TAG: "tuple", "items": [_encode(item) for item in value]}
    if kind is frozenset:
        return {_TAG: "frozenset", "items": [_encode(item) for item in value]}
    if kind is datetime.date:
        return {_TAG: "date", "iso": value.isoformat()}
    if kind is datetime.datetime:
        return {_TAG: "datetime", "iso": value.isoformat()}
    if kind is re.Pattern and isinstance(value.pattern, str):
        return {_TAG: "regex", "pattern": value.pattern, "flags": value.flags}
    if dataclasses.is_dataclass(value) and _types().get(kind.__name__) is kind:
        return {_TAG: kind.__name__, "fields": {f.name: _encode(getattr(value, f.name))
                                                for f in dataclasses.fields(value) if f.init}}
    raise _Unencodable(f"cannot keep a {kind.__name__} exactly")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    tag = value.get(_TAG)
    if tag is None:
        return {k: _decode(v) for k, v in value.items()}
    if tag == "dict":
        return {_decode(k): _decode(v) for k, v in value["items"]}
    if tag == "tuple":
        return tuple(_decode(item) for item in value["items"])
    if tag == "frozenset":
        return frozenset(_decode(item) for item in value["items"])
    if tag == "date":
        return datetime.date.fromisoformat(value["iso"])
    if tag == "datetime":
        return datetime.datetime.fromisoformat(value["iso"])
    if tag == "regex":
        return re.compile(value["pattern"], value["flags"])
    cls = _types()[tag]
    return cls(**{name: _decode(field) for name, field in value["fields"].items()})
