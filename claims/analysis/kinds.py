"""Flag kinds and the cluster status rule: the one definition of each.

claims.models.Flag.Kind lists the same kinds with their labels (a test ties the
two), the analysis produces them, the services, views, admin and the report
classify them through the sets and functions here. Pure Python: no Django.
"""

from __future__ import annotations

CORROBORATED = "corroborated"
SINGLE_SOURCE = "single_source"
TITLE_MISMATCH = "title_mismatch"
NAME_VARIANT = "name_variant"
QUOTE_VARIANT = "quote_variant"
NUMBER_MISMATCH = "number_mismatch"
DATE_MISMATCH = "date_mismatch"
PLACE_MISMATCH = "place_mismatch"
POLARITY_MISMATCH = "polarity_mismatch"
# Two matched claims that name the same actors in opposite roles (analysis.matching).
ROLE_MISMATCH = "role_mismatch"
# A copy still carries a sentence its origin has since corrected (analysis.provenance).
STALE_COPY = "stale_copy"

ALL = (
    CORROBORATED,
    SINGLE_SOURCE,
    TITLE_MISMATCH,
    NAME_VARIANT,
    QUOTE_VARIANT,
    NUMBER_MISMATCH,
    DATE_MISMATCH,
    PLACE_MISMATCH,
    POLARITY_MISMATCH,
    ROLE_MISMATCH,
    STALE_COPY,
)
# What outlets share, or what only one of them says: not a difference between outlets.
AGREEMENT = frozenset({CORROBORATED, SINGLE_SOURCE})
# Every other kind is a difference between outlets (a reviewer triages it).
DIFFERENCES = tuple(k for k in ALL if k not in AGREEMENT)
# Differences that put the claim itself in dispute; a name spelled two ways does not.
DISPUTING = tuple(k for k in DIFFERENCES if k != NAME_VARIANT)

# Cluster statuses (claims.models.ClaimCluster.Status).
CONTRADICTED = "contradicted"


def is_difference(kind: str) -> bool:
    return kind not in AGREEMENT


def disputes(kind: str) -> bool:
    return kind in DISPUTING


def cluster_status(independent_count: int, disputed: bool) -> str:
    """A claim cluster's colour: contradicted while a difference about it stands
    (open or confirmed: the callers decide which differences stand), otherwise
    corroborated by two independent origins, or single source."""
    if disputed:
        return CONTRADICTED
    return CORROBORATED if independent_count >= 2 else SINGLE_SOURCE
