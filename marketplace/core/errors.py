"""Domain errors raised by services and translated at the edge (HTML views, API, CLI)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class DomainError(Exception):
    """Base class of the errors a service raises on purpose."""


class ValidationFailed(DomainError):
    """The input cannot be accepted; ``reasons`` lists every problem as ``(field, message)``.

    ``field`` is ``None`` for a problem that concerns the whole input. Messages are lazily
    translated strings, rendered in the user's language at the edge.
    """

    def __init__(self, reasons: Iterable[tuple[str | None, Any]]):
        self.reasons = list(reasons)
        super().__init__(self.reasons)

    def __str__(self) -> str:  # rendered on demand: messages are lazy strings
        return "; ".join(f"{f or '*'}: {m}" for f, m in self.reasons)

    @classmethod
    def one(cls, field: str | None, message: Any) -> ValidationFailed:
        return cls([(field, message)])


class PermissionDenied(DomainError):
    """The actor may not do this to this object."""


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it exists."""


class InvalidTransition(DomainError):
    """The action is not allowed from the object's current state."""

    def __init__(self, machine: str, state: str, action: str):
        self.machine, self.state, self.action = machine, state, action
        super().__init__(f"{machine}: action {action!r} is not allowed in state {state!r}")


#: machine-readable error codes of the JSON error envelope, by HTTP status
HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "server_error",
}
