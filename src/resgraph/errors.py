"""The one exception family resgraph raises; the CLI turns it into a one-line message."""


class ResgraphError(Exception):
    """Base class: the message says what was expected and what was found."""


class InputError(ResgraphError):
    """An input file could not be read or is not an EP resolution."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class QueryError(ResgraphError):
    """A stored query is unknown, its parameters are wrong, or the store failed to answer."""


class StoreError(ResgraphError):
    """An output directory or store could not be written or opened."""
