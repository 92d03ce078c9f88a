"""Build the vendored CJK font of the PDF documents (certificates, notices) from Source Han Sans SC.

The registration certificate must render Chinese on a fresh machine with no CJK font installed, so a
subset of Source Han Sans SC (SIL Open Font License 1.1) ships in ``marketplace/core/fonts``. The
subset holds GB 2312 (6,763 hanzi), every character of the region table (place names outside GB 2312),
ASCII, Latin-1, general and CJK punctuation and full-width forms. Characters outside it fall back to
the system's fonts.

The OFL reserves the name "Source", so the subset is renamed "TTM Sans SC" (a modified version must
not use the reserved name).

Run once by a maintainer, not by ``make``:
    npm pack node-source-han-sans-sc && tar xzf node-source-han-sans-sc-*.tgz
    pip install fonttools
    python scripts/build_cjk_font.py package/SourceHanSansSC-Regular.otf package/SourceHanSansSC-Bold.otf
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "marketplace" / "core" / "fonts"
FAMILY = "TTM Sans SC"


def gb2312() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([high, low]).decode("gb2312"))
    return chars


def region_chars() -> set[str]:
    sys.path.insert(0, str(ROOT))
    from marketplace.core import regions

    return {ch for name in regions._table().values() for ch in name}


def ranges(*spans: tuple[int, int]) -> set[str]:
    return {chr(c) for start, end in spans for c in range(start, end + 1)}


def build(source: Path, weight: str, text: set[str]) -> Path:
    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(text)))
    subsetter.subset(font)
    names = font["name"]
    full = f"{FAMILY} {weight}"
    postscript = f"TTMSansSC-{weight}"
    for record in list(names.names):
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (2, 17):
            record.string = weight
        elif record.nameID == 4:
            record.string = full
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = f"{postscript};subset of Source Han Sans SC"
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = full, FAMILY
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"TTMSansSC-{weight}.otf"
    font.save(target)
    return target


def main() -> None:
    text = gb2312() | region_chars() | ranges(
        (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x21FF),
        (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF),
    )  # fmt: skip
    for path, weight in zip(sys.argv[1:3], ("Regular", "Bold"), strict=False):
        target = build(Path(path), weight, text)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes, {len(text):,} characters")


if __name__ == "__main__":
    main()
