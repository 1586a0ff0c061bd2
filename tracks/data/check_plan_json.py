#!/usr/bin/env python3
"""Check that plan.json quotes the Zwolle plan text verbatim.

Standalone (no Django). Usage:  python check_plan_json.py
Exit status 0 when every checked string is found and the structure counts
are right; 1 otherwise. Each string that is not found is printed.

Normalisation of the plan text (plan-van-aanpak-zwolle.txt, a PDF extraction):
  * URL lines (lines starting with http:// or https://) are removed;
  * footnote lines are removed: a footnote starts on a line without leading
    whitespace of the form "<n> <text>" that directly follows a whitespace-only
    line (page foot), and continues on the directly following non-blank lines
    that have no leading whitespace; their text is kept separately so a JSON
    string may quote a footnote (e.g. ooza_results.reference);
  * footnote markers glued to a word in the body ("crimes1 per",
    "jongeren2:") are removed;
  * all runs of whitespace collapse to one space.
JSON strings are normalised the same way ("\n\n" paragraph breaks count as a
space) and must occur as a substring of the normalised body or of a footnote.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAN_JSON = HERE / "plan.json"
PLAN_TXT = HERE / "plan-van-aanpak-zwolle.txt"

# Keys whose values are identifiers, dates, numbers, units or sources rather
# than quotations from the plan.
SKIP_KEYS = {
    "code",
    "kind",
    "start",
    "end",
    "yearly_budget_cap",
    "source",
    "unit",
    "year",
    "municipality_value",
    "national_value",
    "target_percentage",
    "minimum_network_size",
    "intervention",
    "track",
    "due",
    "desired_result_order",
}
# Specific paths that are labels, not quotations.
SKIP_PATHS = {"programme.name", "programme.municipality"}
# Labels derived from the plan wording with only the first letter capitalised:
# matched case-insensitively.
CASE_INSENSITIVE = re.compile(r"^context_indicators\[\d+\]\.name$")

URL_RE = re.compile(r"^https?://")
FOOTNOTE_START_RE = re.compile(r"^(\d+) (\S.*)$")


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def normalise_plan(raw):
    lines = raw.split("\n")
    body, footnotes = [], {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if URL_RE.match(line.strip()):
            i += 1
            continue
        prev = lines[i - 1] if i else ""
        m = FOOTNOTE_START_RE.match(line)
        if m and prev != "" and prev.strip() == "":
            num, parts = m.group(1), [m.group(2)]
            i += 1
            while (
                i < len(lines)
                and lines[i].strip()
                and not lines[i][0].isspace()
                and not URL_RE.match(lines[i])
            ):
                parts.append(lines[i])
                i += 1
            footnotes[num] = collapse(" ".join(parts))
            continue
        body.append(line)
        i += 1
    text = collapse(" ".join(body))
    for num in footnotes:
        # marker = footnote number glued to the end of a word
        text, n = re.subn(r"(?<=[^\W\d])%s(?=[\s:;,.)])" % re.escape(num), "", text, count=1)
        if n != 1:
            print("WARNING: footnote marker %s not found in body" % num)
    return text, footnotes


def walk(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            sub = "%s.%s" % (path, k) if path else k
            if k in SKIP_KEYS or sub in SKIP_PATHS:
                continue
            yield from walk(v, sub)
    elif isinstance(node, list):
        for idx, v in enumerate(node):
            yield from walk(v, "%s[%d]" % (path, idx))
    elif isinstance(node, str):
        yield path, node


def main():
    data = json.loads(PLAN_JSON.read_text(encoding="utf-8"))
    body, footnotes = normalise_plan(PLAN_TXT.read_text(encoding="utf-8"))
    haystacks = [body] + list(footnotes.values())
    haystacks_lower = [h.lower() for h in haystacks]

    errors = []
    misses = []
    checked = 0
    for path, value in walk(data):
        if value != value.strip():
            errors.append("not stripped: %s" % path)
        # only single spaces, and "\n\n" between paragraphs
        if any(p != collapse(p) or not p for p in value.split("\n\n")) and value:
            errors.append("stray whitespace: %s" % path)
        if value[:2] in ("• ", "✓ ", "o "):
            errors.append("bullet marker kept: %s" % path)
        if len(value) <= 3:
            continue
        checked += 1
        needle = collapse(value.replace("\n\n", " "))
        if CASE_INSENSITIVE.match(path):
            found = any(needle.lower() in h for h in haystacks_lower)
        else:
            found = any(needle in h for h in haystacks)
        if not found:
            misses.append((path, value))

    for path, value in misses:
        print("MISS %s: %s" % (path, value))

    # Structure counts.
    tracks = data["tracks"]
    kinds = [t["kind"] for t in tracks]
    interventions = [iv for t in tracks for iv in t["interventions"]]
    expect = {
        "interventions": (len(interventions), 8),
        "tracks of kind 'track'": (kinds.count("track"), 3),
        "components": (kinds.count("component"), 2),
        "risks": (len(data["risks"]), 5),
        "context indicators": (len(data["context_indicators"]), 4),
    }
    for label, (got, want) in expect.items():
        if got != want:
            errors.append("expected %d %s, found %d" % (want, label, got))
    if [t["code"] for t in tracks] != ["A", "B", "1", "2", "3"]:
        errors.append("track order is %s, expected A, B, 1, 2, 3" % [t["code"] for t in tracks])
    want_iv = ["1.1.1", "1.1.2", "2.1.1", "2.1.2", "2.1.3", "2.1.4", "3.1.1", "3.1.2"]
    if [iv["code"] for iv in interventions] != want_iv:
        errors.append("intervention codes %s" % [iv["code"] for iv in interventions])
    if [r["code"] for r in data["risks"]] != ["4.1", "4.2", "4.3", "4.4", "4.5"]:
        errors.append("risk codes %s" % [r["code"] for r in data["risks"]])

    for e in errors:
        print("ERROR " + e)
    print("checked %d strings: %d missing; %d structural errors" % (checked, len(misses), len(errors)))
    print("counts: %s" % ", ".join("%s=%d" % (k, v[0]) for k, v in expect.items()))
    return 1 if misses or errors else 0


if __name__ == "__main__":
    sys.exit(main())
