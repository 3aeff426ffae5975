"""Read a YAML file and remember the line of every key and list item.

Errors in rule files are reported as ``file:line: message``; pydantic gives a
location path (``("rules", 2, "entities", 0)``) and :class:`LineMap` turns it
into the line where that value is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LineMap:
    """1-based line numbers of the values in a YAML document, by location path."""

    lines: dict[Location, int]

    def line(self, location: Location) -> int:
        """The line of ``location``, or of the nearest enclosing value that has one."""
        for end in range(len(location), -1, -1):
            found = self.lines.get(tuple(location[:end]))
            if found is not None:
                return found
        return 1


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; ``line`` is where the parser gave up (1-based)."""

    def __init__(self, line: int | None) -> None:
        super().__init__("not valid YAML")
        self.line = line


def _without_timestamps(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """``loader`` reading ``2016-03-14`` as text: a case fact's date, checked later.

    PyYAML builds a date itself and fails with a bare ValueError on one that does not
    exist (``2016-21-03``); the schema says where it is written instead.
    """
    resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
        for first, found in loader.yaml_implicit_resolvers.items()
    }
    return type(loader.__name__, (loader,), {"yaml_implicit_resolvers": resolvers})


#: libyaml's loader when PyYAML was built with it: six times faster on the rule files,
#: which every scan loads at start-up.
_C_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_FAST_LOADER = _without_timestamps(_C_LOADER) if _C_LOADER is not None else None
_LOADER = _without_timestamps(yaml.SafeLoader)


def parse_yaml(text: str) -> tuple[Any, LineMap]:
    """Parse one YAML document (safe types only) and map its values to lines.

    Raises:
        YamlSyntaxError: the text is not valid YAML.
    """
    if _FAST_LOADER is not None:
        loader = _FAST_LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            pass  # the pure-Python parser below says where, as it always did
        else:
            return data, _line_map(node)
        finally:
            loader.dispose()
    try:
        # The reader refuses control characters as soon as it is built.
        loader = _LOADER(text)
    except yaml.YAMLError:
        raise YamlSyntaxError(1) from None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlSyntaxError(mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()
    return data, _line_map(node)


def _line_map(node: yaml.Node | None) -> LineMap:
    lines: dict[Location, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return LineMap(lines)


def _walk(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            where = (*location, str(key.value))
            lines[where] = key.start_mark.line + 1
            _walk(value, where, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*location, index), lines)
