"""General rules that tell page furniture from article text, one paragraph at a time.

The rules look at a paragraph's shape (length, closing punctuation, a
doubled phrase, separators, a counter or a relative time) and at the
vocabulary every site uses for its furniture ("Continue Reading",
"Newsletter", "Share", cookie notices, "Post a Comment"). They never name a
site. Rules that need context (position, repetition, runs of short lines)
live with the page layout in ``qa.ingest.layout``.
"""

from __future__ import annotations

import re

from qa.patterns import LazyPattern
from qa.text import collapse_whitespace

_TERMINAL = LazyPattern(r"[.!?…:;][\"'”’»)\]]*(?:\[\d+\])?$")
_WORD = LazyPattern(r"\w[\w'’\-.]*")


def words(text: str) -> list[str]:
    """The words of a paragraph (runs of letters and digits, inner punctuation kept)."""
    return _WORD.findall(text)


def is_prose(text: str) -> bool:
    """A paragraph of running text: at least 8 words ending a sentence, or 40+ words; a
    headline in title case ending in an abbreviation's full stop ("How Winter Wreaks Havoc
    on What's Underneath N.Y.C.") is none."""
    count = len(words(text))
    if count >= 40 and not is_boilerplate(text):
        return True
    return (
        count >= 8
        and ends_sentence(text)
        and not is_boilerplate(text)
        and not (_INITIALISM_END.search(text) and in_title_case(text))
    )


#: An initialism closing a line: "N.Y.C.", "U.S.".
_INITIALISM_END = LazyPattern(r"(?:\b[A-Z]\.){2,}\W*$")
#: Words a headline in title case leaves in lower case.
_MINOR_WORDS = frozenset(
    "a an the and but or nor of in on at to for by with from as into over vs".split()
)


def in_title_case(text: str) -> bool:
    """Whether a line is written as a headline is: every word but the minor ones ("of",
    "the", "and") capitalised, some letters in lower case."""
    found = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _MINOR_WORDS]
    return any(c.islower() for c in text) and len(found) >= 4 and all(w[0].isupper() for w in found)


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends as a sentence does (a full stop, "!", "?" or ";", maybe before
    a closing quotation mark), not with a colon or an ellipsis."""
    stripped = text.rstrip()
    if stripped.endswith(("...", "…")) or stripped.endswith(":"):
        return False
    return bool(_TERMINAL.search(stripped))


def _key(text: str) -> str:
    """Lower case, punctuation and surrounding space removed: the form the vocabularies use."""
    return collapse_whitespace(re.sub(r"[^\w\s']", " ", text.casefold()))


# Lines that end what the page says about its article (comments, teasers, counters follow).
_END_MARKERS = frozenset(
    (
        "continue reading",
        "read more",
        "read the full article",
        "read full article",
        "read full story",
        "comments",
        "comment",
        "no comments",
        "post a comment",
        "leave a comment",
        "leave a reply",
        "add a comment",
        "show comments",
        "visit also",
        "see also",
        "read also",
        "related",
        "related articles",
        "related posts",
        "related stories",
        "related news",
        "more stories",
        "more news",
        "more from this author",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "latest",
        "latest news",
        "latest articles",
        "latest posts",
        "trending",
        "trending now",
        "most read",
        "most popular",
        "popular posts",
        "popular",
        "newer post",
        "older post",
        "newer posts",
        "older posts",
        "share this",
        "share this article",
        "share this post",
        "share this story",
    )
)
_COUNTER = LazyPattern(
    r"^(?:(?:read|viewed|seen)\s+[\d,. ]+\s+times?|[\d,. ]+\s+(?:views?|reads?|comments?|shares?"
    r"|responses?|replies)|(?:views?|hits|reads?)\s*:?\s*[\d,. ]+)$",
    re.I,
)


def is_end_marker(text: str) -> bool:
    """A line after which the page stops talking about the article (comments, teasers, …)."""
    key = _key(text)
    return key in _END_MARKERS or bool(_COUNTER.match(text.strip()))


# Short lines that are navigation, sharing or sign-in furniture on any site.
_FURNITURE = frozenset(
    (
        "home",
        "menu",
        "main menu",
        "search",
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "connect with us",
        "follow us",
        "follow us on",
        "share",
        "share on facebook",
        "share on twitter",
        "share on x",
        "share on linkedin",
        "share on whatsapp",
        "tweet",
        "print",
        "email",
        "e mail",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "telegram",
        "log in",
        "login",
        "sign in",
        "sign up",
        "register",
        "subscribe",
        "newsletter",
        "newsletters",
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "back to top",
        "top",
        "next",
        "previous",
        "next article",
        "previous article",
        "next post",
        "previous post",
        "accept",
        "accept all",
        "reject all",
        "cookie settings",
        "privacy policy",
        "terms of use",
        "terms of service",
        "contact us",
        "about us",
        "all rights reserved",
        "publications",
        "tags",
        "topics",
        "categories",
        "photo",
        "video",
        "listen",
        "listen to this article",
        "close",
        "loading",
    )
)
_RELATIVE_TIME = LazyPattern(
    r"\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\s*$",
    re.I,
)
_SIGN_UP = LazyPattern(
    r"^(?:sign\s*up|subscribe|join our|get our|get the latest|enter your e-?mail|"
    r"never miss|stay (?:informed|updated|up to date)|don't miss)\b",
    re.I,
)
_COOKIE = LazyPattern(r"\bcookies?\b", re.I)
_COOKIE_CONTEXT = LazyPattern(
    r"\b(?:accept|consent|agree|policy|settings|browsing|browser|experience|use|uses)\b", re.I
)
_ADVERTISING = LazyPattern(r"\badverti[sz](?:e|ement|ing)\b", re.I)
_CREDIT_LINE = LazyPattern(
    r"^(?:photo|image|picture|illustration|credit|caption)s?\s*(?:by|:|credit)|^(?:tags?|"
    r"filed under|categories|category|topics?)\s*:",
    re.I,
)
#: A photo caption's closing credit: "… on Saturday. Photo: Lee Chan", "(AP Photo/Jae C.
#: Hong)", "… in Kyiv. Getty Images", "Photograph by Ana Ruiz".
_PHOTO_CREDIT = LazyPattern(
    r"(?:^|[.!?”\"]\s+|[(\[|/–—-]\s*)"
    r"(?:(?i:photo|photograph|image|picture|illustration)s?(?i:\s+credit)?\s*(?::|(?i:by))\s*"
    r"[A-Z][\w.'’&-]*(?:[\s/,]+[A-Z][\w.'’&-]*){0,6}|Getty Images|Shutterstock)[)\]]?\W{0,2}$"
    r"|\((?:[\w.]+\s+)?(?i:photo)\b[^()]{0,60}\)\W{0,2}$"
)
_COPYRIGHT = LazyPattern(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I)
_SEPARATORS = LazyPattern(r"\s*[|•·»/]\s*")
_DECORATION = LazyPattern(r"^[\W_]+$")


def is_boilerplate(text: str) -> bool:
    """A paragraph that is page furniture wherever it stands (see the module docstring)."""
    stripped = text.strip()
    count = len(words(stripped))
    if not stripped or _DECORATION.match(stripped):
        return True
    key = _key(stripped)
    if key in _FURNITURE or is_end_marker(stripped):
        return True
    if _RELATIVE_TIME.search(stripped) and count <= 8:
        return True
    if stripped.endswith(("...", "…")) and count <= 60 and not stripped.endswith(". . ."):
        return True  # a teaser: the cut-off first sentences of some other article
    if _is_doubled(stripped):
        return True  # image alt text written twice by the scraper
    if _SIGN_UP.match(stripped) and count <= 30:
        return True
    if "newsletter" in key and count <= 15:
        return True
    if _COOKIE.search(stripped) and _COOKIE_CONTEXT.search(stripped) and count <= 60:
        return True
    if _ADVERTISING.search(stripped) and count <= 8:
        return True
    if (_CREDIT_LINE.match(stripped) or _COPYRIGHT.search(stripped)) and count <= 25:
        return True
    if _PHOTO_CREDIT.search(stripped) and count <= 60:
        return True  # a photo's caption, credit and all
    return _is_separated_menu(stripped)


def _is_doubled(text: str) -> bool:
    tokens = text.split()
    half = len(tokens) // 2
    return len(tokens) >= 2 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]


def _is_separated_menu(text: str) -> bool:
    parts = [part for part in _SEPARATORS.split(text) if part]
    return len(parts) >= 3 and all(len(words(part)) <= 3 for part in parts)


# An end-matter label alone on its line: what follows is about the author or the piece.
_END_MATTER = LazyPattern(
    r"^(?:editor'?s'? note|editorial note|note to editors|about the authors?|author bio(?:graphy)?"
    r"|about the writer|disclaimer)\s*:?$",
    re.I,
)


def is_end_matter_label(text: str) -> bool:
    """A label such as "Editor's note:" standing alone, which introduces end matter."""
    return bool(_END_MATTER.match(text.strip().replace("’", "'")))


def is_short_line(text: str, limit: int = 4) -> bool:
    """At most ``limit`` words and no sentence ending: a link, a label or a menu entry."""
    return len(words(text)) <= limit and not ends_sentence(text)
