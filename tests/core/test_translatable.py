"""Every message a user reads goes through gettext, so that a second language stays possible (domain.md).

A static check over the application code: a `DomainError`, a `ValidationError` or a `messages.*` call
whose text is a bare string literal or f-string was written past the translation machinery.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "cases", "core", "demo", "monitoring", "pgaanpak", "tracks", "youths")
ERRORS = {"DomainError", "ValidationError"}  # the text is the first argument
MESSAGES = {"success", "error", "warning", "info"}  # messages.error(request, text): the second


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _untranslated(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        position = 0 if _name(node) in ERRORS else 1 if _name(node) in MESSAGES else None
        if position is None or len(node.args) <= position:
            continue
        text = node.args[position]
        literal = isinstance(text, ast.Constant) and isinstance(text.value, str)
        if literal or isinstance(text, ast.JoinedStr):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_user_facing_messages_go_through_gettext():
    files = [p for app in APPS for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    untranslated = [where for path in files for where in _untranslated(path)]
    assert not untranslated, "Messages without gettext:\n" + "\n".join(untranslated)
