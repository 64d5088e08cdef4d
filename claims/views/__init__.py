"""Reviewer pages and JSON endpoints, one module per concern; function views with
decorators, access from claims.access, markup from claims.markup.

Article text, quotes and flag values are untrusted data: highlights and diffs are
built from escaped pieces (claims.markup), never with |safe.

urls.py refers to the views through this package, so url names stay put when a
view moves between modules.
"""

from claims.views.api import api_stories, api_story
from claims.views.articles import article
from claims.views.dashboard import (
    dashboard,
    ingest_status,
    submit_feed,
    submit_file,
    submit_text,
    submit_url,
)
from claims.views.review import cluster, flag, triage, verdict
from claims.views.search import decide_suggestion, search, suggestions
from claims.views.stories import (
    claimreview_all,
    story,
    story_claimreview,
    story_flags_csv,
    story_flags_json,
    story_rows,
)

__all__ = [
    "api_stories",
    "api_story",
    "article",
    "claimreview_all",
    "cluster",
    "dashboard",
    "decide_suggestion",
    "flag",
    "ingest_status",
    "search",
    "story",
    "story_claimreview",
    "story_flags_csv",
    "story_flags_json",
    "story_rows",
    "submit_feed",
    "submit_file",
    "submit_text",
    "submit_url",
    "suggestions",
    "triage",
    "verdict",
]
