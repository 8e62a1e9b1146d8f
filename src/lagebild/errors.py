"""One error tree for lagebild. Messages say what happened, why, and what to do."""

from __future__ import annotations


class LagebildError(Exception):
    """Base of every error lagebild raises on purpose."""


class SourceError(LagebildError):
    """An input could not be read as an article (bad file, bad URL, refused address...)."""

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"Cannot read '{origin}': {reason}")


class ConfigError(LagebildError):
    """A setting, option or pipeline definition is invalid."""


class StorageError(LagebildError):
    """The store could not be opened, migrated or written."""


class StageError(LagebildError):
    """A pipeline stage failed on one article."""


def one_line(exc: BaseException, limit: int | None = None) -> str:
    """An exception's message on one line (at most ``limit`` characters), for per-item reports;
    the exception's type name when it has no message."""
    text = " ".join(str(exc).split())
    return text[:limit] or type(exc).__name__


def internal_error(exc: BaseException) -> str:
    """The per-item reason for an unexpected exception (a bug): named so users report it."""
    return f"internal error {type(exc).__name__}: {one_line(exc)} (please report this)"
