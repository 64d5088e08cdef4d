"""claims.markup: highlights and word diffs of untrusted text, without a database."""

from claims.markup import (
    Html,
    escape,
    evidence_html,
    highlight_terms,
    mark_spans,
    paragraph_bounds,
    render_diff_ops,
    word_diff,
)

EVIL = '<b onclick="x()">Tom & Jerry\'s</b>'


def test_escape_leaves_markup_alone_and_escapes_text():
    assert escape(EVIL) == ("&lt;b onclick=&quot;x()&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/b&gt;")
    once = escape("a < b")
    assert escape(once) == "a &lt; b"  # already Html: not escaped twice
    assert isinstance(once, Html) and once.__html__() == once


def test_result_is_safe_for_django_templates():
    from django.utils.html import conditional_escape, format_html

    marked = highlight_terms("The mayor of Lowtown spoke.", ["Lowtown"])
    assert conditional_escape(marked) == marked
    assert format_html("<p>{}</p>", marked) == f"<p>{marked}</p>"


def test_highlight_whole_words_case_insensitive():
    html = highlight_terms("The US and the USA met in us-east.", ["us"], {"class": "variant"})
    assert html == (
        'The <mark class="variant">US</mark> and the USA met in '
        '<mark class="variant">us</mark>-east.'
    )


def test_highlight_longest_term_wins_and_text_is_escaped():
    text = f"Minister Ana Lopez said {EVIL} on Monday."
    html = highlight_terms(text, ["Ana", "Ana Lopez", "x"])
    assert "<mark>Ana Lopez</mark>" in html
    assert "<mark>Ana</mark>" not in html
    assert "<b onclick" not in html and "&lt;b onclick=&quot;x()&quot;&gt;" in html


def test_mark_spans_clips_drops_overlaps_and_escapes_attributes():
    text = "alpha beta gamma"
    spans = [
        (0, 5, "a", {"href": '/c/1?x="y"', "class": "claim"}),
        (3, 10, "span", {}),  # overlaps the first: dropped
        (11, 99, "span", {}),  # clipped to the text
    ]
    assert mark_spans(text, spans) == (
        '<a href="/c/1?x=&quot;y&quot;" class="claim">alpha</a> beta <span>gamma</span>'
    )
    # offsets relative to a paragraph that starts at 100
    assert mark_spans("beta", [(100, 102, "i", {})], base=100) == "<i>be</i>ta"


def test_paragraph_bounds_skip_blank_lines():
    text = "First line.\n\n  \nSecond line.\n"
    assert [text[a:b] for a, b in paragraph_bounds(text)] == ["First line.", "Second line."]


def test_word_diff_marks_changed_words_only():
    html = word_diff("A free, open and rules-based order.", "A free, open and rules-bound order.")
    assert html == 'A free, open and <mark class="diff">rules-bound</mark> order.'
    # case, quotes and trailing punctuation are typography, not a difference
    assert "<mark" not in word_diff("“Ships sail today”, he said.", '"ships sail today," he said')


def test_word_diff_below_min_ratio_is_plain_escaped_text():
    html = word_diff("The council met on Tuesday.", "Rain <fell> all weekend.", min_ratio=0.5)
    assert html == "Rain &lt;fell&gt; all weekend."


def test_render_diff_ops_escapes_and_elides_long_unchanged_runs():
    long = " ".join(f"word{i}" for i in range(200))
    ops = [("equal", long), ("delete", "<old>"), ("insert", "new & better"), ("equal", " end")]
    html = render_diff_ops(ops, context_chars=50)
    assert "<del>&lt;old&gt;</del><ins>new &amp; better</ins> end" in html
    assert 'class="elided"' in html and "word0 " not in html and "word199" in html
    assert render_diff_ops([("equal", "short")]) == "short"


def test_evidence_html_marks_sentence_in_its_paragraph():
    text = "Headline.\nThe port opened in Riverton. Ships <b>came</b> at dawn.\nLater news."
    sentence = "Ships <b>came</b> at dawn."
    start = text.index(sentence)
    html = evidence_html(text, sentence, start, start + len(sentence), "dawn")
    assert html == (
        '<p class="evidence-para">The port opened in Riverton. <mark class="evidence">'
        'Ships &lt;b&gt;came&lt;/b&gt; at <mark class="variant">dawn</mark>.</mark></p>'
    )
    # stale offsets: the sentence is looked up again
    assert evidence_html(text, sentence, 0, 5, "dawn") == html
    # sentence no longer in the text: shown on its own
    alone = evidence_html("Other text.", "Gone <now>.", None, None, "now")
    assert alone == (
        '<p class="evidence-para"><mark class="evidence">Gone &lt;'
        '<mark class="variant">now</mark>&gt;.</mark></p>'
    )


def test_evidence_html_trims_far_context():
    sentence = "The bridge closed."
    text = "x " * 400 + sentence + " y" * 400
    start = text.index(sentence)
    html = evidence_html(text, sentence, start, start + len(sentence), "bridge")
    assert html.startswith('<p class="evidence-para">…') and html.endswith("…</p>")
    assert len(html) < 1000
