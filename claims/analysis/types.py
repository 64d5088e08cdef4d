"""Plain data in and out of the cross-outlet analysis.

The services build a `StoryInput` from rows, `analysis.run.analyse` turns it into
a `StoryAnalysis`, and the services persist that. Nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np

from claims.analysis.variants import evidence_row, variant_row
from claims.nlp.types import ClaimData, PersonProfile


@dataclass
class ArticleInfo:
    id: int
    outlet: str
    published: datetime | None = None
    title: str = ""
    text: str = ""
    wire_credit: str = ""  # as stored on the article ("Reuters", "PTI"); may be blank
    fetched: datetime | None = None  # first fetch: the time when the page gives no date
    # Article-level people from the extractor (Article.nlp["people"]): titles
    # written outside claim sentences too, e.g. an embedded post's signature.
    people: list[PersonProfile] = field(default_factory=list)


@dataclass
class ClaimInput:
    id: int
    article_id: int
    outlet: str
    text: str
    text_hash: str
    data: ClaimData
    embedding: np.ndarray | None = None  # 384 float32, L2-normalised; None if not embedded


@dataclass
class AliasRule:
    """A reviewer's "these two values are the same" (claims.models.Alias)."""

    kind: str  # title | name | quote | number | date | place
    subject: str  # blank: everywhere
    value: str
    canonical: str


@dataclass
class MatchDecision:
    """A reviewer's answer on a grey-zone pair, keyed by the claims' text hashes."""

    text_hash_a: str
    text_hash_b: str
    accepted: bool


@dataclass
class RevisionText:
    """An earlier text of an article (claims.models.ArticleRevision), for provenance."""

    id: int
    fetched: datetime | None
    text: str


@dataclass
class StoryInput:
    articles: list[ArticleInfo]
    claims: list[ClaimInput]
    aliases: list[AliasRule] = field(default_factory=list)
    decisions: list[MatchDecision] = field(default_factory=list)
    # article id -> its earlier revisions, oldest first (not the current text)
    revisions: dict[int, list[RevisionText]] = field(default_factory=dict)
    # curated offices with their names and holders (claims.analysis.titles.OfficeData)
    offices: list = field(default_factory=list)


@dataclass
class Evidence:
    article_id: int
    text: str  # the exact sentence
    start: int  # offsets of the sentence in the article text
    end: int

    def to_dict(self) -> dict:
        return evidence_row(self.article_id, self.text, self.start, self.end)


@dataclass
class Variant:
    value: str
    outlets: list[str]
    evidence: list[Evidence]
    # quote variants: the differing words in context ("… open and [rules-bound] Indo-Pacific …")
    diff: str = ""
    quote: str = ""  # quote variants: the whole quoted words of the first evidence

    def to_dict(self) -> dict:
        """The stored form (Flag.variants), written by the one writer claims.analysis.variants."""
        return variant_row(
            self.value, self.outlets, [e.to_dict() for e in self.evidence], self.diff, self.quote
        )


@dataclass
class FlagResult:
    kind: str
    subject: str
    fingerprint: str
    variants: list[Variant]
    cluster_fingerprint: str = ""  # the ClaimCluster it is about, if any
    severity: str = ""  # contradiction | discrepancy | agreement (compare.SEVERITIES)
    reason: str = ""  # why, in words: "people dead: 41 (A) vs 97 (B) reported the same day"
    # typed comparison detail: a title flag's relation, office and validity dates
    detail: dict = field(default_factory=dict)

    def variants_json(self) -> list[dict]:
        return [v.to_dict() for v in self.variants]


@dataclass
class ClusterResult:
    fingerprint: str
    claim_ids: list[int]
    label: str
    status: str  # corroborated | single_source | contradicted
    outlets: list[str]
    independent_count: int
    position: int = 0
    provenance: dict = field(default_factory=dict)  # claims.analysis.provenance.Provenance


@dataclass
class Suggestion:
    """A grey-zone pair offered to reviewers (claims.models.MatchSuggestion)."""

    text_hash_a: str  # ordered: text_hash_a < text_hash_b
    text_hash_b: str
    text_a: str
    text_b: str
    similarity: float
    claim_a: int = 0
    claim_b: int = 0


@dataclass
class PersonTitle:
    value: str  # display form: "Secretary of War"
    norm: str  # comparison key: "secretary war"
    outlets: list[str]
    evidence: list[Evidence]
    # to the person's main title (claims.analysis.titles): same, short_form,
    # descriptive, same_office_other_name, different_office, former_vs_current
    relation: str = ""
    office: str = ""  # the curated office it names, where office data decided it


@dataclass
class Person:
    canonical: str  # "Pete Hegseth"
    names: dict[str, list[str]]  # name as written (full names only) -> outlets
    titles: list[PersonTitle]
    outlets: list[str]
    claim_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        for title in data["titles"]:
            title["evidence"] = [
                {
                    "article": e["article_id"],
                    "text": e["text"],
                    "start": e["start"],
                    "end": e["end"],
                }
                for e in title["evidence"]
            ]
        return data


@dataclass
class WireLink:
    article_id: int
    source_id: int | None  # the article it reprints, if in the story
    credit: str  # the agency ("PTI"), or "" for a copy detected by text alone
    similarity: float = 0.0


@dataclass
class StoryAnalysis:
    title: str
    clusters: list[ClusterResult]
    flags: list[FlagResult]
    people: list[Person]
    suggestions: list[Suggestion]
    wire_links: list[WireLink]
    claim_cluster: dict[int, str] = field(default_factory=dict)  # claim id -> cluster fingerprint
    # figures that move over the story's days (analysis.figures.Timeline.to_dict)
    timelines: list[dict] = field(default_factory=list)
