"""Consistency check of the development set: `python eval/dev/check_expected.py`.

For every event folder: articles.jsonl records have exactly {outlet, url, published, title, text};
expected.json lists the same urls in the same order; every flag uses a known kind and severity,
names only outlets of the event, and each flag value occurs verbatim (case-insensitive) in the
title or text of every outlet listed for it. Prints one line per event; exits 1 on a problem.
Pure standard library, no Django.
"""

import json
import pathlib
import re
import sys

KINDS = {
    "title_mismatch",
    "name_variant",
    "quote_variant",
    "number_mismatch",
    "date_mismatch",
    "place_mismatch",
    "polarity_mismatch",
}
HERE = pathlib.Path(__file__).resolve().parent


def check(folder: pathlib.Path) -> tuple:
    problems = []
    arts = [
        json.loads(line)
        for line in (folder / "articles.jsonl").read_text().splitlines()
        if line.strip()
    ]
    texts: dict[str, list[str]] = {}
    for a in arts:
        if set(a) != {"outlet", "url", "published", "title", "text"}:
            problems.append(f"record keys {sorted(a)}")
        if a["published"] and not re.match(r"\d{4}-\d\d-\d\d", a["published"]):
            problems.append(f"published is not an ISO 8601 date: {a['url']}")
        elif a["published"] and not ("2015" <= a["published"][:4] <= "2024"):
            problems.append(f"published outside 2015-2024: {a['url']}")
        texts.setdefault(a["outlet"], []).append((a["title"] + "\n" + a["text"]).lower())
    exp = json.loads((folder / "expected.json").read_text())
    if exp["event"] != folder.name:
        problems.append("event slug differs from folder name")
    if exp["articles"] != [a["url"] for a in arts]:
        problems.append("expected.json articles differ from articles.jsonl urls")
    for flag in exp["flags"]:
        if flag["kind"] not in KINDS or flag["severity"] not in {"contradiction", "discrepancy"}:
            problems.append(f"bad kind/severity in {flag['subject']}")
        if set(flag["outlets"]) != set(flag["values"]):
            problems.append(f"values and outlets keys differ in {flag['subject']}")
        for value, outlets in flag["outlets"].items():
            for outlet in outlets:
                if outlet not in texts:
                    problems.append(f"unknown outlet {outlet!r} in {flag['subject']}")
                elif not any(value.lower() in t for t in texts[outlet]):
                    problems.append(f"{value!r} not found in {outlet!r} ({flag['subject']})")
    for nf in exp["not_flags"]:
        if nf["kind"] not in KINDS:
            problems.append(f"bad kind in not_flag {nf['subject']}")
    return problems, len(arts), len(texts), len(exp["flags"]), len(exp["not_flags"])


def main() -> int:
    bad = 0
    for folder in sorted(p for p in HERE.iterdir() if (p / "articles.jsonl").exists()):
        problems, n, outlets, flags, not_flags = check(folder)
        print(
            f"{folder.name}: {n} articles, {outlets} outlets, {flags} flags, {not_flags} not_flags"
            + ("" if not problems else f", {len(problems)} PROBLEMS")
        )
        for p in problems:
            print("   ", p)
        bad += len(problems)
    split = json.loads((HERE / "split.json").read_text())
    events = {p.name for p in HERE.iterdir() if (p / "articles.jsonl").exists()}
    names = tuple(split)  # every split split.json names, however many there are
    halves = [set(split.get(h) or []) for h in names]
    if sum(len(h) for h in halves) != len(set().union(*halves)) or set().union(*halves) != events:
        print(f"split.json ({', '.join(names)}) does not partition the events")
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
