"""The one domain error type. Services raise it; views and the API exception handler render it."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the action. `message` is shown to the user (Dutch, via gettext).

    `field` names the input field the message belongs to, when there is one; `code` is a stable
    machine-readable name for API clients.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
