"""Rich text: what users may format, sanitised with nh3 before it is stored."""

from __future__ import annotations

import html
import re

import nh3

TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
}
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def sanitise(text: str) -> str:
    """Safe HTML from user input; plain text (no tags) becomes paragraphs, keeping line breaks."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(markup: str) -> str:
    """The text of sanitised HTML, for lengths, snippets, search and exports."""
    return html.unescape(re.sub(r"\s+", " ", _TAG.sub(" ", markup or ""))).strip()
