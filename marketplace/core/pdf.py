"""HTML -> PDF documents (registration certificates, refusal notices) with WeasyPrint.

Chinese must render on a fresh machine, so the documents use the vendored "TTM Sans SC" subset of Source
Han Sans SC (``core/fonts``, OFL; built by ``scripts/build_cjk_font.py``); characters outside the subset
fall back to the system's CJK fonts.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "TTM Sans SC"
FONT_STACK = f'"{FONT_FAMILY}", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'


def font_css() -> str:
    faces = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        path = FONTS / f"TTMSansSC-{name}.otf"
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'src: url("{path.as_uri()}") format("opentype"); }}'
        )
    return "\n".join(faces) + f"\nhtml {{ font-family: {FONT_STACK}; }}"


def render(html: str) -> bytes:
    """The PDF of an HTML document (its own CSS inline; no network access for resources)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    stylesheet = CSS(string=font_css(), font_config=fonts)
    return HTML(string=html, base_url=str(FONTS)).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def qr_svg_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI (vector: sharp in print at any size)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(text, image_factory=SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
