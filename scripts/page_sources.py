"""Stop the build at slips in a page's source that MkDocs would otherwise publish without a word, or
that would stop the build with a message that names no line.

1. Front matter (the `---` lines at the top) that is not YAML: MkDocs ignores it and shows it as text,
   `description: Answers: three questions` turned into a heading, say.
2. `{{`, `{%` or `{#` in the front matter: the macros never see it, so it is published as written
   (in the page's meta description, for one).
3. A call to one of the site's macros (`{{ steps() }}`, …) that shares its line with other text, or is
   indented by four spaces or a tab, or in a code block: Markdown then puts the list inside a paragraph, or shows
   it as code.
   A dash inside any tag's braces (`{{- steps() -}}`, `{#- a note -#}`, `{%- raw %}`): Jinja removes the
   line breaks beside it, so a heading swallows the paragraph after it.
4. Template mistakes: a macro that does not exist, one written without its brackets or with something in
   them, a name the site does not know, and `{{`, `{%` or `{#` that start nothing (a heading id `{#id}`).
5. A page without a description (search results and link previews show it) of 50 to 160 characters, or
   one holding a straight double quote (the theme writes it into an attribute as it is).
6. A footnote used and never written out, or written out and never used; a note (`!!! note`) whose text
   is not indented, so it would be empty.

Each problem is a value (macros/problems.py), printed `Page error: docs/faq.md, line 2: what is wrong; what to
do`. scripts/check_guide.py runs these checks on every page before either engine builds, and in `make check`.
"""

from __future__ import annotations

import contextlib
import difflib
import re

import jinja2
import yaml
from jinja2 import nodes as template_nodes

from macros.problems import PAGE, Problem
from macros.yaml_advice import yaml_advice, yaml_error_at
from macros.yaml_lines import scalar_nodes

try:  # the loader MkDocs reads front matter with (mkdocs/utils/meta.py), so its errors are MkDocs'
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

# As MkDocs finds front matter (mkdocs/utils/meta.py): a `---` first line, up to a `---` or `...` line.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)  # a template comment: nothing in it is shown
WHITESPACE_CONTROL = re.compile(r"\{[{%#]-|-[}%#]\}")  # a dash inside a tag's braces
FRONT_MATTER_MEANT = re.compile(r"\A\s*-{3,}[ \t]*$", re.MULTILINE)  # a page that starts with a --- line

_YAML_ADVICE_ANY = 'write each line as key: value, and put a value in quotes ("…") if it contains ": "'


def page_errors(where: str, source: str, macros: list[str]) -> list[Problem]:
    """The problems of one page's source (`where` names its file), in line order."""
    return [Problem(where, text, line, kind=PAGE) for line, text in page_problems(source, macros)]


def page_problems(source: str, macros: list[str]) -> list[tuple[int, str]]:
    """(line, what is wrong and what to do) for each problem in one page's source, in line order."""
    problems = []
    body_start, render_macros, meta = 1, True, None
    if front := FRONT_MATTER.match(source):
        body_start = front[0].count("\n") + 1
        meta, found = _front_matter(front[1])
        problems += found
        render_macros = not (isinstance(meta, dict) and meta.get("render_macros") is False)
    elif meant := FRONT_MATTER_MEANT.match(source):
        line = meant[0].count("\n") + 1
        problems.append(
            (
                line,
                "the page starts with a --- line but MkDocs finds no front matter, so it would publish it as text; "
                "front matter starts on the first line with ---, holds at least one key: value line, and ends "
                "with a line of just --- followed by a line break",
            )
        )
    if (front is None and not FRONT_MATTER_MEANT.match(source)) or isinstance(meta, dict):
        problems += _description_problems(source, meta if front else None)
    if render_macros and macros:
        problems += _macro_call_problems(source, body_start, macros)
        problems += _template_problems(source, body_start, macros)
    problems += _footnote_and_note_problems(source, body_start)
    return sorted(problems)


def page_meta(source: str) -> dict | None:
    """A page's front matter as MkDocs reads it: {} where it has none, None where MkDocs cannot read it (the
    page's own check says why)."""
    front = FRONT_MATTER.match(source.lstrip("\ufeff").replace("\r\n", "\n"))
    meta = _front_matter(front[1])[0] if front else {}
    return meta if isinstance(meta, dict) else None


def _front_matter(block: str) -> tuple[object, list[tuple[int, str]]]:
    """The front matter as MkDocs reads it (None where it cannot) and its problems, each on its line."""
    meta, problems = None, []
    published = "so MkDocs would publish it as text at the top of the page"
    try:
        meta = yaml.load(block, _Loader)
    except yaml.YAMLError as error:
        line, problem = yaml_error_at(error)
        advice = yaml_advice(error, block, "value")
        rows = block.split("\n")
        if not (line and line <= len(rows) and TEMPLATE_SYNTAX.search(rows[line - 1])):  # said once, below
            problems.append(((line or 1) + 1, f"the front matter is not valid YAML ({problem}), {published}; {advice}"))
    except ValueError as error:  # 2024-02-30 reads as a date that does not exist
        line = _impossible_date_line(block)
        problems.append(
            (line, f"YAML reads a value here as a date, and cannot ({error}), {published}; put it in quotes")
        )
    else:
        if not isinstance(meta, dict):
            problems.append((2, f'the front matter is not "key: value" lines, {published}; {_YAML_ADVICE_ANY}'))
    for number in _template_lines(block):
        if syntax := TEMPLATE_SYNTAX.search(block.split("\n")[number - 2]):
            syntax = syntax[0]
            problems.append(
                (
                    number,
                    f'the front matter holds "{syntax}", which would be published as written (macros do not run '
                    "there, and the description is shown in search results and link previews); write the words "
                    "themselves, without {{, {% or {#",
                )
            )
    return meta, problems


def _template_lines(block: str) -> list[int]:
    """The page's lines (front matter from line 2) where a value of the front matter holds template syntax, as
    YAML reads it: a line of a block scalar that starts with # is text (the macros plugin renders it), a comment
    is not. Where the front matter is not YAML, every line that is not a comment."""
    rows = block.split("\n")
    try:
        root = yaml.compose(block, _Loader)
    except yaml.YAMLError:
        return [
            n for n, row in enumerate(rows[:-1], 2) if TEMPLATE_SYNTAX.search(row) and not row.lstrip().startswith("#")
        ]
    found = set()
    for node in scalar_nodes(root):
        if TEMPLATE_SYNTAX.search(node.value):
            last = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)  # a block ends at a line's start
            span = range(node.start_mark.line, min(last, len(rows) - 1) + 1)
            found.update(n + 2 for n in span if TEMPLATE_SYNTAX.search(rows[n]))
    return sorted(found)


def _impossible_date_line(block: str) -> int:
    """The page line of the first value in the front matter that YAML reads as a date and cannot make."""
    nodes = [yaml.compose(block, _Loader)]
    while nodes:
        node = nodes.pop(0)
        if isinstance(node, yaml.MappingNode):
            nodes += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            nodes += node.value
        elif node is not None and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.load(node.value, _Loader)
            except ValueError:
                return node.start_mark.line + 2  # the front matter starts on the page's second line
    return 2


def _macro_call_problems(source: str, body_start: int, macros: list[str]) -> list[tuple[int, str]]:
    # {% raw %} … {% endraw %} is shown as text: blank it out, keeping its lines.
    body = RAW_BLOCK.sub(lambda raw: "\n" * raw[0].count("\n"), source)
    body = COMMENT.sub(lambda comment: "\n" * comment[0].count("\n"), body)  # {# … #}: nothing shown
    call = re.compile(r"\{\{-?\s*(" + "|".join(map(re.escape, macros)) + r")\s*\(.*?\)\s*-?\}\}")
    dashed, fenced, problems = _dashed_tags(source, body_start), fenced_lines(source), []
    for number, text in enumerate(body.split("\n"), 1):
        if tag := dashed.get(number):  # the line's one problem: it is joined to the text around it
            written = WHITESPACE_CONTROL.sub(lambda dash: dash[0].replace("-", ""), tag)
            problems.append(
                (
                    number,
                    f"{tag} has a dash inside its braces, which joins the text around it; write it as "
                    f"{written}, without the dashes",
                )
            )
            continue
        if number < body_start or not (found := call.search(text)):
            continue
        shown = f"{{{{ {found[1]}() }}}}"
        indent = len(text) - len(text.lstrip(" \t"))
        advice = f"write it as {shown}, alone on a line of its own, unindented"
        if number in fenced or text[: found.start()].count("`") % 2:
            where = "code block, where the macros plugin still runs it" if number in fenced else "code span"
            what = f"{shown} sits in a {where}, so its list would be shown as code"
            advice = f"to show the call as text, write {{{{ '{{{{' }}}} {found[1]}() }}}}"
        elif text.strip() != found[0]:
            what = f"{shown} shares its line with other text, so Markdown would put what it shows inside a paragraph"
        elif len(text[:indent].expandtabs(4)) >= 4:
            what = f"{shown} is indented by four spaces or a tab, so Markdown would show it as code"
        else:
            continue
        problems.append((number, f"{what}; {advice}"))
    return problems


# Where each tag a page may hold ends: {{ … }}, {# … #}, {% raw %} and {% endraw %} ({% if %}… are refused).
TAGS_ENDED = ("variable_end", "comment_end", "raw_begin", "raw_end")


def _dashed_tags(source: str, body_start: int) -> dict[int, str]:
    """{line: the first tag starting there with a dash inside its braces}, each as written ({{- steps() -}},
    {%- raw %}, a comment as {#- … -#}), as Jinja reads the page's body (a raw block's text, a comment's, a
    string's are not tags); Jinja removes the spaces and line breaks beside such a tag."""
    dashed, start, written, dash = {}, 0, "", False
    with contextlib.suppress(jinja2.TemplateSyntaxError):  # the page's own problem says where; tags before it count
        for line, kind, text in jinja2.Environment().lex(_body(source, body_start)):
            if kind.endswith("_begin") or kind == "raw_end":  # {% raw %} and {% endraw %} are a tag each
                start, written, dash = line, "", False
            written += " … " if kind == "comment" else text
            dash = dash or (kind.endswith(("_begin", "_end")) and bool(WHITESPACE_CONTROL.search(text)))
            if dash and kind in TAGS_ENDED:
                dashed.setdefault(start, written.strip())
    return dashed


def _body(source: str, body_start: int) -> str:
    """The page's body as the macros plugin renders it, its front matter's lines left empty (each line keeps
    its number)."""
    return "\n" * (body_start - 1) + "\n".join(source.split("\n")[body_start - 1 :])


DESCRIPTION = (50, 160)  # characters: what search results and link previews show whole


def _description_problems(source: str, meta) -> list[tuple[int, str]]:
    """A page's description: present, and as long as search results and link previews show whole."""
    shortest, longest = DESCRIPTION
    what = (
        f"one sentence about this page, {shortest} to {longest} characters (search results and link previews show it)"
    )
    if meta is None:
        return [(1, f"the page has no front matter with its description: start it with ---, description: {what}, ---")]
    description = meta.get("description")
    line = next((n for n, text in enumerate(source.split("\n"), 1) if text.startswith("description:")), 2)
    if not isinstance(description, str) or not description.strip():
        return [(line, f"the page has no description: write description: {what}")]
    if not shortest <= len(description.strip()) <= longest:
        return [(line, f"the description is {len(description.strip())} characters long: write {what}")]
    if '"' in description:  # the theme writes it into an attribute as it is: a straight quote ends it
        return [(line, 'the description holds a straight double quote ("), which cuts it short: use “ and ”')]
    return []


def _template_problems(source: str, body_start: int, macros: list[str]) -> list[tuple[int, str]]:
    """What the macros would stop at (or publish as an error), found before: each on its line, with what to do."""
    try:
        tree = jinja2.Environment().parse(_body(source, body_start))
    except jinja2.TemplateSyntaxError as error:
        if "comment" in error.message:
            advice = f"{{# starts a template comment: {COMMENT_ADVICE}"
        else:
            advice = "to show {{ or {% as text, write {{ '{{' }} or {{ '{%' }}"
        return [(error.lineno, f"{error.message.rstrip('.')}; {advice}")]
    listed = ", ".join(f"{name}()" for name in macros)
    problems = []
    for line, kind, text in jinja2.Environment().lex(_body(source, body_start)):
        if kind == "comment" and not text[0].isspace():  # {#apologize} or {#a, b}, a comment on later: meant as text
            opening = "{#" + re.match(r"[^}\s]*\}?", text)[0]
            problems.append(
                (line, f"{opening} starts a template comment that hides all up to the next #}}; {COMMENT_ADVICE}")
            )
    for node in tree.body:
        if isinstance(node, template_nodes.Output):
            for shown in node.nodes:
                if not isinstance(shown, template_nodes.TemplateData):
                    problems += _shown_problems(shown, macros, listed)
        else:  # {% if %}, {% for %}, {% set %}…: pages show text and the components, nothing else
            problems.append(
                (node.lineno, f"{{% {_statement(node)} %}} is template code, which pages do not run; {ONLY}")
            )
    return problems


# What to write for each thing a page may mean by {#, said wherever Jinja reads one as a comment's start.
COMMENT_ADVICE = (
    "write a heading's id as { #id }, with a space, a comment as {# … #}, with a space, and {# as {{ '{#' }}"
)
# What a page may hold of the template language, said with each thing it may not.
ONLY = "a page shows its components ({{ steps() }}, …) and, as text, {{ '{{' }} or {{ '{%' }}"


def _shown_problems(shown, macros: list[str], listed: str) -> list[tuple[int, str]]:
    """The problem with one {{ … }} of a page: none for a component's macro, called with nothing in its
    brackets, or a text in quotes ({{ '{{' }})."""
    if isinstance(shown, template_nodes.Const) and isinstance(shown.value, str):
        return []
    if isinstance(shown, template_nodes.Call) and isinstance(shown.node, template_nodes.Name):
        name = shown.node.name
        if name not in macros:
            close = difflib.get_close_matches(name, macros, n=1)
            hint = f"did you mean {{{{ {close[0]}() }}}}?" if close else f"the site's macros are {listed}"
            return [(shown.lineno, f"there is no macro {name}(): {hint}")]
        if shown.args or shown.kwargs or shown.dyn_args or shown.dyn_kwargs:
            return [(shown.lineno, f"{name}() takes nothing in its brackets: write {{{{ {name}() }}}}")]
        return []
    if isinstance(shown, template_nodes.Name) and shown.name in macros:
        return [
            (shown.lineno, f"{{{{ {shown.name} }}}} shows nothing: write {{{{ {shown.name}() }}}}, with the brackets")
        ]
    if isinstance(shown, template_nodes.Name):
        return [
            (
                shown.lineno,
                f"{{{{ {shown.name} }}}} is not a macro of this site; to show {{{{ as text, write {{{{ '{{{{' }}}}",
            )
        ]
    return [(shown.lineno, f"this {{{{ … }}}} is template code, which pages do not run; {ONLY}")]


def _statement(node) -> str:
    return type(node).__name__.lower()


def macro_calls(source: str, macros: list[str]) -> list[tuple[int, str]]:
    """(line, macro) of each call of one of the site's macros that the page shows: alone on its line, as the
    page checks want it (one written elsewhere on a line is a problem of its own), and rendered (not in a
    template comment, a raw block, a code block or a page whose front matter turns macros off)."""
    if (page_meta(source) or {}).get("render_macros") is False:
        return []
    try:
        tree = jinja2.Environment().parse(source)
    except jinja2.TemplateSyntaxError:
        return []
    lines, fenced = source.split("\n"), fenced_lines(source)
    alone = re.compile(r"\{\{\s*(\w+)\(\)\s*\}\}")
    return [
        (call.lineno, call.node.name)
        for call in tree.find_all(template_nodes.Call)
        if isinstance(call.node, template_nodes.Name)
        and call.node.name in macros
        and call.lineno not in fenced  # a problem of its own
        and alone.fullmatch(COMMENT.sub("", lines[call.lineno - 1]).strip())  # a comment after it shows nothing
    ]


def meant_macros(source: str, macros: list[str]) -> set[str]:
    """The site's macros a page means to show, however it writes them: {{ steps() }}, {{ steps }}, {{ steps(1) }}
    or a slip such as {{ stepz() }}. A page's own problem says what is wrong with the call; the component is
    not also "shown on no page"."""
    try:
        names = {node.name for node in jinja2.Environment().parse(source).find_all(template_nodes.Name)}
    except jinja2.TemplateSyntaxError:  # the page's own problem says where: any word of it may be a call
        names = set(re.findall(r"[A-Za-z_]\w*", source))
    return {macro for name in names for macro in difflib.get_close_matches(name, macros, n=1)}


FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_TEXT = re.compile(r"^\[\^([^\]\s]+)\]:")
NOTE = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+\w")


def fenced_lines(source: str) -> set[int]:
    """The numbers of a page's lines in a fenced code block, its fences included: Markdown shows them as code. A
    block goes on to a line of its fence's character, as many at least (a ```` block may show ``` in it)."""
    fenced, fence = set(), ""
    for number, text in enumerate(source.split("\n"), 1):
        if fence:
            fence = "" if re.fullmatch(rf"[ \t]*{fence}{fence[0]}*[ \t]*", text) else fence
        elif opening := re.match(r"[ \t]*(`{3,}|~{3,})", text):
            fence = opening[1]
        else:
            continue
        fenced.add(number)
    return fenced


def _footnote_and_note_problems(source: str, body_start: int) -> list[tuple[int, str]]:
    """Footnotes used and written out in pairs; a note's text indented under it (code blocks left alone)."""
    fenced = fenced_lines(source)
    prose = [(n, text) for n, text in enumerate(source.split("\n"), 1) if n >= body_start and n not in fenced]
    uses = {label: number for number, text in reversed(prose) for label in FOOTNOTE_USE.findall(text)}
    written = {match[1]: number for number, text in prose if (match := FOOTNOTE_TEXT.match(text))}
    problems = [
        (number, f'footnote [^{label}] is never written out: add a line "[^{label}]: …" at the end of the page')
        for label, number in uses.items()
        if label not in written
    ]
    problems += [
        (number, f"footnote [^{label}] is written out but never used: put [^{label}] where it belongs, or remove it")
        for label, number in written.items()
        if label not in uses
    ]
    for index, (number, text) in enumerate(prose):
        if not (note := NOTE.match(text)):
            continue
        following = next((line for _, line in prose[index + 1 :] if line.strip()), "")
        if len(following) - len(following.lstrip()) <= len(note[1].expandtabs(4)):
            problems.append(
                (
                    number,
                    "the note's text is not indented under it, so the note would be empty: indent each of its lines by four spaces",
                )
            )
    return problems
