"""Reviewer forms: triage, verdicts, search filters, and the four ways to ingest."""

from django import forms

from claims.models import Article, Flag, MatchSuggestion, Outlet, Review, Story

NOTE_WIDGET = forms.Textarea(attrs={"rows": 2, "placeholder": "Why? (kept in the history)"})


class TriageForm(forms.Form):
    action = forms.ChoiceField(choices=Review.Action.choices[:4])  # not "verdict"
    note = forms.CharField(required=False, max_length=4000, widget=NOTE_WIDGET)
    value = forms.CharField(required=False, max_length=500)
    canonical = forms.CharField(required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("action") == Review.Action.EQUIVALENT:
            if not data.get("value") or not data.get("canonical"):
                raise forms.ValidationError("Pick the value and the one it is equivalent to.")
        return data


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(choices=Review.Verdict.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        max_length=10000,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "Sources checked, reasoning, caveats."}
        ),
    )


class SuggestionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (MatchSuggestion.Decision.ACCEPTED, "Same claim"),
            (MatchSuggestion.Decision.REJECTED, "Different claims"),
        ]
    )


class SearchForm(forms.Form):
    TYPES = [("", "Claims and quotes"), ("statement", "Statements only"), ("quote", "Quotes only")]

    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.SearchInput(attrs={"placeholder": "Words, a quote, a person…"}),
    )
    type = forms.ChoiceField(required=False, choices=TYPES, label="Type")
    kind = forms.ChoiceField(
        required=False, choices=[("", "Any flag kind")] + Flag.Kind.choices, label="Flag kind"
    )
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status")] + Flag.Status.choices, label="Flag status"
    )
    outlet = forms.ModelChoiceField(
        required=False, queryset=Outlet.objects.order_by("name"), empty_label="Any outlet"
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )


class RevisionCompareForm(forms.Form):
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)


class UrlSubmitForm(forms.Form):
    url = forms.URLField(
        max_length=2000,
        label="Article URL",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )


class TextSubmitForm(forms.Form):
    title = forms.CharField(max_length=500)
    outlet = forms.CharField(max_length=200)
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")
    published = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=2_000_000)


class FileSubmitForm(forms.Form):
    file = forms.FileField(
        label="Article file",
        help_text=".txt, .html, .json or .jsonl (records: outlet, url, published, title, text).",
    )


class FeedSubmitForm(forms.Form):
    url = forms.URLField(
        max_length=2000,
        label="Feed URL",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://…/rss.xml"}),
    )
    outlet = forms.CharField(required=False, max_length=200, label="Outlet (optional)")


# --- story corrections (claims.views.story_edits) ---------------------------------------

EDIT_NOTE_WIDGET = forms.Textarea(
    attrs={"rows": 2, "placeholder": "Why? (kept in the story's history)"}
)


class _StoryEditForm(forms.Form):
    """A correction of one story; the choices are built from that story."""

    note = forms.CharField(required=False, max_length=4000, widget=EDIT_NOTE_WIDGET)

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story


class StoryMergeForm(_StoryEditForm):
    other = forms.ModelChoiceField(
        queryset=Story.objects.none(),
        label="Story to merge into this one",
        error_messages={"invalid_choice": "That story is gone or already merged."},
    )

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, story=story, **kwargs)
        self.fields["other"].queryset = Story.objects.live().exclude(pk=story.pk)


class _ArticlesForm(_StoryEditForm):
    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.none(),
        error_messages={
            "required": "Select at least one article.",
            "invalid_choice": "That article is no longer in this story.",
        },
    )

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, story=story, **kwargs)
        self.fields["articles"].queryset = Article.objects.filter(story=story)


class ArticleMoveForm(_ArticlesForm):
    to = forms.ModelChoiceField(
        queryset=Story.objects.none(),
        required=False,
        empty_label="A new story",
        label="Move to",
        error_messages={"invalid_choice": "That story is gone or already merged."},
    )

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, story=story, **kwargs)
        self.fields["to"].queryset = Story.objects.live().exclude(pk=story.pk)


class StorySplitForm(_ArticlesForm):
    pass


class RecheckResolveForm(forms.Form):
    """Keep the decision a revision put in doubt, or change it (claims.services.rechecks)."""

    action = forms.ChoiceField(choices=[("keep", "Keep the decision"), ("change", "Change it")])
    verdict = forms.ChoiceField(choices=[("", "—"), *Review.Verdict.choices], required=False)
    flag_action = forms.ChoiceField(
        choices=[("", "—"), *Review.Action.choices[:4]], required=False
    )
    note = forms.CharField(required=False, max_length=4000, widget=NOTE_WIDGET)
