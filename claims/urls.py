from django.urls import path

from claims import views
from claims.views import memory, people, rechecks, story_edits, suggestion_bulk

app_name = "claims"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ingest/status/", views.ingest_status, name="ingest_status"),
    path("ingest/url/", views.submit_url, name="submit_url"),
    path("ingest/text/", views.submit_text, name="submit_text"),
    path("ingest/file/", views.submit_file, name="submit_file"),
    path("ingest/feed/", views.submit_feed, name="submit_feed"),
    path("stories/<int:pk>/", views.story, name="story"),
    path("stories/<int:pk>/rows/", views.story_rows, name="story_rows"),
    path("stories/<int:pk>/flags.json", views.story_flags_json, name="story_flags_json"),
    path("stories/<int:pk>/flags.csv", views.story_flags_csv, name="story_flags_csv"),
    path("stories/<int:pk>/claimreview.jsonld", views.story_claimreview, name="story_claimreview"),
    path("stories/<int:pk>/merge/", story_edits.story_merge, name="story_merge"),
    path("stories/<int:pk>/move/", story_edits.story_move, name="story_move"),
    path("stories/<int:pk>/split/", story_edits.story_split, name="story_split"),
    path(
        "stories/<int:pk>/suggestions/decide/",
        suggestion_bulk.decide_story_suggestions,
        name="decide_story_suggestions",
    ),
    path("flags/<int:pk>/", views.flag, name="flag"),
    path("flags/<int:pk>/triage/", views.triage, name="triage"),
    path("clusters/<int:pk>/", views.cluster, name="cluster"),
    path("clusters/<int:pk>/verdict/", views.verdict, name="verdict"),
    path("clusters/<int:pk>/inherit/", memory.inherit_verdict, name="inherit_verdict"),
    path(
        "clusters/<int:pk>/suggestions/decide/",
        suggestion_bulk.decide_cluster_suggestions,
        name="decide_cluster_suggestions",
    ),
    path("articles/<int:pk>/", views.article, name="article"),
    path("search/", views.search, name="search"),
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person, name="person"),
    path("rechecks/", rechecks.recheck_queue, name="rechecks"),
    path("rechecks/<int:pk>/", rechecks.recheck, name="recheck"),
    path("rechecks/<int:pk>/resolve/", rechecks.recheck_resolve, name="recheck_resolve"),
    path("rechecks/nav/", rechecks.recheck_nav, name="recheck_nav"),
    path("notices/", rechecks.notifications, name="notifications"),
    path("notices/read/", rechecks.notifications_read, name="notifications_read"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/<int:pk>/decide/", views.decide_suggestion, name="decide_suggestion"),
    path("exports/claimreview.jsonld", views.claimreview_all, name="claimreview_all"),
    path("api/stories/", views.api_stories, name="api_stories"),
    path("api/stories/<int:pk>/", views.api_story, name="api_story"),
]
