"""What a date dates, read from the parse: "arrested the man at his home on
Friday" -> "arrested", "the plane went down on Sunday" -> "crashed".

The comparison of event days across a story (claims.analysis.weekdays) reads
the word right before a date with patterns; a date set apart from its verb by
an object or a place ("killed in an ambush on Monday") needs the parse, which
only extraction has. The key is a past-tense word, as the patterns give it, so
both readings meet; phrases outlets use for one happening share one key.
"""

from __future__ import annotations

# Verbs of saying and of states: the day of a statement or a plan, not of a happening.
_NOT_HAPPENINGS = {
    "say", "tell", "announce", "report", "confirm", "add", "state", "note", "write",
    "inform", "notify", "brief", "tweet", "reveal", "disclose", "acknowledge", "stress",
    "clarify", "respond", "reply", "comment", "admit", "allege", "quote", "cite",
    "post", "publish", "release", "issue", "accord", "explain", "describe", "claim",
    "be", "have", "do", "make", "take", "get", "go", "come", "give", "see", "expect",
    "plan", "hope", "want", "need", "schedule", "set", "continue", "remain", "keep",
    "call", "ask", "urge", "warn", "insist", "deny", "show", "appear", "seem", "meet",
    "speak", "talk", "visit", "return", "arrive", "travel", "live", "stay", "use", "put",
    # deaths are dated per person (claims.analysis.events), many in one story
    "die", "pronounce",
}  # fmt: skip
# Phrases of one happening ("took place", "went down") and their key.
PHRASES = {
    "take place": "happened", "go down": "crashed", "make landfall": "landfall",
    "give way": "collapsed", "cave in": "collapsed", "catch fire": "caught fire",
    "open fire": "opened fire", "go missing": "disappeared", "go miss": "disappeared",
    "step down": "resigned", "quit": "resigned", "resign": "resigned",
    # "announced his resignation on Tuesday": the resignation itself
    "announce resignation": "resigned", "tender resignation": "resigned",
    "submit resignation": "resigned",
    "run aground": "ran aground", "set sail": "departed", "leave port": "departed",
    "find dead": "found dead", "shoot dead": "killed", "break out": "broke",
    "blow up": "blast", "go off": "blast", "take custody": "arrested", "reach verdict": "verdict",
    "return verdict": "verdict", "deliver verdict": "verdict",
}  # fmt: skip
_PAST_TAGS = {"VBD", "VBN"}
_BEFORE_AFTER = {"after", "before", "since", "until", "following", "ahead"}
# Nouns that name the story's happening itself: a date on one ("the stampede on
# July 2", "the July 2 stampede", "the crash, which killed 12 on Sunday") dates it.
EVENT_NOUNS = {
    "stampede", "crush", "crash", "collapse", "fire", "blaze", "wildfire", "attack",
    "shooting", "bombing", "blast", "explosion", "earthquake", "quake", "flood",
    "flooding", "derailment", "collision", "accident", "disaster", "tragedy", "sinking",
    "shipwreck", "eruption", "landslide", "massacre", "assassination", "coup", "mutiny",
    "uprising", "riot", "referendum", "storm", "hurricane", "cyclone", "typhoon",
}  # fmt: skip
# Verbs that tell what the happening did, in a clause on its noun.
_TOLL_VERBS = {"kill", "claim", "leave", "injure", "destroy", "devastate", "hit", "strike"}


def dated_event(span, offset: int, start: int, end: int) -> str:
    """The happening the date at article offsets [start, end) of sentence `span`
    (its paragraph doc beginning at article offset `offset`) dates: a key such
    as "arrested", or "" when it dates a statement, a plan or nothing read."""
    tokens = [t for t in span if start <= offset + t.idx < end]
    if not tokens:
        return ""
    root = next((t for t in tokens if not start <= offset + t.head.idx < end), tokens[-1])
    head = root.head
    prep = head if root.dep_ == "pobj" and head.dep_ == "prep" else root
    if prep.dep_ == "prep" and prep.i and _names_event(prep.doc[prep.i - 1]):
        return "happened"  # "the stampede on July 2", however the "on" is attached
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # the date alone: "on [Friday]"
    elif root.dep_ in ("compound", "nmod", "amod", "nummod", "poss") and _names_event(head):
        return "happened"  # "the July 2 stampede", "Wednesday's collision"
    elif root.dep_ not in ("prep", "npadvmod", "nmod", "obl", "tmod"):
        return ""  # "on Friday" with its preposition, or "arrested Friday"
    if _names_event(head):
        return "happened"  # "the stampede on July 2"
    if head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.dep_ == "prep":
        if head.head.lower_ in _BEFORE_AFTER:
            return ""  # "found shortly after [the spree on Wednesday]": the spree's day
        head = head.head.head  # "killed in [an ambush on Monday]"
    if head.pos_ not in ("VERB", "AUX") or head.tag_ not in _PAST_TAGS:
        return ""
    told = _told_of(head.head) if head.dep_ == "relcl" else None
    if told is not None and _another(told):
        return ""  # "reeling from a shooting that killed 11 on Saturday": another one
    if told is not None and head.lemma_.lower() in _TOLL_VERBS:
        return "happened"  # "the stampede, which killed 121 people on July 2"
    key = _key(head)
    if key == "happened" and _other_subject(head):
        return ""  # "the last rescues happened on Thursday": not the story's happening
    return key


def _told_of(noun):
    """The event noun a relative clause is about: its own noun, or the event a
    place of it belongs to ("a shooting at a dance hall that killed 11": the
    parser hangs the clause on the hall); None when no event is named."""
    if _names_event(noun):
        return noun
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and _names_event(noun.head.head):
        return noun.head.head
    return None


# Words that set a happening apart from the story's own: "another shooting".
_OTHER = {"another", "other", "previous", "earlier", "separate", "similar", "last"}


def _another(noun) -> bool:
    """An event noun that names another happening than the story's: "another
    shooting", "a previous crash", or one met under a preposition with "a"
    ("still reeling from a shooting that ..."; a report's own opens "A shooting ...")."""
    words = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod")}
    if words & _OTHER:
        return True
    return noun.dep_ == "pobj" and bool(words & {"a", "an"})


def _other_subject(verb) -> bool:
    """ "happened", "took place" said of many things ("the last rescues", "the
    funerals"): repeated acts within the story, not its one happening ("it",
    "the march", "the crash")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.tag_ == "NNS" and not _names_event(s) for s in subjects)


# Nouns an event noun may name the happening through: "the stampede incident"
# ("the crash scene", "the fire station" are places, not the happening).
_GENERIC_EVENT = {"incident", "event", "tragedy", "disaster", "accident", "case"}


def _names_event(token) -> bool:
    """ "the stampede", "the stampede incident"."""
    if token.pos_ != "NOUN":
        return False
    if token.lemma_.lower() in EVENT_NOUNS:
        return True
    if token.lemma_.lower() not in _GENERIC_EVENT:
        return False
    return any(c.dep_ == "compound" and c.lemma_.lower() in EVENT_NOUNS for c in token.children)


def _key(verb) -> str:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        words = [child] + [g for g in child.children if g.dep_ in ("pobj", "dobj")]
        for word in words:  # "went missing", "reached its verdict", "taken into custody"
            phrase = f"{lemma} {word.lemma_.lower()}"
            if phrase in PHRASES:
                return PHRASES[phrase]
    if lemma in PHRASES:
        return PHRASES[lemma]
    if lemma in _NOT_HAPPENINGS:
        return ""
    return verb.lower_
