"""Errors raised by the library; every one derives from RagError."""

from __future__ import annotations


class RagError(Exception):
    """Base class for every error this package raises on purpose."""


class ConfigError(RagError):
    """A setting is invalid or inconsistent."""


class InputError(RagError):
    """A request or an input file is malformed; the message names what was wrong."""


class DocumentError(InputError):
    """A document cannot be read or parsed (unreadable, not UTF-8, unsupported type)."""


class NotFoundError(RagError):
    """A document or path that was asked for does not exist."""


class EmptyCorpusError(RagError):
    """There is nothing to index, or nothing indexed to query."""


class IndexMismatchError(RagError):
    """The stored index was built with another embedding model than the one configured."""


class LockedError(RagError):
    """Another process holds the index's write lock."""


class ProviderError(RagError):
    """The language-model provider failed."""


class ProviderTimeout(ProviderError):
    """The language-model provider did not answer in time."""


class NotReadyError(RagError):
    """The service is still loading its index or model."""


# Most specific first; the CLIs exit with these codes.
EXIT_CODES: list[tuple[type[RagError], int]] = [
    (InputError, 2), (NotFoundError, 2), (ConfigError, 3), (IndexMismatchError, 3), (LockedError, 4),
    (ProviderError, 5), (RagError, 1),
]


def exit_code(error: RagError) -> int:
    """The process exit code for an error: 2 bad input, 3 configuration, 4 locked, 5 provider, 1 other."""
    return next(code for cls, code in EXIT_CODES if isinstance(error, cls))
