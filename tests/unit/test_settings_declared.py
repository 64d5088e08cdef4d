"""Settings a deployment may tune are declared in settings.py, passed into the pure core
with the core's own defaults, and listed in the README's configuration table."""

import re
from pathlib import Path

from claims.analysis import stories as core
from claims.services import stories

ROOT = Path(__file__).resolve().parents[2]


def _settings_names() -> set[str]:
    text = (ROOT / "factcheck" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', text))


def _readme_names() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_readme_lists_every_setting_settings_reads():
    declared = _settings_names()
    assert {"EMBED_BACKEND", "NLP_PARSE_CACHE", "STORY_JOIN_THRESHOLD"} <= declared
    assert sorted(declared - _readme_names()) == []  # read but not documented
    assert sorted(_readme_names() - declared) == []  # documented but never read


def test_story_settings_default_to_the_cores_defaults():
    assert stories.config() == core.StoryConfig()
    assert core.StoryConfig().weights == core.Weights(
        terms=0.45, names=0.35, dense=0.2, gap=0.006, threshold=0.25, link=0.0, clash=0.1
    )
    assert (core.CLAIM_SHARE, core.MAX_CANDIDATES, core.WINDOW_DAYS) == (0.5, 30, 1825)


def test_story_settings_reach_the_decision(settings):
    settings.STORY_JOIN_THRESHOLD = 0.4
    settings.STORY_WEIGHT_NAMES = 0.5
    settings.STORY_MAX_CANDIDATES = 7
    settings.STORY_WINDOW_DAYS = 10
    config = stories.config()
    assert (config.weights.threshold, config.weights.names) == (0.4, 0.5)
    assert (config.max_candidates, config.window_days) == (7, 10)
