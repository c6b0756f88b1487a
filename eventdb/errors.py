"""Errors a user can act on. Their message is one line, shown as is by the CLI and the TUI."""


class EventdbError(Exception):
    """Base class: anything eventdb reports to a user instead of a traceback."""


class InputError(EventdbError):
    """Bad input: an unreadable file, an invalid date, an unknown id..."""


class NotFoundError(InputError):
    """An id or name that is not in the database."""


class SchemaError(EventdbError):
    """The database is missing, empty, or on another schema version than the code."""


class DatabaseError(EventdbError):
    """The database is unreachable, locked, full or read-only."""


class ConflictError(EventdbError):
    """An edit based on a stale read: someone else changed the row since it was read."""
