"""The content policy: what a content file may say, so that nothing it says runs in a reader's browser.

Content arrives by pull request from people the maintainers do not know.
Python-Markdown passes raw HTML through untouched and puts any link target
it is given into ``href``, so the policy is enforced on the source, where a
writer can be told the line and column, and again on the rendered pages by
``sanitise``, which shares the allowlists defined here.

The rules, outside code blocks and code spans:

- Raw HTML uses only the elements and attributes in ``WRITER_TAGS`` and
  ``WRITER_ATTRIBUTES``: no script, frames, plug-ins, forms, ``<base>``,
  ``<meta>``, ``<link>``, ``<style>``, ``<svg>`` or ``<math>``, no ``on…=``
  event handlers and no ``style`` attributes.
- Every URL (Markdown links, images, reference definitions, autolinks,
  ``{: href=… }`` attribute lists and raw HTML attributes) is relative or
  uses ``URL_SCHEMES``. ``javascript:``, ``vbscript:`` and ``data:`` are
  refused however they are spelled: entities, case, tabs and newlines are
  undone first, the way a browser reads them. A Markdown link's target may
  also be a link by id, written as the build finds it to rewrite it
  (``concept:``, in lowercase); spelt any other way (``Concept:``,
  ``concepts:``) it would reach the page as an unknown scheme, and the
  hint names the link meant.
- Text fields of YAML (titles, summaries, labels, task texts) are escaped
  where they are shown; they still may not carry script-bearing markup, so
  that a template that forgets to escape is not a hole and a reviewer never
  has to wonder.

Everything here is a pure function of a string; findings carry positions
within that string, and ``policy_check`` turns them into problems.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser
from typing import NamedTuple

from markdown.extensions.attr_list import get_attrs_and_remainder

from waypost.links import KINDS
from waypost.markdown_code import has_raw_html_block, mask_code

UNSAFE_HTML = "unsafe-html"
UNSAFE_URL = "unsafe-url"
POLICY_RULES = frozenset({UNSAFE_HTML, UNSAFE_URL})

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link or image may use; anything without a scheme (a relative URL) is fine too."""
ID_LINK_SCHEMES = frozenset(KINDS)
"""Links by id in Markdown, which the build rewrites into relative links."""
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "livescript", "jscript", "mocha"})

DANGEROUS_TAGS: dict[str, str] = {
    "script": "runs script",
    "iframe": "embeds another page, which may run script",
    "frame": "embeds another page, which may run script",
    "frameset": "embeds other pages, which may run script",
    "object": "embeds a plug-in or page that may run script",
    "embed": "embeds a plug-in or page that may run script",
    "applet": "embeds a plug-in that runs code",
    "portal": "embeds another page",
    "form": "can send readers' input elsewhere",
    "base": "changes where every link on the page goes",
    "meta": "can redirect or reconfigure the page",
    "link": "loads outside resources into the page",
    "style": "restyles the whole page and can load outside resources",
    "svg": "can carry script and event handlers",
    "math": "can carry script through MathML quirks",
    "template": "hides markup that script can bring to life",
    "noscript": "is parsed differently with and without script, a known way round sanitisers",
    "xmp": "is parsed as raw text, a known way round sanitisers",
    "plaintext": "is parsed as raw text, a known way round sanitisers",
    "noembed": "is parsed as raw text, a known way round sanitisers",
    "noframes": "is parsed as raw text, a known way round sanitisers",
    "textarea": "is parsed as raw text, a known way round sanitisers",
    "title": "is parsed as raw text, a known way round sanitisers",
}
"""Elements refused with a reason of their own: each can run script or reshape the page."""


def words(text: str) -> frozenset[str]:
    """A set written as one string of space-separated words, to keep long lists short."""
    return frozenset(text.split())


WRITER_TAGS = words(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em "
    "figcaption figure h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span "
    "strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr"
)
"""Elements a writer may use as raw HTML: formatting and structure only (Markdown is still preferred)."""

WRITER_ATTRIBUTES = words(
    "id class title lang dir href src alt width height loading colspan rowspan scope headers span start "
    "reversed value open datetime cite name markdown data-toc-label"
)
"""Attributes a writer may use on those elements and in ``{: … }`` attribute lists.

``markdown`` (md_in_html) and ``data-toc-label`` (toc) are read and removed
by Python-Markdown; they never reach the page.
"""

URL_ATTRIBUTES = words(
    "href src action formaction xlink:href srcset poster background cite data longdesc ping dynsrc lowsrc "
    "codebase manifest icon profile classid archive to from values"
)
"""Attributes whose value a browser treats as a URL (or a list of URLs: ``srcset``, SVG ``values``)."""

_FOREIGN = frozenset({"svg", "math"})
_SVG_UNSAFE_TAGS = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})
_WHITESPACE_IN_URL = re.compile(r"[\t\n\r]")
_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DESTINATION = r"(?:<(?P<angled>[^>\n]*)>?|(?P<bare>[^\s()<]*))"
"""A link destination, far enough to read its scheme: ``<…>``, or up to a space or parenthesis."""
_INLINE_LINK = re.compile(r"\]\(\s*" + _DESTINATION)
_REFERENCE = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*" + _DESTINATION)
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*=[^{}\n]*)\}")
_DANGEROUS_OPEN = re.compile(r"<(" + "|".join(DANGEROUS_TAGS) + r")(?=[\s/>]|$)", re.IGNORECASE)
_HANDLER_IN_TAG = re.compile(r"<[a-zA-Z][^<>]*?[\s/\"'](on[a-zA-Z]+)\s*=", re.IGNORECASE)
_ATTRIBUTE_BREAKOUT = re.compile(r"[\"'`][\s/]*(on[a-zA-Z]+)\s*=")
_NEWLINE = re.compile(r"\n")


class Finding(NamedTuple):
    """One violation, at a 1-based line and column of the text that was checked."""

    line: int
    column: int
    rule: str
    message: str
    hint: str


# URLs ------------------------------------------------------------------------


def url_scheme(value: str) -> str:
    """The scheme a browser would read in ``value`` (lowercase), or '' for a relative URL.

    Entities are decoded, tabs and newlines anywhere and control characters
    and spaces at the start are dropped, as the HTML and URL standards say:
    ``jav&#x61;script:``, ``JaVaScRiPt:`` and ``java<TAB>script:`` all read as
    ``javascript``.
    """
    match = _SCHEME.match(_as_browsers_read(value))
    return match.group(1).lower() if match else ""


def _as_browsers_read(value: str) -> str:
    return _WHITESPACE_IN_URL.sub("", html.unescape(value)).lstrip(_CONTROL_OR_SPACE)


def url_problem(value: str, allow_id_links: bool = False) -> tuple[str, str] | None:
    """Message and hint if ``value`` is a URL content may not use.

    ``allow_id_links``: ``value`` is a Markdown link's destination, where a
    link by id is fine if it is written exactly as the build finds it to
    rewrite (``concept:``, lowercase, at the start); any other spelling would
    reach the page as a URL of an unknown scheme.
    """
    scheme = url_scheme(value)
    if not scheme or scheme in URL_SCHEMES:
        return None
    if allow_id_links and scheme in ID_LINK_SCHEMES and value.startswith(scheme + ":"):
        return None
    if scheme in SCRIPT_SCHEMES:
        return f"a {scheme}: URL runs script when it is followed", "link to a page or a file instead"
    if scheme == "data":
        return (
            "a data: URL embeds a document that may run script",
            "save the image or file beside the page and link to it by its file name",
        )
    kind = scheme if scheme in ID_LINK_SCHEMES else _near_kind(scheme)
    if kind:
        return _id_link_problem(value, scheme, kind, allow_id_links)
    return (
        f"URL scheme '{scheme}:' is not allowed",
        "use an http, https, mailto or tel link, or a relative link to a page or file of the site",
    )


def _id_link_problem(value: str, scheme: str, kind: str, in_markdown: bool) -> tuple[str, str]:
    """A link by id spelt so that the build does not rewrite it: ``Concept:``, ``concepts:``, or in raw HTML."""
    written = _as_browsers_read(value)
    meant = kind + ":" + written.split(":", 1)[1]
    if not in_markdown:
        return (
            f"URL scheme '{scheme}:' is not allowed: links by id work in Markdown links only",
            f"write a Markdown link: [text]({meant})",
        )
    if scheme == kind:
        start = value.split(":", 1)[0] + ":"
        return (
            f"'{start}' does not start a link by id: kinds are written in plain lowercase letters, "
            "concept:, exercise: or journey:",
            f"write the kind in lowercase: {meant}" if start.lower() != start else f"write {meant}",
        )
    return f"URL scheme '{scheme}:' is not allowed", f"did you mean {meant}?"


def _near_kind(scheme: str) -> str | None:
    """The kind of link by id that ``scheme`` (lowercase) misspells by one letter: ``concepts``, ``excercise``."""
    return next((kind for kind in KINDS if _one_edit_apart(scheme, kind)), None)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter added, dropped or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[first:] == b[first + 1 :]
    swapped = a[first + 1 : first + 2] + a[first : first + 1] == b[first : first + 2]
    return a[first + 1 :] == b[first + 1 :] or (swapped and a[first + 2 :] == b[first + 2 :])


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


# Raw HTML --------------------------------------------------------------------


class _Tag(NamedTuple):
    name: str
    attributes: list[tuple[str, str | None]]
    offset: int
    """Offset of the ``<`` in the text."""
    source: str
    """The start tag as written."""
    in_foreign: bool = False
    """Inside an ``<svg>`` or ``<math>`` element, which is itself refused."""
    hidden: bool = False
    """Read inside a comment, declaration or processing instruction, which browsers do not show."""


_BLANK_LINES = re.compile(r"\n[ \t]*\n")


class _TagCollector(HTMLParser):
    """Start tags with their attributes (entities decoded, names lowercased) and offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[_Tag] = []
        self._text = text
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._foreign: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        offset = self._line_starts[line - 1] + column
        self.tags.append(_Tag(tag, attrs, offset, self.get_starttag_text() or "", bool(self._foreign)))
        if tag in _FOREIGN:
            self._foreign.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _FOREIGN:
            self._foreign.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._foreign:
            del self._foreign[len(self._foreign) - 1 - self._foreign[::-1].index(tag) :]

    # html.parser ends a processing instruction or bogus comment at the first '>', as browsers do;
    # Python-Markdown may read the same text as text and the tags inside it as tags. So look inside.
    def handle_pi(self, data: str) -> None:
        self._look_inside(data)

    def handle_decl(self, decl: str) -> None:
        self._look_inside(decl)

    def unknown_decl(self, data: str) -> None:
        self._look_inside(data)

    def handle_comment(self, data: str) -> None:
        self._look_inside(data)

    def _look_inside(self, data: str) -> None:
        if "<" not in data:
            return
        line, column = self.getpos()
        start = self._text.find(data, self._line_starts[line - 1] + column)
        # The '>' that ended the construct may be what ends a tag inside it.
        self.tags += [tag._replace(offset=tag.offset + start, hidden=True) for tag in _start_tags(data + ">")]


def _start_tags(text: str) -> list[_Tag]:
    """Start tags, read block by block (blocks end at blank lines).

    Python-Markdown reads raw HTML a block at a time: a ``<?``, ``<!``,
    ``<!--`` or quoted attribute left open in one block is text there, and
    the next block's tags are tags. html.parser would let it swallow them, so
    it gets each block on its own. Tags inside comments, declarations and
    processing instructions are read too: either can only report too much.
    """
    tags: list[_Tag] = []
    for start, block in _html_blocks(text):
        collector = _TagCollector(block)
        collector.feed(block)
        collector.close()
        tags += [tag._replace(offset=tag.offset + start) for tag in collector.tags]
    return tags


def _html_blocks(text: str) -> list[tuple[int, str]]:
    """``text`` cut at blank lines, each piece that may hold a tag with its offset."""
    pieces, start = [], 0
    for match in _BLANK_LINES.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if "<" in piece]


class _Found(NamedTuple):
    offset: int
    rule: str
    message: str
    hint: str


_HANDLER_HINT = "remove it: content cannot run script; the site's own script does what pages need"
_ATTRIBUTE_HINT = "remove it and use Markdown; the site's styles apply to Markdown"
_MARKDOWN_HINT = "use Markdown instead, or write '&lt;' for a literal '<'"
_TEXT_FIELD_HINT = "the site shows this text as written, but not with this tag in it: name it without '<' and '>'"
"""Titles, labels and the like are escaped wherever they land: Markdown and '&lt;' would show as typed."""


def _element_problem(name: str, what: str, plain_text: bool = False) -> tuple[str, str]:
    if plain_text:  # only tags that run script are refused in text fields
        return f"<{name}> is not allowed in {what}: it {DANGEROUS_TAGS[name]}", _TEXT_FIELD_HINT
    if name in DANGEROUS_TAGS:
        if name == "svg":
            return (
                f"<svg> is not allowed in {what}: it {DANGEROUS_TAGS[name]}",
                "save the drawing as an .svg file beside the page and show it as an image: ![description](file.svg)",
            )
        return f"<{name}> is not allowed in {what}: it {DANGEROUS_TAGS[name]}", _MARKDOWN_HINT
    return f"element <{name}> is not allowed in {what}", _MARKDOWN_HINT


def _attribute_offset(tag: _Tag, name: str) -> int:
    """Where attribute ``name`` is written inside the tag (the tag's own offset if not found)."""
    match = re.search(r"[\s/\"'{:]" + re.escape(name) + r"(?=[\s=/>}]|$)", tag.source, re.IGNORECASE)
    return tag.offset + match.start() + 1 if match else tag.offset


def _check_tags(tags: list[_Tag], what: str, strict: bool, autolinks: bool = True) -> list[_Found]:
    """Raw HTML start tags. ``strict``: only ``WRITER_TAGS``; otherwise only the dangerous elements are refused.

    ``autolinks``: whether ``<https://…>`` is read as a link. Next to raw HTML
    blocks Python-Markdown may pass it through as an unknown element instead.
    """
    found: list[_Found] = []
    for tag in tags:
        name = tag.name
        if ":" in name or "@" in name:  # an autolink such as <https://…> or <me@example.com>
            bad_url = url_problem(tag.source[1:-1]) if ":" in name else None
            if bad_url:
                found.append(_Found(tag.offset + 1, UNSAFE_URL, *bad_url))
            elif strict and not autolinks:
                found.append(
                    _Found(
                        tag.offset,
                        UNSAFE_HTML,
                        f"{tag.source} in a page with raw HTML blocks may be read as an unknown element, not a link",
                        "write it as a Markdown link: [text](address)",
                    )
                )
            continue
        if name in DANGEROUS_TAGS or (strict and name not in WRITER_TAGS and not tag.in_foreign):
            found.append(_Found(tag.offset, UNSAFE_HTML, *_element_problem(name, what, plain_text=not strict)))
            continue  # the element is refused whole; its attributes would only repeat that
        for attribute, value in tag.attributes:
            # Inside a refused <svg> or <math>, only what runs script is worth a line of its own.
            problem = _attribute_problem(f"on <{name}>", attribute, value or "", strict and not tag.in_foreign)
            if problem:
                found.append(_Found(_attribute_offset(tag, attribute), *problem))
    return found


def _attribute_problem(where: str, attribute: str, value: str, strict: bool) -> tuple[str, str, str] | None:
    """Rule, message and hint for an attribute content may not use; ``where`` names its element."""
    local = attribute.rsplit(":", 1)[-1]  # XML may spell xlink:href with any prefix, x:href say
    if local.startswith("on"):
        return UNSAFE_HTML, f"event handler '{attribute}' {where} runs script", _HANDLER_HINT
    if attribute in URL_ATTRIBUTES or local in URL_ATTRIBUTES:
        urls = _srcset_urls(value) if attribute in ("srcset", "values") else [value]
        for url in urls:
            problem = url_problem(url)
            if problem:
                return UNSAFE_URL, *problem
    if not strict:
        return None
    if attribute == "style":
        return UNSAFE_HTML, f"style attribute {where} is not allowed in content", _ATTRIBUTE_HINT
    if attribute not in WRITER_ATTRIBUTES and not attribute.startswith("aria-"):
        return UNSAFE_HTML, f"attribute '{attribute}' {where} is not allowed in content", _ATTRIBUTE_HINT
    return None


def _belt(text: str, tags: list[_Tag], what: str, plain_text: bool) -> list[_Found]:
    """Script-bearing markup that html.parser does not see as a tag but a browser may.

    Browsers and Python-Markdown split some malformed markup differently
    from html.parser (``<scr<script>``, ``<!--> <script>``): a ``<script``
    opening, or an ``on…=`` inside something tag-shaped, is reported
    wherever html.parser did not already read that tag.
    """
    seen = {tag.offset for tag in tags}
    found = []
    for match in _DANGEROUS_OPEN.finditer(text):
        if match.start() not in seen:
            problem = _element_problem(match.group(1).lower(), what, plain_text)
            found.append(_Found(match.start(), UNSAFE_HTML, *problem))
    for match in _HANDLER_IN_TAG.finditer(text):
        if match.start() not in seen:
            handler = match.group(1).lower()
            found.append(_Found(match.start(1), UNSAFE_HTML, f"event handler '{handler}' runs script", _HANDLER_HINT))
    return found


def _html_findings(text: str, what: str, strict: bool, autolinks: bool = True) -> list[_Found]:
    if "<" not in text:
        return []
    tags = _start_tags(text)
    return _check_tags(tags, what, strict, autolinks) + _belt(text, tags, what, plain_text=not strict)


# Markdown links and attribute lists -------------------------------------------


def _link_findings(text: str) -> tuple[list[_Found], set[int]]:
    """Link targets of Markdown links, images and reference definitions, and ``{: … }`` attribute lists;
    and the offsets of the targets written in ``<…>``, which the tag scan reads as autolinks too."""
    found = []
    angled = set()
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            group = "angled" if match.group("angled") is not None else "bare"
            if group == "angled":
                angled.add(match.start(group))
            problem = url_problem(match.group(group), allow_id_links=True)
            if problem:
                found.append(_Found(match.start(group), UNSAFE_URL, *problem))
    for match in _ATTR_LIST.finditer(text):
        written = match.group(1)
        attributes, _ = get_attrs_and_remainder(written + "}")
        for key, value in attributes:
            if key == ".":
                continue  # .class
            where = max(0, written.lower().find(key.lower()))
            refused = _attribute_problem("in an attribute list", key.lower(), value, strict=True)
            if refused:
                found.append(_Found(match.start(1) + where, *refused))
    return found, angled


# URLs of raw HTML --------------------------------------------------------------


class RawUrl(NamedTuple):
    """A URL a browser follows or loads from a writer's raw HTML: ``<a href>`` or ``<img src>``."""

    element: str
    value: str
    """The attribute's value, character references decoded."""
    line: int
    """1-based line of the value in the Markdown text."""
    column: int
    """1-based column where the value starts (after its quote)."""


RAW_URL_ATTRIBUTES = {"a": "href", "img": "src"}
"""The attributes of ``WRITER_TAGS`` that make a browser follow or load a URL."""
_RAW_URL_TAG = re.compile(r"<(?:a|img)[\s/]", re.IGNORECASE)
_ATTRIBUTE_VALUE = re.compile(r"[^\s=/>]*\s*=\s*[\"']?")


def raw_html_urls(markdown: str) -> list[RawUrl]:
    """The ``href`` of each ``<a>`` and the ``src`` of each ``<img>`` in raw HTML, outside code, in reading order.

    Tags are read as the content policy reads them. Left out: those inside comments, which show
    nothing, and those the policy refuses (``<img src=x onerror=…>``), which are reported for that
    and never reach the page as written. Python-Markdown passes raw HTML to the page as it is, so
    MkDocs never rewrites or checks these URLs: the browser reads each from the page's address.
    """
    if not _RAW_URL_TAG.search(markdown):
        return []  # nearly every body: no such tag at all
    text = mask_code(markdown)
    line_starts: list[int] = []
    found = []
    for tag in _start_tags(text):
        wanted = RAW_URL_ATTRIBUTES.get(tag.name)
        if wanted is None or tag.hidden or tag.in_foreign:
            continue
        # The first of repeated attributes counts, as in a browser; one without a value loads nothing.
        value = next((value for name, value in tag.attributes if name == wanted), None)
        if value is None or _check_tags([tag], "content", strict=True):
            continue
        line_starts = line_starts or [0] + [m.end() for m in _NEWLINE.finditer(text)]
        name_at = _attribute_offset(tag, wanted)
        match = _ATTRIBUTE_VALUE.match(text, name_at)
        offset = match.end() if match and name_at != tag.offset else name_at
        line = _line_of(line_starts, offset)
        found.append(RawUrl(tag.name, value, line, offset - line_starts[line - 1] + 1))
    return found


# Public checks ---------------------------------------------------------------


def check_markdown(markdown: str) -> list[Finding]:
    """Every policy violation in a Markdown body, outside code."""
    text = mask_code(markdown)
    autolinks = "<" not in text or not has_raw_html_block(text)
    found = _html_findings(text, "content", strict=True, autolinks=autolinks)
    if "](" in text or "]:" in text or "{" in text:
        links, angled = _link_findings(text)
        # A <…> link target is also read as an autolink by the tag scan, which knows nothing of links by id.
        # The link's own verdict stands; next to raw HTML blocks, where the target may be read as an element,
        # the tag scan's stands too, but a problem at the same place is reported once.
        superseded = angled if autolinks else {item.offset for item in links}
        found = [item for item in found if item.rule != UNSAFE_URL or item.offset not in superseded] + links
        if autolinks:
            # A path in <…> with a space (`![map](<my map.png>)`) is no element either; one that runs script
            # still is refused, whatever Markdown makes of it.
            found = [item for item in found if not (item.offset + 1 in angled and _harmless_tag_at(text, item.offset))]
    return _positions(text, found + _breakouts(text, found, "content"))


def _harmless_tag_at(text: str, offset: int) -> bool:
    """Whether the tag that starts at ``offset`` is one refused only for being outside the allowlist."""
    name = _TAG_NAME_AT.match(text, offset)
    return name is not None and name.group(1).lower() not in DANGEROUS_TAGS


_TAG_NAME_AT = re.compile(r"<([A-Za-z][^\s/>]*)")


def check_text(value: str, what: str) -> list[Finding]:
    """Violations in a plain-text field such as a title, named ``what`` in messages.

    Besides markup, a quote followed by an event handler is refused: text
    written to break out of an HTML attribute (``" onmouseover="…``).
    """
    if "<" not in value and "=" not in value:
        return []  # nearly every title and label: nothing tag- or attribute-like to look at
    found = _html_findings(value, what, strict=False)
    return _positions(value, found + _breakouts(value, found, what))


def _breakouts(text: str, found: list[_Found], what: str) -> list[_Found]:
    """A quote followed by an event handler: text written to break out of an HTML attribute (``" onclick="…``)."""
    reported = {f.offset for f in found}
    breakouts = []
    for match in _ATTRIBUTE_BREAKOUT.finditer(text):
        if match.start(1) not in reported:
            handler = match.group(1).lower()
            message = f"{what} looks written to break out of an HTML attribute: event handler '{handler}'"
            breakouts.append(_Found(match.start(1), UNSAFE_HTML, message, "write it without the quotes, or as code"))
    return breakouts


def check_svg(svg: str) -> list[Finding]:
    """Script in an SVG file of content/: opened on its own, an SVG runs its script on the site's origin."""
    found: list[_Found] = []
    tags = _start_tags(svg)
    for tag in tags:
        if tag.name.rsplit(":", 1)[-1] in _SVG_UNSAFE_TAGS:  # <svg:script> is a script too
            found.append(
                _Found(
                    tag.offset,
                    UNSAFE_HTML,
                    f"<{tag.name}> is not allowed in an SVG file: it can run script",
                    "export the drawing again without scripts or embedded HTML",
                )
            )
            continue
        for attribute, value in tag.attributes:
            problem = _attribute_problem(f"on <{tag.name}>", attribute, value or "", strict=False)
            if problem:
                found.append(_Found(_attribute_offset(tag, attribute), *problem))
    found += _belt(svg, tags, "an SVG file", plain_text=False)
    return _positions(svg, found)


def _positions(text: str, found: list[_Found]) -> list[Finding]:
    if not found:
        return []
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    findings = set()
    for item in found:
        line = _line_of(line_starts, item.offset)
        findings.add(Finding(line, item.offset - line_starts[line - 1] + 1, item.rule, item.message, item.hint))
    return sorted(findings)


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect.bisect_right(line_starts, offset)
