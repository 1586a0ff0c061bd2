"""`Idempotency-Key` for POST endpoints: a retried request returns the first answer (docs/api.md).

Use on a DRF view method that creates one object and answers with its representation::

    @idempotent(scope="signals.create", replay=_signal_replay)
    def create(self, request, *args, **kwargs): ...

The view runs in one transaction with the key's row: either both are stored or neither, and a
concurrent retry with the same key waits on the unique index and then replays. Only successful (2xx)
answers are kept; a refused request saved nothing, so repeating it is harmless anyway.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Een unieke sleutel per verzoek (bijv. een UUID). Een herhaald verzoek met dezelfde sleutel geeft "
        "het eerste antwoord terug in plaats van een tweede signaal; 24 uur geldig."
    ),
)

Replay = Callable[[Request, int], Any]  # (request, object id) -> the response data, as first answered


class IdempotencyKeyInvalid(exceptions.APIException):
    status_code = 400
    default_detail = _("De Idempotency-Key moet 1 tot 255 leesbare tekens zijn.")
    default_code = "idempotency_key_invalid"


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422
    default_detail = _(
        "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel per verzoek."
    )
    default_code = "idempotency_key_reused"


def _fingerprint(request: Request) -> str:
    data = request.data
    if hasattr(data, "lists"):  # a QueryDict (form data): every value of every key
        data = dict(data.lists())
    canonical = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _valid_after() -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)


def _replayed(stored: IdempotencyKey, request: Request, replay: Replay, fingerprint: str) -> Response:
    if stored.request_hash != fingerprint:
        raise IdempotencyKeyReused()
    data = replay(request, stored.object_id) if stored.object_id is not None else None
    return Response(data, status=stored.status_code, headers={REPLAYED_HEADER: "true"})


def idempotent(*, scope: str, replay: Replay) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    def decorate(view: Callable[..., Response]) -> Callable[..., Response]:
        @functools.wraps(view)
        def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
            key = request.headers.get(HEADER)
            if key is None or not request.user.is_authenticated:  # keys are per user
                return view(self, request, *args, **kwargs)
            user_id = request.user.pk
            if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
                raise IdempotencyKeyInvalid()
            fingerprint = _fingerprint(request)
            existing = IdempotencyKey.objects.filter(
                user_id=user_id, scope=scope, key=key, created_at__gte=_valid_after()
            ).first()
            if existing is not None:
                return _replayed(existing, request, replay, fingerprint)
            try:
                with transaction.atomic():
                    # An expired key of this user may be used again.
                    IdempotencyKey.objects.filter(user_id=user_id, scope=scope, key=key).delete()
                    response = view(self, request, *args, **kwargs)
                    if not 200 <= response.status_code < 300:
                        transaction.set_rollback(True)  # a refusal saves nothing, not even the key
                        return response
                    object_id = response.data.get("id") if isinstance(response.data, dict) else None
                    IdempotencyKey.objects.create(
                        user_id=user_id,
                        scope=scope,
                        key=key,
                        request_hash=fingerprint,
                        status_code=response.status_code,
                        object_id=object_id,
                    )
            except IntegrityError:
                # A concurrent request with this key committed first; ours was rolled back whole.
                first = IdempotencyKey.objects.filter(user_id=user_id, scope=scope, key=key).first()
                if first is None:
                    raise
                return _replayed(first, request, replay, fingerprint)
            return response

        return wrapper

    return decorate


def idempotency_keys_purge() -> int:
    """Delete keys past their retention (the scheduled job). Returns how many."""
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=_valid_after()).delete()
    return deleted
