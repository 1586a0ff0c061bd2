"""Figures a test run reports at its end (issue 9: `.ci/run` prints how much was checked).

A test calls `record("routes × roles checked", 412)`; when `PGAANPAK_CI_NUMBERS` names a file, the line
is appended to it, and `.ci/run` prints the file after the suite. Without it (a laptop run) nothing is
written.
"""

from __future__ import annotations

import os


def record(what: str, count: int) -> None:
    path = os.environ.get("PGAANPAK_CI_NUMBERS")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{what}: {count}\n")
