"""Parse YAML into plain Python data, remembering the line of every key and list item.

Anchors, aliases and deep nesting are refused from the token stream, before anything is composed:
an alias can make a few lines expand to billions of nodes ("billion laughs"), and the data needs none.
"""

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


class UnsafeYAMLError(ValueError):
    """The text uses a YAML feature that data files do not need and that could hang or crash the build."""

    def __init__(self, problem: str, line: int):
        super().__init__(problem)
        self.line = line


# The data files nest three levels (a mapping, its list, each item); anything far deeper is a mistake,
# and recursion through thousands of levels would crash the build.
MAX_DEPTH = 10
_OPENS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def refuse_unsafe_yaml(text: str) -> None:
    """Raise UnsafeYAMLError at the first anchor, alias or too-deep nesting, reading tokens only."""
    depth = 0
    for token in yaml.scan(text, Loader=_LOADER):
        line = token.start_mark.line + 1
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            raise UnsafeYAMLError(
                "YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out in full "
                "(to start a text with & or *, put the whole text in quotes)",
                line,
            )
        if isinstance(token, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYAMLError(
                    f"the data is nested more than {MAX_DEPTH} levels deep; check the indentation", line
                )
        elif isinstance(token, _CLOSES):
            depth -= 1


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
        if not node.style and source[node.end_mark.line][node.end_mark.column :].lstrip().startswith("#"):
            raise UnsafeYAMLError(
                'a " #" ends this value and starts a comment, so the words after it would be lost; '
                "put the whole value in quotes, or move the comment to a line of its own",
                node.end_mark.line + 1,
            )
        try:
            return _SCALARS.construct_object(node)
        except ValueError as error:  # 2024-02-30 reads as a date that does not exist
            raise UnsafeYAMLError(
                f"YAML reads {node.value} as a date or a number, and cannot ({error}); put the text in quotes",
                node.start_mark.line + 1,
            ) from None

    source = text.splitlines() + [""]
    refuse_unsafe_yaml(text)
    root = yaml.compose(text, Loader=_LOADER)
    return (None if root is None else build(root, ())), lines


def scalar_nodes(root) -> list:
    """Every scalar node of a composed YAML document (keys and values), each once: an alias is the same node
    again, so a "billion laughs" document is read in as many steps as it has nodes."""
    found, nodes, seen = [], [root] if root is not None else [], set()
    while nodes:
        node = nodes.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        elif isinstance(node, yaml.MappingNode):
            nodes += [part for pair in node.value for part in pair]
        else:
            nodes += node.value
    return found
