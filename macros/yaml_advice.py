"""What to do about a YAML syntax error, read from the line it points at: the parser's words ("did not
find expected key") name no cause a contributor would know. Used for the data files and for pages'
front matter (hooks/page_sources.py)."""

from __future__ import annotations

# Where the parser's mark is not the line to look at: a key without its colon, a quote never closed.
_STARTS_EARLIER = ("while scanning a simple key", "while scanning a quoted scalar")
# Characters YAML treats specially at the start of a plain value.
_INDICATORS = "[]{}*&!|>%@`"


def yaml_advice(error, text: str, what: str = "text") -> str:
    """One piece of advice for a YAML error in `text`; `what` names the value ("text", "value")."""
    context = getattr(error, "context", None)
    problem = " ".join(str(getattr(error, "problem", None) or "").split())
    if context == "while scanning a quoted scalar":
        return "a quote opens on this line and is never closed"
    if context == "while scanning a simple key":
        return "write the key with its colon, as in key: value"
    mark = getattr(error, "problem_mark", None)
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    value = line.partition(": ")[2].lstrip()
    start = value[:1]
    if start == '"':
        return f"a {what} that starts with a quote must end with it: put the whole {what} in single quotes, '\"…\" …'"
    if start == "'":
        return f"a {what} that starts with a quote must end with it: put the whole {what} in double quotes, \"'…' …\""
    if start and start in _INDICATORS:
        return f'a {what} that starts with "{start}" must be in quotes: "{start}…"'
    if problem.startswith("mapping values are not allowed") and line[: mark.column].partition(": ")[2]:
        return f'a {what} with a colon and a space in it must be in quotes: "…: …"'
    return "check this line's indentation (an item's fields line up under its first) and that the key above ends with a colon"


def yaml_error_at(error) -> tuple[int | None, str]:
    """The line a YAML error is about (1 for the text's first; None if the parser gave none) and its problem
    in the parser's words, on one line."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context", None)
    if context in _STARTS_EARLIER and getattr(error, "context_mark", None):
        mark = error.context_mark  # where the key or the quoted text starts
    problem = " ".join(str(getattr(error, "problem", None) or context or error).split())
    return (mark.line + 1 if mark else None), problem
