"""Checked file uploads, stored once per content hash under ``instance/uploads``.

Only PDF documents and PNG/JPEG/WebP/GIF images are accepted, recognised by their content (magic bytes via
``filetype``, then parsed: Pillow must be able to read an image, a PDF must have its header and end
marker), never by the file name or the browser's content type. A renamed program is refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filetype
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from marketplace.core.errors import ValidationFailed

ALLOWED = {"application/pdf", "image/png", "image/jpeg", "image/webp", "image/gif"}
IMAGE_TYPES = ALLOWED - {"application/pdf"}


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    content_type: str
    size: int
    filename: str


def clean_filename(name: str) -> str:
    """A display name safe for headers and pages: no path, no control characters, at most 200 chars."""
    name = unicodedata.normalize("NFC", os.path.basename((name or "").replace("\\", "/")))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().strip(".")
    return name[-200:] or "file"


def detect(data: bytes) -> str | None:
    """The content type of an accepted file, or None when the content is not an accepted, readable file."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    if mime not in ALLOWED:
        return None
    if mime == "application/pdf":
        return mime if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:] else None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return mime


def check(data: bytes, filename: str, max_bytes: int, images_only: bool = False, field: str = "file") -> str:
    """Validate an upload; returns its content type or raises ValidationFailed (localized)."""
    if not data:
        raise ValidationFailed.one(field, _l("The file is empty."))
    if len(data) > max_bytes:
        raise ValidationFailed.one(
            field, _l("The file is larger than %(mb)d MB.", mb=max(1, max_bytes // (1024 * 1024)))
        )
    content_type = detect(data)
    if content_type is None or (images_only and content_type not in IMAGE_TYPES):
        message = (
            _l("Only PNG, JPEG, WebP or GIF images are accepted.")
            if images_only
            else _l("Only PDF documents and PNG, JPEG, WebP or GIF images are accepted.")
        )
        raise ValidationFailed.one(field, message)
    return content_type


#: every column that holds a stored file's digest; a file is deleted only when none references it
DIGEST_COLUMNS: list[Any] = []


def register_digest_column(column: Any) -> None:
    if column not in DIGEST_COLUMNS:
        DIGEST_COLUMNS.append(column)


def referenced(session: Any, digests: set[str]) -> set[str]:
    """Those of ``digests`` that some row (of any domain) still references."""
    import sqlalchemy as sa

    if not digests:
        return set()
    found: set[str] = set()
    for column in DIGEST_COLUMNS:
        found |= set(session.scalars(sa.select(column).where(column.in_(digests))))
    return found


class FileStore:
    """Content-addressed storage: ``<root>/<aa>/<sha256>``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256

    def save(self, data: bytes, filename: str, content_type: str) -> StoredFile:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".part")
            temporary.write_bytes(data)
            temporary.replace(target)  # atomic: a reader never sees half a file
        return StoredFile(digest, content_type, len(data), clean_filename(filename))

    def delete_unreferenced(self, digests: set[str], still_referenced: set[str]) -> int:
        """Remove the files of ``digests`` that no row references any more; returns how many."""
        removed = 0
        for digest in digests - still_referenced:
            try:
                self.path(digest).unlink()
                removed += 1
            except FileNotFoundError:
                pass
        return removed

    def all_digests(self) -> set[str]:
        return {p.name for p in self.root.glob("??/*") if re.fullmatch(r"[0-9a-f]{64}", p.name)}
