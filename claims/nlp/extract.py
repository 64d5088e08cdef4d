"""Entry point: one article's text -> check-worthy claims with their slots.

Work is paragraph by paragraph (a line of the text), so memory stays bounded
on huge inputs and offsets stay exact: every offset is into `article.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.nlp import boilerplate
from claims.nlp.attribution import Attributor
from claims.nlp.dates import find_dates
from claims.nlp.events import dated_event
from claims.nlp.language import MAX_CHUNK, detect_language, parse_ahead, parse_paragraphs
from claims.nlp.normalize import fold, norm_place, norm_quote, spelling
from claims.nlp.numbers import find_numbers
from claims.nlp.people import TITLE_WORDS, People, find_people
from claims.nlp.quantities import STATES, find_quantities
from claims.nlp.quotes import QuoteSpan, find_quotes, segments
from claims.nlp.types import (
    ArticleExtraction,
    ArticleInput,
    ClaimData,
    PlaceSlot,
    QuoteSlot,
)

MAX_CHARS = 200_000  # text beyond this is not analysed
MAX_SENTENCES = 1_500
THRESHOLD = 0.5  # check-worthiness at or above which a sentence is a claim
# An attributed quote this long is a claim whatever its score: the quote
# comparison (claims.analysis.compare) reads quotes of five words and more.
QUOTE_WORDS = 5
# How far into the sentence after a quote its speech verb may stand ("Ruiz said").
ATTRIBUTION_REACH = 40
# A sentence this much inside quotation marks is a quotation standing alone.
WHOLLY_QUOTED = 0.8
PLACE_LABELS = ("GPE", "LOC", "FAC")
NEGATIONS = {"not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot"}


def _rules_out(token) -> bool:
    """ "ruled out a collision": the verb denies its object as a "not" would."""
    return token.lemma_.lower() == "rule" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in token.children
    )


_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\u2019 -]{1,40}?)(?:\s*\([A-Za-z ]+\))?"
    r"(?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\([A-Za-z ]+\))?\s*(?:--|[\u2014\u2013:]| - )\s+"
)
_OPINION = re.compile(
    r"\b(should|must|ought|need to|needs to|arguably|perhaps|apparently|seems?|deemed|"
    r"I think|we think|in my view|paramount|irrational|unreasonable|prudent|vigilant|"
    r"is temporary|demands|personifies|symboli[sz]es)\b",
    re.IGNORECASE,
)


@dataclass
class Sentence:
    start: int
    end: int
    span: object  # spaCy Span
    offset: int  # of the paragraph doc
    paragraph: int
    heading: bool = False


def extract_article(article: ArticleInput) -> ArticleExtraction:
    text = article.text or ""
    if not text.strip():
        return ArticleExtraction(claims=[], people=[], language="und")
    language = detect_language(text)
    if language != "en":
        return ArticleExtraction(claims=[], people=[], language=language)
    paragraphs = split_paragraphs(text)
    texts = [text[s:e] for s, e in paragraphs]
    docs = [(s, doc) for (s, _), doc in zip(paragraphs, parse_paragraphs(texts), strict=True)]
    quotes = find_quotes(text, paragraphs)
    posts = [q for q in quotes if q.is_post]
    people = find_people(docs, text, posts)
    sentences = split_sentences(text, docs, paragraphs, article.title)
    return Extractor(article, text, docs, quotes, people, sentences).run()


def prepare_articles(articles: list[tuple[str, str]]) -> int:
    """Parse the paragraphs of many (title, text) pairs in one batch, ahead of extraction.

    `extract_article` (and the story step's headline parse) then find them in
    the parse cache: the same Docs, fewer and larger spaCy batches. Texts that
    are not English are skipped, as extraction skips them. The count parsed.
    """
    texts: list[str] = []
    for title, text in articles:
        if not text.strip() or detect_language(text) != "en":
            continue
        if title.strip():
            texts.append(title.strip())
        texts.extend(text[s:e] for s, e in split_paragraphs(text))
    return parse_ahead(texts)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), stripped; long lines cut at a sentence end."""
    spans, total = [], 0
    for match in re.finditer(r"[^\n]+", text[:MAX_CHARS]):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        while end - start > MAX_CHUNK:
            cut = text.rfind(". ", start, start + MAX_CHUNK)
            cut = cut + 1 if cut > start else start + MAX_CHUNK
            spans.append((start, cut))
            start = cut + 1
        if end > start:
            spans.append((start, end))
            total += end - start
    return spans


# Title abbreviations the parser takes for a sentence end before a name:
# "... Chairman Capt. | Jason Neubauer said", "treated by Sgt. | Ray Moss".
_TITLE_STOPS = {
    "capt.", "sgt.", "lt.", "col.", "gen.", "maj.", "adm.", "cmdr.", "cpl.", "pvt.", "brig.",
    "dr.", "mr.", "mrs.", "ms.", "prof.", "gov.", "sen.", "rep.", "rev.", "supt.", "insp.",
    "det.", "fr.", "hon.",
}  # fmt: skip


def _ends_with_title(sent) -> bool:
    """ "Sgt." is one token or "Sgt" and "." depending on the tokenizer's rules."""
    last = sent[-1].lower_
    if last == "." and len(sent) >= 2:
        last = sent[-2].lower_ + "."
    return last in _TITLE_STOPS


def whole_sentences(doc) -> list:
    """The parser's sentences, with a split after a title abbreviation that
    stands before a capitalised word mended."""
    out: list = []
    for sent in doc.sents:
        if out and _ends_with_title(out[-1]) and sent[0].is_title:
            out[-1] = doc[out[-1].start : sent.end]
        else:
            out.append(sent)
    return out


def split_sentences(text, docs, paragraphs, title: str) -> list[Sentence]:
    sentences = []
    for index, (offset, doc) in enumerate(docs):
        sents = whole_sentences(doc)
        paragraph = text[slice(*paragraphs[index])]
        heading = boilerplate.is_headline(paragraph, len(sents), title)
        for sent in sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            sentences.append(Sentence(start, end, sent, offset, index, heading))
            if len(sentences) >= MAX_SENTENCES:
                return sentences
    return sentences


class Extractor:
    def __init__(self, article, text, docs, quotes, people: People, sentences):
        self.article = article
        self.text = text
        self.docs = docs
        self.quotes: list[QuoteSpan] = quotes
        self.people = people
        self.sentences: list[Sentence] = sentences
        spans = [(q.start, q.end) for q in quotes]
        self.attributor = Attributor(people, spans)
        self.dateline: PlaceSlot | None = None
        self.dateline_end = -1

    def run(self) -> ArticleExtraction:
        self._find_dateline()
        self._attribute_quotes()
        claims, last_speaker = [], ("", -1)
        for sentence in self.sentences:
            claim, speaker = self._claim(sentence, last_speaker)
            if speaker:
                last_speaker = (speaker, sentence.paragraph)
            if claim is not None:
                claims.append(claim)
        for position, claim in enumerate(claims):
            claim.position = position
        return ArticleExtraction(
            claims=claims, people=self.people.profiles(), dateline=self.dateline, language="en"
        )

    # --- quotes and speakers ---------------------------------------------------

    def _attribute_quotes(self) -> None:
        """Speaker of each quote from the sentences it touches; posts have their author."""
        previous = ("", -1)
        for quote in self.quotes:
            if quote.is_post:
                quote.speaker = quote.person.canonical if quote.person else quote.author
                previous = (quote.speaker, self._paragraph_of(quote.start))
                continue
            touching = [s for s in self.sentences if s.start < quote.end and quote.start < s.end]
            touching += self._attribution_after(quote, touching)
            candidates = []
            for sentence in touching:
                for verb in self.attributor.speech_verbs(sentence.span, sentence.offset):
                    candidates.append((sentence.offset, verb))
            best = None
            if candidates:
                best = min(candidates, key=lambda c: _distance(c[0] + c[1].idx, quote))
                quote.speaker = self.attributor.speaker_of_verb(best[1], best[0])
            paragraph = self._paragraph_of(quote.start)
            if not quote.speaker and best is None:
                # A quote standing alone continues the last speaker.
                quote.speaker = self._recent_speaker(quote.start)
                if not quote.speaker and 0 <= paragraph - previous[1] <= 2:
                    quote.speaker = previous[0]
            if quote.speaker:
                previous = (quote.speaker, paragraph)

    def _attribution_after(self, quote, touching: list) -> list:
        """The next sentence when the quote, ending on a comma, ends its own and
        the next opens with who said it: a closing » or ” the segmenter took
        for a sentence's end ('« We are here to stay, » | Ruiz said then.')."""
        if not self.text[quote.start : quote.end].rstrip().endswith(","):
            return []  # a whole sentence quoted: what follows is the outlet's next sentence
        if any(self.attributor.speech_verbs(s.span, s.offset) for s in touching):
            return []
        after = [s for s in self.sentences if quote.end <= s.start <= quote.end + 3]
        if not after:
            return []
        nxt = after[0]
        verbs = self.attributor.speech_verbs(nxt.span, nxt.offset)
        return (
            [nxt] if verbs and verbs[0].idx + nxt.offset - nxt.start <= ATTRIBUTION_REACH else []
        )

    def _recent_speaker(self, pos: int) -> str:
        """Speaker of the reported speech in the sentence or two before `pos`."""
        before = [s for s in self.sentences if s.end <= pos][-2:]
        for sentence in reversed(before):
            speaker = self._sentence_speaker(sentence)
            if speaker:
                return speaker
            inside = [q for q in self.quotes if sentence.start <= q.start < sentence.end]
            if inside and inside[-1].speaker:
                return inside[-1].speaker
        return ""

    def _sentence_speaker(self, sentence: Sentence) -> str:
        verbs = self.attributor.speech_verbs(sentence.span, sentence.offset)
        for verb in verbs:
            speaker = self.attributor.speaker_of_verb(verb, sentence.offset)
            if speaker:
                return speaker
        return ""

    def _paragraph_of(self, pos: int) -> int:
        for sentence in self.sentences:
            if sentence.start <= pos < sentence.end:
                return sentence.paragraph
        return -1

    # --- one sentence ------------------------------------------------------------

    def _claim(self, sentence: Sentence, last_speaker) -> tuple[ClaimData | None, str]:
        start, end = self._trim(sentence)
        raw = self.text[start:end]
        if not raw or boilerplate.is_boilerplate(raw):
            return None, ""
        quotes = self._quote_slots(start, end)
        speaker = next((q.speaker for q in quotes if q.speaker), "")
        reported = self._sentence_speaker(sentence)
        claim = ClaimData(
            text=raw,
            start=start,
            end=end,
            position=0,
            score=0.0,
            kind="quote" if quotes else "statement",
            speaker=speaker or reported,
            people=self.people.in_span(start, end),
            quotes=quotes,
        )
        self._slots(claim, sentence)
        claim.score = self._score(claim, sentence, reported)
        if self._quoted_speech(claim, sentence) and not self._is_title(sentence):
            # Attributed words are what the quote comparison reads, however
            # little else the sentence states ("Secondly, it must apologise.")
            # or however it is laid out (a list line with no full stop).
            return claim, reported
        if sentence.heading or claim.score < THRESHOLD:
            return None, reported
        return claim, reported

    def _quoted_speech(self, claim: ClaimData, sentence: Sentence) -> bool:
        """A quote someone is said to have said: a speaker found, or a speech
        verb outside the marks ("the fire chief said") even if its subject was
        not resolved to a name."""
        quotes = [q for q in claim.quotes if len(q.norm.split()) >= QUOTE_WORDS]
        if not quotes:
            return False
        if claim.speaker or any(q.speaker for q in quotes):
            return True
        if self.attributor.speech_verbs(sentence.span, sentence.offset):
            return True
        return self._wholly_quoted(claim) and self._after_attribution(sentence)

    @staticmethod
    def _wholly_quoted(claim: ClaimData) -> bool:
        quoted = sum(len(q.text) for q in claim.quotes)
        return quoted >= WHOLLY_QUOTED * len(claim.text.strip(" \"'“”‘’"))

    def _after_attribution(self, sentence: Sentence) -> bool:
        """A quotation standing as its own sentence right after one that reports
        speech by anyone ("the prison service said in a statement on Friday.",
        "The judge told the court:"): those words, whoever the speaker is."""
        index = self.sentences.index(sentence)
        if index == 0:
            return False
        before = self.sentences[index - 1]
        if sentence.paragraph - before.paragraph > 1:
            return False
        raw = self.text[before.start : before.end].rstrip()
        return raw.endswith(":") or bool(self.attributor.speech_verbs(before.span, before.offset))

    def _is_title(self, sentence: Sentence) -> bool:
        title = self.article.title or ""
        paragraph = self.text[sentence.start : sentence.end]
        return bool(title) and _squash(paragraph) == _squash(title)

    def _trim(self, sentence: Sentence) -> tuple[int, int]:
        """Sentence span without trailing picture links and surrounding blanks."""
        start, end = sentence.start, sentence.end
        chunk = self.text[start:end]
        match = boilerplate.LINK_FRAGMENT.search(chunk)
        if match:
            end = start + match.start()
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _quote_slots(self, start: int, end: int) -> list[QuoteSlot]:
        slots = []
        for quote in self.quotes:
            part = segments(quote, start, end, self.text)
            if part is None:
                continue
            words = self.text[part[0] : part[1]]
            if not norm_quote(words):
                continue
            slots.append(QuoteSlot(words, norm_quote(words), quote.speaker, *part))
        return slots

    def _slots(self, claim: ClaimData, sentence: Sentence) -> None:
        span, published = sentence.span, self.article.published
        dates = find_dates(claim.text, claim.start, published)
        if self.dateline and claim.start <= self.dateline.start < claim.end:
            for date in dates:
                if date.start < self.dateline_end:
                    date.is_dateline = True
        for date in dates:
            date.event = dated_event(span, sentence.offset, date.start, date.end)
        claim.dates = dates
        claim.numbers = find_numbers(claim.text, claim.start, [(d.start, d.end) for d in dates])
        claim.quantities = find_quantities(
            claim.text, claim.start, span, [(d.start, d.end) for d in dates]
        )
        claim.places = self._places(span, sentence.offset, claim)
        claim.orgs = self._orgs(span)
        claim.negated = any(
            t.lower_ in NEGATIONS or t.dep_ == "neg" or _rules_out(t) for t in span
        )
        claim.key_terms = _key_terms(span)

    def _places(self, span, offset: int, claim: ClaimData) -> list[PlaceSlot]:
        places = []
        for ent in span.ents:
            start = offset + ent.start_char
            if ent.label_ not in PLACE_LABELS or self.people.at(start) is not None:
                continue
            if start >= claim.end:
                continue
            is_dateline = bool(self.dateline and self.dateline.start == start)
            places.append(
                PlaceSlot(
                    ent.text, norm_place(ent.text), is_dateline, start, start + len(ent.text)
                )
            )
        return places

    def _orgs(self, span) -> list[str]:
        orgs = []
        for ent in span.ents:
            if ent.label_ != "ORG" or ent.text.lower() in TITLE_WORDS:
                continue
            if self.people.at(span.doc[ent.start].idx + self._offset_of(span)) is not None:
                continue
            name = re.sub(r"^the\s+", "", fold(ent.text))
            if name and name not in orgs:
                orgs.append(name)
        return orgs

    def _offset_of(self, span) -> int:
        for offset, doc in self.docs:
            if doc is span.doc:
                return offset
        return 0

    def _find_dateline(self) -> None:
        """ "New Delhi, Nov. 1 --" or "New Delhi:" opening one of the first paragraphs."""
        seen = set()
        for sentence in self.sentences[:40]:
            if sentence.paragraph in seen or sentence.heading:
                continue
            seen.add(sentence.paragraph)
            if len(seen) > 8:
                return
            match = _DATELINE.match(self.text, sentence.start, sentence.end)
            if not match:
                continue
            place = match.group("place").strip()
            start = sentence.start + match.start("place") - match.start()
            ents = [e for e in sentence.span.ents if sentence.offset + e.start_char == start]
            if ents and ents[0].label_ in PLACE_LABELS and ents[0].text == place:
                self.dateline = PlaceSlot(
                    place, norm_place(place), True, start, start + len(place)
                )
                self.dateline_end = match.end()
                return

    # --- check-worthiness --------------------------------------------------------

    def _score(self, claim: ClaimData, sentence: Sentence, reported: str) -> float:
        return checkworthiness(claim, sentence.span, bool(reported))


def checkworthiness(claim: ClaimData, span, reported: bool) -> float:
    """0..1: how much a sentence states something a fact-checker could verify.

    Hand-weighted evidence: named people, organisations and places, numbers and
    dates, attributed speech, a finite verb; against: opinion words, questions,
    fragments and first/second person outside quotes.
    """
    # a figure is a word: "The death toll rose to 97." is no fragment
    words = [t for t in span if t.is_alpha or t.like_num]
    # "the two leaders" refers back, it does not count anything.
    numbers = [n for n in claim.numbers if n.unit or n.value > 2 or n.text[:1].isdigit()]
    kinds = sum(bool(x) for x in (claim.people, claim.orgs, claim.places, numbers or claim.dates))
    score = 0.15
    score += {0: 0.0, 1: 0.25, 2: 0.35}.get(kinds, 0.45)
    if numbers or claim.dates:
        score += 0.1
    if claim.speaker or reported:
        score += 0.2
    if claim.quotes and not claim.speaker:
        score -= 0.1
    if _has_finite_verb(span):
        score += 0.15
    else:
        score -= 0.3
    if states_outcome(span):
        # what happened to people or who did it ("No injuries were reported.",
        # "The gunman was killed by officers."): the statuses the comparison reads,
        # however few names or figures the sentence has or however short it is
        score += 0.35
    elif len(words) < 6:
        score -= 0.3
    if _OPINION.search(claim.text) and not claim.quotes:
        score -= 0.25
    if claim.text.rstrip().endswith("?"):
        score -= 0.3
    if claim.text.rstrip().endswith(("\u2026", "...")):
        score -= 0.25
    return round(min(1.0, max(0.0, score)), 3)


# Words that state what befell people: killed, injured, missing, rescued, arrested...
_OUTCOME_WORDS = frozenset(word for words in STATES.values() for word in words) - {"body", "held"}
_OUTCOME_PHRASE = re.compile(
    r"\bclaimed (?:responsibility|credit)\b|\bclaim of responsibility\b|"
    r"\bcause\b[^.;]{0,40}\b(?:unknown|unclear|under investigation|"
    r"not (?:yet |immediately )?(?:known|clear|determined))",
    re.IGNORECASE,
)
_HEDGES = frozenset({"could", "may", "might", "would", "if", "whether", "unless"})


def states_outcome(span) -> bool:
    """The sentence says, outside quotation marks and without a hedge, what
    happened to people (a state word as its verb, adjective or counted noun:
    "were killed", "no injuries", "two survivors") or who caused the event."""
    if any(t.lower_ in _HEDGES for t in span):
        return False
    if _OUTCOME_PHRASE.search(span.text):
        return True
    return any(
        t.lemma_.lower() in _OUTCOME_WORDS
        and t.pos_ in ("VERB", "ADJ", "NOUN")
        and not _in_quote_marks(span, t)
        for t in span
    )


def _in_quote_marks(span, token) -> bool:
    before = span.doc.text[span.start_char : token.idx]
    return sum(before.count(m) for m in '"\u201c\u201d') % 2 == 1


def _has_finite_verb(span) -> bool:
    return any(
        t.tag_ in ("VBD", "VBZ", "VBP", "MD") or (t.tag_ == "VBN" and t.dep_ == "ROOT")
        for t in span
    )


def _key_terms(span) -> list[str]:
    terms = []
    for token in span:
        if token.is_stop or not token.is_alpha or len(token) < 3:
            continue
        if token.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"):
            continue
        lemma = spelling(token.lemma_.lower())
        if lemma not in terms:
            terms.append(lemma)
    return terms


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _distance(pos: int, quote: QuoteSpan) -> int:
    if pos < quote.start:
        return quote.start - pos
    return max(0, pos - quote.end)
