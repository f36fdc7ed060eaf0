"""The one exception family: "factcheck cannot run", with a message a user can act on.

Problems in a draft are findings, never exceptions.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class; the message names the file, the line and what to do."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class DocumentError(FactcheckError):
    """A draft that cannot be read."""


class ReferenceError(FactcheckError):  # noqa: A001 - the name is the domain's word
    """A reference folder or row that cannot be used."""


class UsageError(FactcheckError):
    """Options that do not make sense together or have a bad value."""


class ConfigError(FactcheckError):
    """A configuration file or value that cannot be used."""


class OutputError(FactcheckError):
    """A report, baseline or stub file that cannot be written, or an output
    stream that cannot take more: a fault of the environment, not of the draft."""
