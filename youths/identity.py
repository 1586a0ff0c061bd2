"""Pure helpers for recognising a youth: normalised names, BSN check and keyed hash, name similarity."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from difflib import SequenceMatcher

from django.conf import settings

# Two names at least this similar (0..1), with the same date of birth, are shown as possible duplicates.
SIMILAR_NAME_THRESHOLD = 0.8


def normalise_name(value: str) -> str:
    """Case, accents, spaces, hyphens and apostrophes do not count: 'De Vries-Öztürk' → 'devriesozturk'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def name_key(first_name: str, last_name: str) -> str:
    return f"{normalise_name(first_name)} {normalise_name(last_name)}"


def bsn_normalise(value: str) -> str | None:
    """The 9-digit BSN if `value` is a valid one (elfproef), else None. Spaces and dots are ignored."""
    digits = "".join(c for c in value if c not in " .-")
    if not digits.isdigit() or len(digits) not in (8, 9):
        return None
    digits = digits.zfill(9)
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    if total % 11 != 0 or digits == "000000000":
        return None
    return digits


def bsn_hash(bsn: str) -> str:
    """HMAC-SHA256 of a normalised BSN with settings.BSN_HASH_KEY: matchable, not reversible without it."""
    return hmac.new(settings.BSN_HASH_KEY.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def name_similarity(key_a: str, key_b: str) -> float:
    """How alike two name keys are (0..1); also tries first and last name swapped."""
    if key_a == key_b:
        return 1.0
    swapped = " ".join(reversed(key_b.split(" ", 1)))
    return max(SequenceMatcher(None, key_a, key_b).ratio(), SequenceMatcher(None, key_a, swapped).ratio())
