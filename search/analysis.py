"""One text-analysis pipeline for every backend, used at index time and at query time.

    text -> NFKC -> Traditional (Taiwan/Hong Kong wording) to Simplified with OpenCC -> lower case
         -> CJK runs segmented with jieba (rjieba, the Rust port, in search mode)
         -> Latin runs split into words, lightly stemmed; English technical phrases looked up in the
            bilingual lexicon (``data/en_zh.txt``) and emitted with their Chinese forms
         -> every term replaced by the canonical form of its synonym group (``data/synonyms.txt``)
         -> stop words dropped (``data/stopwords.txt``)

Backends never tokenise text themselves: they index the space-joined terms this module returns, with a
plain whitespace tokenizer, so the embedded engine and OpenSearch see exactly the same terms.

Why rjieba: on this project's listings it segments ~33,000 listings/s against ~2,400 for jieba (both in
search mode, same dictionary); the segmentations are the same jieba algorithm and dictionary.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import opencc
import rjieba

DATA_DIR = Path(__file__).with_name("data")
#: part of `Analyzer.fingerprint`: raise it when a code change alters the terms text is analysed into (the
#: data files are hashed anyway), so indexes built before the change report themselves stale
ANALYSIS_VERSION = 3
DATA_FILES = ("userdict.txt", "stopwords.txt", "synonyms.txt", "en_zh.txt")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"([{_CJK}]+)|([a-z0-9][a-z0-9+#]*(?:[.\-/][a-z0-9+#]+)*)")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_LATIN_WORD = re.compile(r"[a-z0-9+#]+")
#: text without these has no English words: its Latin runs are bare numbers, which are no search terms
_LATIN_CHAR = re.compile(r"[a-z+#]")
_HAS_CJK = re.compile(rf"[{_CJK}]")
#: a token made only of digits and separators carries no meaning for search ("3.5", "2024")
_NUMBER = re.compile(r"^[0-9.\-/]+$")
#: the longest English phrase looked up in the lexicon, in words
MAX_PHRASE = 4
#: distinct words whose terms an analyzer remembers
WORD_CACHE = 200_000
#: the longest lexicon word looked for across segment boundaries
MAX_INNER = 8


def stem(word: str) -> str:
    """A deliberately light English stemmer: plurals only (batteries -> battery, membranes -> membrane).

    Technical vocabulary suffers from aggressive stemming (polymerisation/polymer, cement/cementation),
    and the bilingual lexicon is written in singular forms.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class Token(NamedTuple):
    """One term with the span of normalised text it came from (for highlighting)."""

    term: str
    start: int
    end: int


@dataclass
class Lexicon:
    """The domain data: user dictionary words, synonym groups, the English-Chinese lexicon, stop words."""

    words: dict[str, int] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)  #: Chinese term -> canonical term
    phrases: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  #: English words -> Chinese terms
    stopwords: set[str] = field(default_factory=set)
    surfaces: dict[str, set[str]] = field(default_factory=dict)  #: canonical -> every written form
    #: sha256 of the data files it was loaded from ("" for a lexicon built in code)
    digest: str = ""

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Lexicon:
        lex = cls()
        hashed = hashlib.sha256()
        for name in DATA_FILES:
            path = data_dir / name
            hashed.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
        lex.digest = hashed.hexdigest()
        convert = to_simplified
        for line in _lines(data_dir / "userdict.txt"):
            parts = line.split()
            word = convert(parts[0]).lower()
            lex.words[word] = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1000
        for line in _lines(data_dir / "stopwords.txt"):
            lex.stopwords.add(convert(line.strip()).lower())
        for line in _lines(data_dir / "synonyms.txt"):
            terms = [convert(t.strip()).lower() for t in line.split(",") if t.strip()]
            if len(terms) < 2:
                continue
            head = terms[0]
            for term in terms:
                lex._add_synonym(term, head)
        for line in _lines(data_dir / "en_zh.txt"):
            if "\t" not in line:
                continue
            english, chinese = line.split("\t", 1)
            targets = [convert(t.strip()).lower() for t in chinese.split("|") if t.strip()]
            if targets:
                for words in _latin_keys(english):
                    known = lex.phrases.setdefault(words, [])
                    known.extend(t for t in targets if t not in known)
                for target in targets:
                    lex.words.setdefault(target, 1000)
        return lex

    def _add_synonym(self, term: str, head: str) -> None:
        if _HAS_CJK.search(term):
            self.canonical.setdefault(term, head)
            self.words.setdefault(term, 1000)
        else:
            for words in _latin_keys(term):
                known = self.phrases.setdefault(words, [])
                if head not in known:
                    known.insert(0, head)
        self.surfaces.setdefault(head, set()).add(term)
        self.words.setdefault(head, 1000)


def _latin_keys(english: str) -> list[tuple[str, ...]]:
    """The lexicon keys of an English term: its words with plurals stripped, as running text is looked up,
    and as written, as an all-caps acronym is looked up (CMOS and MEMS keep their final s)."""
    words = tuple(_LATIN_WORD.findall(english.lower()))
    if not words:
        return []
    stemmed = tuple(stem(w) for w in words)
    return [stemmed] if stemmed == words else [stemmed, words]


def _lines(path: Path) -> Iterator[str]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


@cache
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("t2s"), opencc.OpenCC("tw2sp")


_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2FA20))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _traditional_chars() -> tuple[re.Pattern[str], frozenset[str]]:
    """The characters OpenCC's t2s changes on their own (a pattern of those in the BMP, a set of the
    rest): text without any of them is Simplified already and needs no (comparatively slow) conversion
    call. Built from one conversion of every CJK character. A pattern over a character class that holds
    astral characters is scanned linearly by `re`, hence the split."""
    t2s, _ = _converters()
    chars = [chr(c) for low, high in _CJK_BLOCKS for c in range(low, high)]
    converted = t2s.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; then every non-ASCII text goes through OpenCC
        return re.compile(r"[^\x00-\x7f]"), frozenset()
    changed = [c for c, out in zip(chars, converted, strict=True) if c != out]
    bmp = "".join(c for c in changed if ord(c) < 0x10000)
    return re.compile(f"[{re.escape(bmp)}]"), frozenset(c for c in changed if ord(c) >= 0x10000)


def _may_be_traditional(text: str) -> bool:
    bmp, astral = _traditional_chars()
    return bool(bmp.search(text)) or (_ASTRAL.search(text) is not None and not astral.isdisjoint(text))


#: full-width ASCII and the ideographic space: what makes most Chinese text not NFKC-normalised
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, about twice as fast on Chinese text: full-width punctuation
    is mapped to ASCII first (what NFKC maps it to), and the full normalisation runs only when the result
    is still not normalised (other compatibility characters, combining marks)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    quick = _FULL_WIDTH.sub(lambda m: _HALF_WIDTH[m.group()], text)
    if unicodedata.is_normalized("NFKC", quick):
        return quick
    return unicodedata.normalize("NFKC", text)


_CLAUSE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?\n]*|[。！？；;!?\n]+")


def to_simplified(text: str) -> str:
    """Traditional clauses to Simplified, Taiwan/Hong Kong wording (軟體, 記憶體, 雷射) to mainland words.

    Clauses already in Simplified are left alone: the phrase table would also rewrite mainland words
    (程序 -> 进程, 序列 -> 串行), and merging those would blur meanings.
    """
    if not text:
        return text
    if not _may_be_traditional(text):
        return text
    t2s, tw2sp = _converters()
    if t2s.convert(text) == text:
        return text
    return "".join(
        tw2sp.convert(clause) if t2s.convert(clause) != clause else clause for clause in _CLAUSE.findall(text)
    )


class Analyzer:
    """Turns text into search terms. Thread-safe after construction; build one per process (`default()`)."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self._jieba = rjieba.Jieba()
        for word, freq in self.lexicon.words.items():
            if _HAS_CJK.search(word):
                self._jieba.add_word(word, freq, None)
        self._lock = threading.Lock()
        #: word -> the terms it stands for (the vocabulary of a platform is small; bounded all the same)
        self._word_cache: dict[str, tuple[str, ...]] = {}
        #: the first 4 characters of every lexicon word of 4+ characters (a cheap pre-check)
        self._long_heads = {w[:4] for w in self.lexicon.words if len(w) >= 4 and _HAS_CJK.search(w)}

    @cached_property
    def fingerprint(self) -> str:
        """Identifies what this analyzer makes of text: the code's `ANALYSIS_VERSION` and the lexicon. An
        index built under another fingerprint holds other terms: rebuild it (`flask search reindex`)."""
        lex = self.lexicon
        digest = (
            lex.digest
            or hashlib.sha256(
                repr(
                    (
                        sorted(lex.words.items()),
                        sorted(lex.canonical.items()),
                        sorted(lex.phrases.items()),
                        sorted(lex.stopwords),
                    )
                ).encode()
            ).hexdigest()
        )
        return hashlib.sha256(f"{ANALYSIS_VERSION}:{digest}".encode()).hexdigest()[:16]

    # -- normalisation ---------------------------------------------------------------------------------------

    @staticmethod
    def fold(text: str) -> str:
        """NFKC (full-width letters and digits) and Traditional to Simplified, case kept."""
        return to_simplified(nfkc(text or ""))

    @classmethod
    def normalize(cls, text: str) -> str:
        """`fold`, then lower case."""
        return cls.fold(text).lower()

    # -- terms -----------------------------------------------------------------------------------------------

    def tokens(self, text: str) -> list[Token]:
        """Every search term of ``text``, in order, with spans over ``normalize(text)``."""
        folded = self.fold(text)
        norm = folded.lower()
        cased = folded if len(folded) == len(norm) else None
        out: list[Token] = []
        latin: list[tuple[str, int, int]] = []  # English words of the current phrase
        last_end = 0
        for match in _RUN.finditer(norm):
            if latin and (match.group(1) or norm[last_end : match.start()].strip()):
                out.extend(self._english(latin))  # a phrase ends at Chinese text or punctuation
                latin = []
            if match.group(1):
                out.extend(self._cjk_tokens(match.group(1), match.start()))
            elif not _NUMBER.match(match.group(2)):  # bare numbers (98, 3.5) are no search terms
                latin.extend(self._latin_words(match.group(2), match.start(), cased))
            last_end = match.end()
        if latin:
            out.extend(self._english(latin))
        return out

    def terms(self, text: str, *, folded: bool = False) -> list[str]:
        """The terms of `tokens`, without spans: the indexing path, written for speed (no Token objects,
        one dictionary lookup per segmented word). ``folded=True``: ``text`` went through `fold` already."""
        folded = text if folded else self.fold(text)
        norm = folded.lower()
        if not _LATIN_CHAR.search(norm):  # Chinese and numbers only (most listings): no English phrases
            out: list[str] = []
            for run in _CJK_RUN.findall(norm):
                out += self._cjk_terms(run)
            return out
        cased = folded if len(folded) == len(norm) else None
        out = []
        latin: list[tuple[str, int, int]] = []
        last_end = 0
        for match in _RUN.finditer(norm):
            if latin and (match.group(1) or norm[last_end : match.start()].strip()):
                out += [token.term for token in self._english(latin)]
                latin = []
            if match.group(1):
                out += self._cjk_terms(match.group(1))
            elif not _NUMBER.match(match.group(2)):
                latin.extend(self._latin_words(match.group(2), match.start(), cased))
            last_end = match.end()
        if latin:
            out += [token.term for token in self._english(latin)]
        return out

    def _cjk_terms(self, run: str) -> list[str]:
        """The terms of one CJK run, as `_cjk_tokens` gives them, without spans."""
        with self._lock:
            pieces = self._jieba.tokenize(run, "search", True)
        cache = self._word_cache
        try:  # the common case: every word seen before
            out = [term for word, _, _ in pieces for term in cache[word]]
        except KeyError:
            out = []
            for word, _, _ in pieces:
                terms = cache.get(word)
                out += terms if terms is not None else self._cached_terms(word)
        if len(run) >= 4:
            long = self._long_words(run, pieces)
            for word in long:
                terms = cache.get(word)
                out += terms if terms is not None else self._cached_terms(word)
        return out

    def _long_words(self, run: str, pieces) -> list[str]:
        """Lexicon words of 4+ characters in ``run`` that segmentation cut across."""
        heads = self._long_heads
        starts = [i for i in range(len(run) - 3) if run[i : i + 4] in heads]
        if not starts:
            return []
        seen = {(start, end) for _, start, end in pieces}
        words = self.lexicon.words
        return [
            run[i:end]
            for i in starts
            for end in range(i + 4, min(len(run), i + MAX_INNER) + 1)
            if (i, end) not in seen and run[i:end] in words
        ]

    def _cached_terms(self, word: str) -> tuple[str, ...]:
        terms = self._word_terms(word)
        if len(self._word_cache) < WORD_CACHE:
            self._word_cache[word] = terms
        return terms

    def _cjk_tokens(self, run: str, offset: int) -> list[Token]:
        with self._lock:  # jieba's dictionary is not documented as thread-safe
            pieces = self._jieba.tokenize(run, "search", True)
        out: list[Token] = []
        emit = self._emit
        seen = set()
        for word, start, end in pieces:
            seen.add((start, end))
            emit(out, word, offset + start, offset + end)
        # search mode adds inner 2- and 3-character words only, and segmentation may cut across a longer
        # domain term (锂离子|电池隔膜 hides 锂离子电池): every lexicon word of 4+ characters counts
        if len(run) < 4:
            return out
        words, heads = self.lexicon.words, self._long_heads
        for i in range(len(run) - 3):
            if run[i : i + 4] not in heads:  # no lexicon word of 4+ characters starts here
                continue
            for end in range(i + 4, min(len(run), i + MAX_INNER) + 1):
                if (i, end) not in seen and run[i:end] in words:
                    emit(out, run[i:end], offset + i, offset + end)
        return out

    def _emit(self, out: list[Token], word: str, start: int, end: int) -> None:
        """Append the term(s) ``word`` stands for: none (a stop word), itself, or its canonical form."""
        terms = self._word_cache.get(word)
        if terms is None:
            terms = self._cached_terms(word)
        for term in terms:
            out.append(Token(term, start, end))

    def _word_terms(self, word: str) -> tuple[str, ...]:
        lex = self.lexicon
        if word in lex.stopwords or _NUMBER.match(word):
            return ()
        head = lex.canonical.get(word)
        if head is None:
            return (word,)
        if head == word:
            return (head,)
        # an abbreviation (双抗) stands for every part of its full form (双特异性抗体 -> 抗体 ...)
        return (head, *self._parts(head))

    @cache  # noqa: B019 - analyzers live for the whole process
    def _parts(self, term: str) -> tuple[str, ...]:
        if not _HAS_CJK.search(term):
            return tuple(stem(w) for w in _LATIN_WORD.findall(term) if w not in self.lexicon.stopwords)
        with self._lock:
            pieces = self._jieba.cut_for_search(term, True)
        return tuple(
            self.lexicon.canonical.get(p, p)
            for p in pieces
            if p != term and len(p) > 1 and p not in self.lexicon.stopwords
        )

    def _latin_words(self, run: str, offset: int, cased: str | None) -> list[tuple[str, int, int]]:
        words = []
        for m in _LATIN_WORD.finditer(run):
            start, end = offset + m.start(), offset + m.end()
            # acronyms keep their final s (MEMS, GaAs is mixed case and is stemmed like a word)
            acronym = cased is not None and cased[start:end].isupper()
            words.append((m.group() if acronym else stem(m.group()), start, end))
        if len(words) > 1:  # "lithium-ion" is one word for the lexicon and two for the index
            joined = "".join(w for w, _, _ in words)
            if (joined,) in self.lexicon.phrases:
                words = [(joined, words[0][1], words[-1][2])]
        return words

    def _english(self, words: list[tuple[str, int, int]]) -> Iterator[Token]:
        lex = self.lexicon
        i = 0
        while i < len(words):
            for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                key = tuple(w for w, _, _ in words[i : i + size])
                targets = lex.phrases.get(key)
                if targets:
                    start, end = words[i][1], words[i + size - 1][2]
                    if size == 1 and key[0] not in lex.stopwords and not _NUMBER.match(key[0]):
                        yield Token(key[0], start, end)
                    for target in targets:
                        for term in self._target_terms(target):
                            yield Token(term, start, end)
                    if size > 1:
                        for word, s, e in words[i : i + size]:
                            if word not in lex.stopwords:
                                yield Token(word, s, e)
                    i += size
                    break
            else:
                word, start, end = words[i]
                if word not in lex.stopwords and not _NUMBER.match(word):
                    yield Token(word, start, end)
                i += 1

    @cache  # noqa: B019
    def _target_terms(self, target: str) -> tuple[str, ...]:
        """The terms a lexicon target stands for: itself (canonicalised) and its parts."""
        if not _HAS_CJK.search(target):
            return (target,)
        head = self.lexicon.canonical.get(target, target)
        return (head, *(p for p in self._parts(head) if p != head))

    # -- n-grams ---------------------------------------------------------------------------------------------

    def bigrams(self, text: str, *, folded: bool = False) -> list[str]:
        """Character bigrams of the CJK runs of the normalised text: the safety net for unknown compounds."""
        out: list[str] = []
        for run in _CJK_RUN.findall(text if folded else self.fold(text)):
            out.extend(map(str.__add__, run, run[1:]))
        return out

    # -- query side ------------------------------------------------------------------------------------------

    def query_groups(self, text: str) -> list[list[str]]:
        """The query as groups of alternative terms: a listing must match every group (any term of it).

        Groups are the whitespace-separated parts of a Chinese query; a run of English words is one group
        ("lithium battery separator"), since its words translate together.
        """
        return [[term for concept in group for term in concept] for group in self.query_concepts(text)]

    def query_concepts(self, text: str) -> list[list[list[str]]]:
        """`query_groups`, with each group's terms split into concepts: the terms one English word or
        phrase stands for (the word and its Chinese translations) form one concept, every other term is a
        concept of its own. A listing matching several translations of one concept is no more relevant
        than one matching the best of them, so backends score a concept by its best term."""
        return [concepts for _, concepts in self.query_plan(text)]

    def query_plan(self, text: str) -> list[tuple[str, list[list[str]]]]:
        """`query_concepts`, each group with the folded query text it came from (for its bigrams)."""
        chunks = self._chunks(text)
        return [
            (chunk, group) for chunk, group in zip(chunks, self._query_groups(chunks), strict=True) if group
        ]

    def _chunks(self, text: str) -> list[str]:
        chunks: list[str] = []
        latin_open = False
        for part in self.fold(text).split():
            is_latin = not _HAS_CJK.search(part)
            if is_latin and latin_open:
                chunks[-1] += " " + part
            else:
                chunks.append(part)
            latin_open = is_latin
        return chunks

    def _query_groups(self, chunks: list[str]) -> list[list[list[str]]]:
        """One group of concepts per chunk (empty when the chunk has no search term)."""
        groups = []
        for chunk in chunks:
            tokens = self.tokens(chunk)
            if _HAS_CJK.search(chunk):
                # a Chinese word and the shorter words inside it (机器人, 机器) form one concept, so a long
                # word does not count several times; an English word inside Chinese text (ADC药物) forms one
                # with its translations, after the Chinese terms, which keep what the user wrote
                norm = self.normalize(chunk)
                written = [t for t in tokens if _HAS_CJK.match(norm, t.start)]
                translated = [t for t in tokens if not _HAS_CJK.match(norm, t.start)]
                concepts = _span_clusters(written) + _span_clusters(translated)
            else:
                concepts = _span_clusters(tokens)
            seen: set[str] = set()
            group = []
            for concept in concepts:
                concept = [t for t in concept if t not in seen]
                seen.update(concept)
                if concept:
                    group.append(concept)
            groups.append(group)
        return groups

    def surface_forms(self, terms: Iterable[str]) -> frozenset[str]:
        """Every written form of the given terms, for highlighting in normalised text."""
        return self._surface_forms(tuple(terms))

    @lru_cache(maxsize=256)  # noqa: B019 - analyzers live for the whole process; one query's hits share it
    def _surface_forms(self, terms: tuple[str, ...]) -> frozenset[str]:
        out: set[str] = set()
        for term in terms:
            out.add(term)
            out.update(self.lexicon.surfaces.get(term, ()))
        return frozenset(form for form in out if len(form) > 1 or _HAS_CJK.search(form))


def _span_clusters(tokens: list[Token]) -> list[list[str]]:
    """Terms grouped by overlapping spans: an English word or phrase with its translations."""
    out: list[tuple[int, list[str]]] = []
    for token in sorted(tokens, key=lambda t: (t.start, -t.end)):
        if out and token.start < out[-1][0]:
            end, terms = out[-1]
            out[-1] = (max(end, token.end), terms + [token.term])
        else:
            out.append((token.end, [token.term]))
    return [_unique(terms) for _, terms in out]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def language(text: str) -> str:
    """The language of ``text``: "zh" when it is mainly Chinese (acronyms such as MLCC or RISC-V in a
    Chinese title count as Chinese text), else "en"."""
    sample = text[:200]
    if not _HAS_CJK.search(sample):
        return "en"
    cjk = sum(map(len, _CJK_RUN.findall(sample)))
    return "zh" if cjk * 3 >= len(_LATIN_LETTER.findall(sample)) else "en"


@cache
def default() -> Analyzer:
    """The process-wide analyzer over the shipped data files (loading takes a fraction of a second)."""
    return Analyzer()


def highlight(text: str, terms: Iterable[str], *, width: int = 140, analyzer: Analyzer | None = None):
    """The best window of ``text`` (about ``width`` characters) as ``[(piece, is_hit), ...]``.

    Hits are found on the normalised text (so a Simplified query marks a Traditional listing) and mapped
    back to the original characters; when normalisation changed the length (rare phrase conversions),
    the normalised text is shown instead.
    """
    analyzer = analyzer or default()
    text = text or ""
    folded = analyzer.fold(text)
    norm = folded.lower()
    # the original when normalisation kept the length, else the normalised text in its own case (℃ -> °C)
    shown = text if len(norm) == len(text) else folded if len(folded) == len(norm) else norm
    spans = _spans(norm, analyzer.surface_forms(terms))
    start = 0
    if len(shown) > width:
        start = _best_window(spans, len(shown), width)
    end = min(len(shown), start + width)
    pieces: list[tuple[str, bool]] = []
    if start > 0:
        pieces.append(("…", False))
    cursor = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > cursor:
            pieces.append((shown[cursor:s], False))
        pieces.append((shown[s:e], True))
        cursor = e
    if cursor < end:
        pieces.append((shown[cursor:end], False))
    if end < len(shown):
        pieces.append(("…", False))
    return pieces


def _spans(norm: str, forms: frozenset[str]) -> list[tuple[int, int]]:
    """Where any of ``forms`` occurs in ``norm``, overlaps merged (锂电 + 电池 mark all of 锂电池).

    English forms count only at the start of a word. One `str.find` scan per form: about four times
    faster than one regular expression of lookahead alternatives, which tries every form at every position.
    """
    if not forms or not norm:
        return []
    found: list[tuple[int, int]] = []
    for form, latin in _classified(forms):
        size = len(form)
        at = norm.find(form)
        while at >= 0:
            if not (latin and at and (norm[at - 1].isalnum() or norm[at - 1] == "_")):
                found.append((at, at + size))
            at = norm.find(form, at + 1)
    found.sort()
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start <= spans[-1][1]:
            if end > spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=256)
def _classified(forms: frozenset[str]) -> tuple[tuple[str, bool], ...]:
    """The forms, each with whether it is English (matched only at the start of a word)."""
    return tuple((form, not _HAS_CJK.search(form)) for form in forms)


def _best_window(spans: list[tuple[int, int]], length: int, width: int) -> int:
    if not spans:
        return 0
    best, best_hits = 0, -1
    for s, _ in spans:
        begin = max(0, min(s - width // 4, length - width))
        hits = sum(1 for a, b in spans if a >= begin and b <= begin + width)
        if hits > best_hits:
            best, best_hits = begin, hits
    return best
