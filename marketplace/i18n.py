"""Locale selection and the translation helpers shared by templates and CLI."""

from __future__ import annotations

import functools
from pathlib import Path

import opencc
from babel import Locale
from flask import current_app, has_request_context, request
from flask_login import current_user

LOCALE_COOKIE = "locale"

#: the name of each UI language written in that language, for the switcher
LANGUAGE_NAMES = {"zh_Hans": "简体中文", "zh_Hant": "繁體中文", "en": "English"}

#: Accept-Language tags -> our locales (browsers send zh-CN / zh-TW / zh-HK, rarely zh-Hans)
_BROWSER_TAGS = {
    "zh-hans": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh-sg": "zh_Hans",
    "zh": "zh_Hans",
    "zh-hant": "zh_Hant",
    "zh-tw": "zh_Hant",
    "zh-hk": "zh_Hant",
    "zh-mo": "zh_Hant",
}


def select_locale() -> str:
    """The user's saved choice, then the language cookie, then zh_Hans.

    The platform is Chinese by default: the browser's languages only choose between Simplified and
    Traditional script (a zh-TW or zh-HK browser gets Traditional). English is one click away.
    """
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI, workers, services called from tests
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in languages:
        return cookie
    for tag, _quality in request.accept_languages:
        tag = tag.lower()
        locale = _BROWSER_TAGS.get(tag)
        if locale in languages:
            return locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def html_lang(locale: str) -> str:
    return {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant"}.get(locale, locale)


@functools.cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


def to_script(text: str, locale: str) -> str:
    """Chinese data (region and organisation names ...) written in Traditional script for zh_Hant readers."""
    if locale == "zh_Hant" and text:
        return _to_traditional().convert(text)
    return text


def write_hant(translations: Path) -> int:
    """Write ``zh_Hant/messages.po`` from ``zh_Hans/messages.po`` by converting each translation with OpenCC.

    Only the script changes, with OpenCC's ``s2hk`` table: it keeps mainland terminology (统一社会信用代码 ->
    統一社會信用代碼, where ``s2twp`` would rewrite 代码 as 程式碼 and 审核 as 稽核) and the common
    character variants (平台, 審核; plain ``s2t`` gives the archaic 平臺, 審覈).
    """
    from babel.messages.pofile import read_po, write_po

    with open(translations / "zh_Hans" / "LC_MESSAGES" / "messages.po", "rb") as fh:
        catalog = read_po(fh, locale="zh_Hans")
    catalog.locale = Locale.parse("zh_Hant")
    catalog.language_team = "zh_Hant <generated>"
    catalog.header_comment = (
        "# Chinese (Traditional) translations, GENERATED from zh_Hans by `flask i18n hant` (OpenCC s2hk).\n"
        "# Edit zh_Hans/LC_MESSAGES/messages.po, then run `flask i18n hant`."
    )
    count = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(to_script(s, "zh_Hant") for s in message.string)
        elif message.string:
            message.string = to_script(message.string, "zh_Hant")
        count += 1
    target = translations / "zh_Hant" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with open(target / "messages.po", "wb") as fh:
        write_po(fh, catalog, width=0, omit_header=False)
    return count
