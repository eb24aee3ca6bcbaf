"""The YAML loader for rule sets, configs and the section vocabulary: safe, bounded, with lines.

Imported on first use (`wscheck.ruleset.load_yaml`): a run whose rule set comes from the
rule-set cache (wscheck.rulecache) reads no YAML and does not import it.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from wscheck.errors import RuleSetError
from wscheck.ruleset import MAX_ALIASES, MAX_NODES, MAX_YAML_BYTES, LineDict


class _Loader(yaml.SafeLoader):
    """SafeLoader that records lines, refuses duplicate keys and bounds aliases.

    A few dozen aliases can stand for billions of values ("billion laughs": each
    level repeats the one before nine times), so besides counting aliases the
    loader counts the values each node stands for once aliases are expanded, and
    refuses a file whose expansion exceeds MAX_NODES, before anything walks it.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._nodes = 0
        self._expanded: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        alias = self.check_event(yaml.AliasEvent)
        if alias:
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"line {mark.line + 1}: more than {MAX_ALIASES} aliases (alias bomb?)")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise yaml.YAMLError(f"more than {MAX_NODES} YAML nodes")
        node = super().compose_node(parent, index)
        if alias:
            if id(node) not in self._expanded:  # the anchored value is still being read: it contains itself
                raise yaml.YAMLError(f"line {mark.line + 1}: an alias refers to the value that contains it")
            return node
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [item for pair in node.value for item in pair]
        else:
            children = []
        size = 1 + sum(self._expanded[id(child)] for child in children)
        if size > MAX_NODES:
            raise yaml.YAMLError(f"line {mark.line + 1}: this value expands to more than {MAX_NODES} values "
                                 "through aliases (alias bomb?)")
        self._expanded[id(node)] = size
        return node

    def construct_mapping(self, node, deep=False):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"line {key_node.start_mark.line + 1}: keys must be plain strings",
                    key_node.start_mark)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"line {key_node.start_mark.line + 1}: duplicate key {key!r}", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


def load(text: str, path: str) -> Any:
    if len(text) > MAX_YAML_BYTES:
        raise RuleSetError(f"the file is larger than {MAX_YAML_BYTES // 1000} kB", path)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        problem = exc.problem or str(exc)
        if "could not determine a constructor" in problem:
            tag = re.search(r"tag '([^']+)'", problem)
            problem = (f"YAML tag {tag.group(1) if tag else ''} is not allowed: rule files are data and never "
                       "run code")
        problem = re.sub(r"^line \d+: ", "", problem)
        raise RuleSetError(problem, path, line) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleSetError(f"invalid YAML: {exc.problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise RuleSetError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise RuleSetError("invalid YAML: nested too deeply", path) from None
