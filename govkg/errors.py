"""Typed domain errors. The API maps them to HTTP statuses; the CLI to messages and exit codes."""

from __future__ import annotations


class GovkgError(Exception):
    """Base of every error the core raises on purpose; ``message`` is fit to show a user."""

    code = "GOVKG_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LoadError(GovkgError):
    """A file could not be read or parsed; nothing was loaded."""

    code = "LOAD_ERROR"

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        where = (
            f"{path}:{line}:{column}"
            if line is not None and column is not None
            else (f"{path}:{line}" if line is not None else path)
        )
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.detail = message


class QuerySyntaxError(GovkgError):
    """A SPARQL query or update that does not parse; ``message`` is the parser's."""

    code = "MALFORMED_QUERY"


class QueryRefused(GovkgError):
    """A query the service will not run, e.g. one that would reach the network (SERVICE, LOAD)."""

    code = "QUERY_REFUSED"


class QueryTimeout(GovkgError):
    """A query ran past the configured time limit."""

    code = "QUERY_TIMEOUT"


class QueryAborted(GovkgError):
    """The process evaluating a query died (memory ceiling, engine crash); the service goes on."""

    code = "QUERY_ABORTED"


class ResultTooLarge(GovkgError):
    """A query produced more results than the configured cap."""

    code = "RESULT_TOO_LARGE"


class InvalidParameter(GovkgError):
    """A parameter that names nothing the service knows (an unknown type or frequency)."""

    code = "INVALID_PARAMETER"

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


class NotFound(GovkgError):
    """An IRI, slug or graph the dataset does not describe."""

    code = "NOT_FOUND"


class StoreError(GovkgError):
    """The store failed (e.g. a remote SPARQL server answered with an error)."""

    code = "STORE_ERROR"
