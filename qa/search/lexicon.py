"""Document frequencies of the BM25 index: IDF, rarity and unseen-term checks."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from qa.storage.contract import Storage


class Lexicon:
    """Document frequencies of the BM25 index, for IDF and unseen-term checks.

    One per snapshot (``Lexicon.of``): answerability and sentence choice share it,
    and each term's frequency is asked of the index once."""

    def __init__(self, snapshot: Storage):
        self._frequencies = snapshot.document_frequencies
        self._analyse = snapshot.lexical_terms
        self.documents = max(snapshot.chunk_count, 1)
        self._known: dict[str, int] = {}

    @classmethod
    def of(cls, snapshot: Storage) -> Lexicon:
        """The lexicon of a snapshot's BM25 index, built once per snapshot."""
        lexicon = _LEXICONS.get(snapshot)
        if lexicon is None:
            lexicon = _LEXICONS[snapshot] = cls(snapshot)
        return lexicon

    def frequency(self, term: str) -> int:
        """How many passages of the index hold the analysed term."""
        return self.frequencies([term])[0]

    def frequencies(self, terms: Sequence[str]) -> list[int]:
        """How many passages hold each analysed term; the index is asked once for those
        not asked before."""
        unknown = [t for t in dict.fromkeys(terms) if t not in self._known]
        if unknown:
            counts = self._frequencies(unknown)
            self._known.update(zip(unknown, counts, strict=True))
        return [self._known[t] for t in terms]

    def idf(self, term: str) -> float:
        """BM25's IDF of an analysed term; high for rare terms, highest for unseen ones."""
        return self.idfs([term])[0]

    def idfs(self, terms: Sequence[str]) -> list[float]:
        """The IDF of each analysed term (see ``idf``)."""
        n = self.documents
        return [math.log(1 + (n - df + 0.5) / (df + 0.5)) for df in self.frequencies(terms)]

    def rarity(self, term: str) -> float:
        """The term's IDF as a share of an unseen term's (0–1), comparable across index sizes."""
        return self.idf(term) / math.log(1 + (self.documents + 0.5) / 0.5)

    def seen(self, term: str) -> bool:
        """Whether any passage of the index holds the analysed term."""
        return self.frequency(term) > 0

    def terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The BM25 terms of each text, as the index analyses them."""
        return self._analyse(texts)

    def analyse(self, words: Sequence[str]) -> list[list[str]]:
        """The BM25 terms of each word; an unseen word is tried in its other spelling
        ("organised" / "organized", "colour" / "color") before it counts as unseen."""
        analysed = self._analyse(words)
        for i, (word, terms) in enumerate(zip(words, analysed, strict=True)):
            if all(self.seen(t) for t in terms):
                continue
            for variant in _other_spellings(word):
                other = self._analyse([variant])[0]
                if other and all(self.seen(t) for t in other):
                    analysed[i] = other
                    break
        return analysed


def _other_spellings(word: str) -> list[str]:
    """British and American spellings of a word's ending (``-ise``/``-ize``, ``-our``/``-or``,
    ``-re``/``-er``), tried only for words the index has not seen as written."""
    pairs = (
        (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"),
        (r"iz(e|ed|es|ing|ation|ations)$", r"is\1"),
        (r"our(s|ed|ing|ite|ites|able)?$", r"or\1"),
        (r"or(s|ed|ing|ite|ites|able)?$", r"our\1"),
        (r"re(s|d)?$", r"er\1"),
        (r"er(s|ed)?$", r"re\1"),
    )
    variants = [re.sub(pattern, repl, word) for pattern, repl in pairs]
    return [v for v in variants if v != word]


_LEXICONS: WeakKeyDictionary[Storage, Lexicon] = WeakKeyDictionary()
