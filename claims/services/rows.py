"""Row writes the ORM makes costly in bulk: one prepared statement run over many rows.

`QuerySet.bulk_update` builds a `CASE WHEN pk = ... THEN ...` expression per
row and field and resolves each through the ORM: on a story's re-analysis
(hundreds of claims re-pointed at their clusters, changed provenance on
clusters) that compiling cost more CPU than the database's work. `update_rows`
writes the same values (each field's `get_db_prep_save`, no `pre_save`: an
`auto_now` field is written as the row holds it, as `bulk_update` does) with
one `UPDATE ... WHERE pk = %s` run over every row (`executemany`).
`insert_rows` does the same for inserts whose new ids nobody reads (index keys,
cached vectors), where `bulk_create` compiled a placeholder per value.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router, transaction

# Parameters per multi-row INSERT (SQLite's default bound on variables is 999).
MULTIROW_PARAMS = 900


def update_rows(model, rows: Sequence, fields: Sequence[str]) -> int:
    """UPDATE `fields` (names or attnames) of each row by primary key; how many rows."""
    if not rows:
        return 0
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [
        [f.get_db_prep_save(getattr(row, f.attname), connection) for f in columns] + [row.pk]
        for row in rows
    ]
    # One transaction, as bulk_update and bulk_create take: in autocommit each row
    # would commit (and sync) on its own.
    with (
        transaction.atomic(using=connection.alias, savepoint=False),
        connection.cursor() as cursor,
    ):
        cursor.executemany(sql, params)
    return len(params)


def insert_rows(
    model, rows: Sequence, ignore_conflicts: bool = False, multirow: bool = False
) -> int:
    """INSERT the rows (every concrete column but an auto primary key) as one prepared
    statement run over them all; how many were sent.

    What `bulk_create` writes (each field's `pre_save` for an insert, then its
    `get_db_prep_save`), for rows whose new ids the caller does not need: they
    are not read back. `ignore_conflicts` skips rows a unique constraint already
    holds (ON CONFLICT DO NOTHING: SQLite 3.24+ and PostgreSQL).

    `multirow` sends one `INSERT ... VALUES (...), (...)` per MULTIROW_PARAMS
    parameters instead: the same rows in the same order. On PostgreSQL an
    `executemany` runs (and psycopg's client-side binding formats) one statement
    per row; for the story index's 40 keys per article one statement cost half.
    """
    if not rows:
        return 0
    meta = model._meta
    columns = [f for f in meta.concrete_fields if not (f.primary_key and f.auto_created)]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    params = [
        [f.get_db_prep_save(f.pre_save(row, True), connection) for f in columns] for row in rows
    ]
    if multirow:
        size = max(1, MULTIROW_PARAMS // len(columns))
        with (
            transaction.atomic(using=connection.alias, savepoint=False),
            connection.cursor() as cursor,
        ):
            for i in range(0, len(params), size):
                chunk = params[i : i + size]
                values = ", ".join([f"({marks})"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES {values}{tail}",
                    [p for row in chunk for p in row],
                )
        return len(params)
    sql += tail
    # One transaction, as bulk_update and bulk_create take: in autocommit each row
    # would commit (and sync) on its own.
    with (
        transaction.atomic(using=connection.alias, savepoint=False),
        connection.cursor() as cursor,
    ):
        cursor.executemany(sql, params)
    return len(params)
