"""The SQL only one database engine accepts, one module per engine; `of(connection)` picks it.

The app's queries are written in SQL that SQLite and PostgreSQL both accept (plain names, or
double quotes; `on conflict (...) do update` with the table's columns named by the table), and
call their database's dialect (`db.dialect`, fieldapp.db.Database) for the rest: the elements of a
JSON column, a field of a JSON object, lists built as JSON, null-safe equality, full-text search
and taking a text apart. Each engine has a module here with the same functions and a line in
`_BY_DRIVER`; the queries do not change.

`sqlite` (SQLCipher is SQLite, encrypted, and speaks the same SQL) and `postgresql` (psycopg 3,
a central server's: issue 28).
"""

from . import postgresql, sqlite

# The top-level package of a connection's class -> the dialect its engine speaks.
_BY_DRIVER = {"sqlite3": sqlite, "sqlcipher3": sqlite, "psycopg": postgresql}


class UnknownDriver(Exception):
    """No dialect is written for this database driver."""


def of(connection):
    """The dialect module of the engine a DB-API connection talks to, chosen by its driver."""
    driver = type(connection).__module__.split(".")[0]
    try:
        return _BY_DRIVER[driver]
    except KeyError:
        raise UnknownDriver(f"no SQL dialect for the database driver {driver!r}") from None
