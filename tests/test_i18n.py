"""Real catalogues: every message of the code is translated into Simplified and Traditional Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from marketplace.i18n import to_script
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "marketplace" / "translations"
METHOD_MAP = [
    ("marketplace/**.py", "python"),
    ("templates/**.html", "jinja2"),
    ("templates/**.txt", "jinja2"),
]


def catalogue(locale: str):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=locale)


def messages_in_code() -> set[str]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        METHOD_MAP,
        keywords={"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant"])
def test_every_message_is_translated(locale):
    cat = catalogue(locale)
    untranslated = sorted(m for m in messages_in_code() if not (cat.get(m) and cat.get(m).string))
    assert untranslated == [], f"{locale}: run `flask i18n extract`, translate, then `flask i18n hant`"
    assert not [m.id for m in cat if m.id and m.fuzzy], "fuzzy translations are not used at runtime"


def test_traditional_catalogue_is_generated_from_simplified():
    hans, hant = catalogue("zh_Hans"), catalogue("zh_Hant")
    stale = [m.id for m in hans if m.id and hant.get(m.id).string != to_script(m.string, "zh_Hant")]
    assert stale == [], "run `flask i18n hant`"


def test_placeholders_survive_translation():
    for m in catalogue("zh_Hans"):
        if m.id:
            assert set(re.findall(r"%\(\w+\)\w", m.id)) == set(re.findall(r"%\(\w+\)\w", m.string)), m.id


def _english_phrases() -> list[str]:
    return sorted((m.id for m in catalogue("zh_Hans") if m.id and " " in m.id and len(m.id) > 8), key=len)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "path, as_admin",
    [(p, False) for p in ("/", "/signup", "/login", "/password/forgot", "/organizations", "/no-such-page")]
    + [
        (p, True)
        for p in (
            "/",
            "/account",
            "/my/organization",
            "/organizations/new",
            "/admin/audit",
            "/admin/mailbox",
            "/admin/organizations",
            "/admin/users",
            "/no-such-page",
        )
    ],
)
def test_no_english_leaks_into_the_chinese_pages(path, as_admin, browser, make_org, admin_user):
    make_org()
    if as_admin:
        browser.login("admin@example.com", PASSWORD)
    text = _visible_text(browser.get(path).get_data(as_text=True))
    leaked = [phrase for phrase in _english_phrases() if phrase in text]
    assert leaked == []
    assert re.search(r"[\u4e00-\u9fff]", text)
