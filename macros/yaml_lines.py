"""Parse YAML into plain Python data, remembering the line of every key and list item."""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed: many times faster
_SCALARS = yaml.constructor.SafeConstructor()

# What parse_yaml raises for a file that is not YAML (syntax errors carry .problem_mark).
YAMLError = yaml.YAMLError


class DuplicateKeyError(ValueError):
    """A mapping names the same key twice: YAML parsers would keep the last one silently."""

    def __init__(self, path: tuple, key: str, line: int):
        super().__init__(f'the field "{key}" is given twice')
        self.path, self.key, self.line = path, key, line


def parse_yaml(text: str) -> tuple[object, dict[tuple, int]]:
    """The document, and a map from each path (("items", 2, "text"), say) to its 1-based line."""
    lines: dict[tuple, int] = {}

    def build(node, path: tuple):
        if isinstance(node, yaml.MappingNode):
            mapping = {}
            for key_node, value_node in node.value:
                key = str(_SCALARS.construct_object(key_node))
                line = key_node.start_mark.line + 1
                if key in mapping:
                    raise DuplicateKeyError(path, key, line)
                lines[(*path, key)] = line
                mapping[key] = build(value_node, (*path, key))
            return mapping
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                items.append(build(item, (*path, index)))
            return items
        return _SCALARS.construct_object(node)

    root = yaml.compose(text, Loader=_LOADER)
    return (None if root is None else build(root, ())), lines
