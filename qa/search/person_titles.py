"""Words that name a person by title, office or role.

One vocabulary for the whole package, so that the rules that read names agree: attribution
("Mr Okafor … she said" is not Okafor; "the spokesman said" has a speaker), follow-up
questions ("her" is not Lord Callaghan), answerability (the chairman is not the chief
executive) and name kinds ("Goalkeeper Ann Lee" is a person, "Prime Minister" alone no one).
Words are lower case; callers compare a casefolded word without its dot ("Mr." → "mr").
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
#: Courtesy and academic titles before a name ("Mr Okafor", "Dr. Park", "Prof Lind"), which
#: many articles never write: the name is the words after them.
COURTESY_TITLES = frozenset(
    "mr mrs ms miss mister dr prof professor sir dame madam madame mme monsieur herr frau "
    "senor señor senora señora".split()
)
#: Offices of a body, each held by another person, with the other forms of each: the
#: chairman is not the chief executive, nor the spokesman the treasurer.
OFFICES = (
    ("chairman", "chairwoman", "chairperson", "chair"),
    ("chief executive", "executive officer", "ceo", "managing director"),
    ("spokesman", "spokeswoman", "spokesperson"),
    ("president",), ("vice-president", "vice president"), ("secretary-general",),
    ("secretary",), ("treasurer",), ("director",), ("manager",), ("commissioner",),
    ("liquidator",), ("administrator",), ("coach",), ("captain",), ("vice-captain",),
    ("premier",), ("mayor",), ("governor",), ("chancellor",), ("editor",), ("founder",),
    ("deputy",), ("minister",), ("ambassador",), ("envoy",),
)  # fmt: skip
#: Roles a person is named by, before the name of who holds one ("goalkeeper Ann Lee",
#: "chief executive Tom Ray"): every office's last word and the roles of no one body.
ROLES = frozenset(form.split()[-1] for forms in OFFICES for form in forms) | frozenset(
    "head leader executive officer chief owner commander goalkeeper striker batsman bowler "
    "linebacker quarterback player guard tackle defender midfielder winger umpire referee "
    "analyst economist lawyer prosecutor judge official adviser advisor".split()
)
#: Words for whoever leads a body or a unit, whatever it is.
LEADS = frozenset("chief head leader boss director".split())
#: Words for the one who heads a body: "the head of Sana Sezim" is its president, its
#: chairwoman or its director, so a question asking for the head, leader, chief or boss of a
#: body is answered by a sentence naming any of them.
HEADS = LEADS | frozenset("president chair chairman chairwoman chairperson".split())
#: Words that, before a name, make it a person's ("President Ann Lee", "Dr Ray") and that,
#: alone or together ("Prime Minister"), name a role, no one.
PERSON_TITLES = (
    MALE_TITLES
    | FEMALE_TITLES
    | ROLES
    | frozenset(
        "prime dr professor prof sheikh imam senator general colonel-general colonel".split()
    )
)
#: Nouns of people who may be quoted or speak ("the official said", "a witness told
#: reporters"): every role, and people named by what they do or are.
PERSON_NOUNS = ROLES | frozenset(
    "expert spokesman spokeswoman spokesperson source researcher author professor scholar "
    "diplomat activist journalist specialist woman man resident witness victim mother father "
    "worker migrant teacher doctor observer representative politician lawmaker senator "
    "general farmer shopkeeper engineer scientist negotiator inspector investigator attorney "
    "mp candidate member staffer aide friend neighbour neighbor relative survivor passenger "
    "student colleague employee nurse soldier".split()
)
