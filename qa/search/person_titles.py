"""Titles before a person's name that say whether the person is a man or a woman.

One list for the whole package, so that attribution ("Mr Okafor … she said" is not
Okafor) and follow-up questions ("her" is not Lord Callaghan) agree. Words are lower case;
callers compare a title's casefolded word without its dot ("Mr." → "mr").
"""

from __future__ import annotations

#: Titles of men: "Mr Okafor", "Lord Callaghan", "Herr Schmidt".
MALE_TITLES = frozenset(
    "mr mister sir lord king prince duke baron earl count father brother monsieur senor "
    "señor herr".split()
)
#: Titles of women: "Ms Vasquez", "Baroness Thatcher", "Mme Lagarde".
FEMALE_TITLES = frozenset(
    "ms mrs miss madam madame lady dame queen princess duchess baroness countess sister mme "
    "senora señora frau".split()
)
