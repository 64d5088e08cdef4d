"""A story whose death toll moves over a week, analysed by the real analysis
(claims.services.analysis) on claims whose figures the real extractor typed."""

from datetime import timedelta

from django.utils import timezone

from claims.models import Story
from claims.nlp.language import get_nlp
from claims.nlp.quantities import find_quantities
from claims.nlp.types import ClaimData
from claims.services.analysis import analyse_story
from tests.db import builders as b

# outlet, hours after the first report, sentence (made up)
REPORTS = [
    ("Harbour Gazette", 0, "At least 41 people were killed when the ferry sank, police said."),
    ("Valley Post", 30, "The death toll from the ferry disaster rose to 97 on Tuesday."),
    ("Coast Daily", 160, "Officials said the final death toll from the sinking was 112."),
]


def build_figure_story(foreign: tuple[str, int, str] | None = None) -> Story:
    """The story; `foreign` adds a page in another language (outlet, hours, text),
    which, as the extractor leaves it, holds no claim."""
    story = b.story(title="Ferry sinks off the coast")
    start = timezone.now() - timedelta(days=10)
    nlp = get_nlp()
    for outlet, hours, text in REPORTS:
        article = b.article(
            b.outlet(outlet), text=text, published_at=start + timedelta(hours=hours), story=story
        )
        data = ClaimData(text=text, start=0, end=len(text), position=0, score=0.9)
        data.quantities = find_quantities(text, 0, nlp(text)[:])
        b.claim(article, text=text, story=story, score=0.9, slots=data.slots())
    if foreign is not None:
        outlet, hours, text = foreign
        when = start + timedelta(hours=hours)
        b.article(b.outlet(outlet), text=text, published_at=when, story=story)
    Story.objects.filter(pk=story.pk).update(needs_analysis=True, analysis_due_at=timezone.now())
    assert analyse_story(story.pk)
    story.refresh_from_db()
    return story
