"""Who said it: the speaker of each quote and of reported speech.

The speech verb nearest to the quote (outside any quotation marks) gives the
speaker through its grammatical subject: a person's name, a pronoun resolved
to the last person named, a title resolved to its holder ("the US Defence
Secretary added"), or an organisation ("the ministry said"). A quote with no
speech verb of its own continues the last speaker of the preceding lines.
"""

from __future__ import annotations

from claims.nlp.normalize import typography
from claims.nlp.people import People

SPEECH_LEMMAS = {
    "say",
    "add",
    "write",
    "post",
    "tweet",
    "state",
    "tell",
    "reiterate",
    "echo",
    "hail",
    "assert",
    "affirm",
    "emphasize",
    "emphasise",
    "underscore",
    "note",
    "stress",
    "describe",
    "claim",
    "announce",
    "declare",
    "highlight",
    "exclaim",
    "remark",
    "explain",
    "warn",
    "insist",
    "argue",
    "acknowledge",
    "admit",
    "confirm",
    "deny",
    "observe",
    "comment",
    "express",
    "characterize",
    "characterise",
    "maintain",
    "urge",
    "vow",
    "pledge",
    "hint",
    "reply",
    "respond",
    "recall",
    "suggest",
    "predict",
    "welcome",
    "praise",
    "allege",
    "mention",
    "call",
    "according",
    # verbs that put quoted words in their subject's mouth: "condemned the attack
    # as 'cowardly'", "promised a 'swift response'", "branded it 'a disgrace'"
    "condemn",
    "denounce",
    "decry",
    "slam",
    "brand",
    "dub",
    "label",
    "term",
    "criticise",
    "criticize",
    "promise",
    "demand",
    "concede",
    "accuse",
    "blame",
    "lament",
    "boast",
}
PRONOUNS = {"he", "she", "him", "her"}
# Heads of subjects that speak for an organisation.
ORG_HEADS = {
    "ministry",
    "department",
    "office",
    "government",
    "officials",
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "statement",
    "embassy",
    "agency",
    "police",
    "army",
    "navy",
    "military",
    "pentagon",
    "administration",
    "source",
    "sources",
    "company",
    "council",
    "commission",
    "court",
    "house",
    "secretariat",
    "mea",
    "pmo",
    # documents that speak for whoever wrote them: "the indictment alleges ...",
    # "the report said": their words, not the last person quoted
    "indictment",
    "complaint",
    "lawsuit",
    "filing",
    "affidavit",
    "report",
    "ruling",
    "judgment",
    "warrant",
    "letter",
}


class Attributor:
    def __init__(self, people: People, quote_spans: list[tuple[int, int]]):
        self.people = people
        self.quote_spans = quote_spans
        self.orgs: list[str] = []  # organisation speakers so far, for "the ministry"

    def inside_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quote_spans)

    def speech_verbs(self, sent, offset: int) -> list:
        return [
            t
            for t in sent
            if t.lemma_.lower() in SPEECH_LEMMAS
            and t.pos_ in ("VERB", "AUX")
            or t.lower_ == "according"
            if not self.inside_quote(offset + t.idx)
        ]

    def speaker_of_verb(self, verb, offset: int) -> str:
        if verb.lower_ == "according":
            for to in verb.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return self.resolve(obj, offset)
            return ""
        subject = _subject(verb)
        return self.resolve(subject, offset) if subject is not None else ""

    def resolve(self, token, offset: int) -> str:
        if _dateline_word(token):
            return ""  # "WASHINGTON (AP) – Declaring ...": the dateline's place says nothing
        pos = offset + token.idx
        mention = self.people.at(pos)
        if mention is not None:
            return mention.person.canonical
        if token.lower_ in PRONOUNS:
            person = self.people.last_before(pos, self.quote_spans, token.lower_)
            return person.canonical if person else ""
        for child in token.children:  # "Rajnath Singh and ..." conj heads
            if child.dep_ == "compound":
                mention = self.people.at(offset + child.idx)
                if mention is not None:
                    return mention.person.canonical
        for child in token.children:  # "Her eldest son, King Charles, said"
            if child.dep_ != "appos":
                continue
            for word in child.subtree:
                mention = self.people.at(offset + word.idx)
                if mention is not None:
                    return mention.person.canonical
        if token.pos_ == "PROPN" and token.ent_type_ != "ORG":
            # A name NER mislabelled ("Singh" as a place): the speech verb says it speaks.
            words = [t.text for t in token.lefts if t.dep_ == "compound" and _wordy(t)]
            words.append(token.text)
            return " ".join(words)
        return self._organisation(token)

    def _organisation(self, token) -> str:
        if token.lemma_.lower() not in ORG_HEADS and token.ent_type_ not in ("ORG", "GPE"):
            return ""
        left = [
            t for t in token.lefts if t.dep_ in ("det", "compound", "amod", "poss") and _wordy(t)
        ]
        words = [t.text for t in left] + [token.text]
        phrase = typography(" ".join(words)).lower()
        if phrase.startswith("the ") and len(words) == 2:
            # "the ministry" after "the defence ministry": the same speaker.
            head = token.lower_
            for known in reversed(self.orgs):
                if known.endswith(head):
                    return known
        self.orgs.append(phrase)
        return phrase


def _wordy(token) -> bool:
    """Not a quotation mark or dash the parser hung on a name ("» Okonkwo")."""
    return any(ch.isalpha() for ch in token.text)


def _dateline_word(token) -> bool:
    """A capitalised place opening a dateline: "WASHINGTON (AP) –", "PARIS —"."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.text.isupper()
        and len(token.text) > 2
        and nxt is not None
        and nxt.text in ("(", "–", "—", "-", "--")
    )


# "agencies cited Mr Ivanov as saying", "quoted the minister as saying": the one
# cited speaks, not the one citing.
CITING_LEMMAS = {"cite", "quote"}


def _cited(verb):
    """The object of "cited / quoted X as saying", for the verb "saying"."""
    as_ = verb.head
    if verb.dep_ != "pcomp" or as_.lower_ != "as" or as_.head.lemma_.lower() not in CITING_LEMMAS:
        return None
    return next((c for c in as_.head.children if c.dep_ == "dobj" and _wordy(c)), None)


def _subject(verb, depth: int = 0):
    cited = _cited(verb)
    if cited is not None:
        return cited
    for child in verb.children:
        # a closing « or " the parser took for a subject is none
        if child.dep_ in ("nsubj", "nsubjpass") and _wordy(child):
            return child
    for child in verb.children:  # passive "according to" / "was said by X"
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "parataxis", "pcomp"):
        if verb.head is not verb:
            return _subject(verb.head, depth + 1)
    return None


def nearest(verbs: list, offset: int, start: int, end: int):
    """The verb closest to the character range [start, end)."""

    def distance(token):
        pos = offset + token.idx
        return start - pos if pos < start else pos - end

    return min(verbs, key=distance) if verbs else None
