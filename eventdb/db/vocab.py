"""The closed vocabularies of the schema, importable without SQLAlchemy (the CLI's options list
them in ``--help``, which must start fast). ``eventdb.db.models`` checks them in the database."""

STATUSES = ("machine", "corrected", "confirmed", "unresolved", "needs-review", "rejected")
PARTICIPANT_KINDS = ("person", "organisation", "place", "group", "product", "other")
ROLES = ("agent", "patient", "other")  # of a participant in an event
