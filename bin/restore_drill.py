#!/usr/bin/env python3
"""Restore drill (docs/operations.md, "Backups"): prove that a backup of the database restores.

1. Counts the rows of every table and takes the dump in one snapshot (pg_dump --snapshot), so a live
   application writing meanwhile does not make the comparison lie.
2. Restores the dump (pg_restore) into a fresh database next to the source.
3. Counts the rows of every table there and compares: every table present, every count equal.
4. Drops the fresh database (unless --keep) and the dump (unless --dump-file is given).

Exit status: 0 all equal, 1 a difference, 2 the drill could not run. Needs pg_dump and pg_restore of
the server's major version, and a role that may create databases.

    .venv/bin/python bin/restore_drill.py [--keep] [--dump-file FILE] [DATABASE_URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

TABLES = """
    SELECT table_schema, table_name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY table_schema, table_name
"""


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise OSError(f"{name} is not installed (PostgreSQL client tools).")
    return path


def count_rows(cursor) -> dict[str, int]:
    cursor.execute(TABLES)
    counts = {}
    for schema, table in cursor.fetchall():
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
        )
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(source_url: str, *, keep: bool, dump_file: str | None) -> int:
    source_name = urlsplit(source_url).path.lstrip("/")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    target_name = f"{source_name[:40]}_drill_{stamp}_{os.getpid()}"[:63]
    target_url = with_database(source_url, target_name)
    dump_path = dump_file or tempfile.mkstemp(prefix="restore-drill-", suffix=".dump")[1]

    source = psycopg2.connect(source_url)
    source.set_isolation_level(ISOLATION_LEVEL_REPEATABLE_READ)
    try:
        with source.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            before = count_rows(cursor)
            subprocess.run(  # noqa: S603 - arguments from the operator
                [
                    _program("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={dump_path}",
                    source_url,
                ],
                check=True,
            )
        source.rollback()
        source.autocommit = True
        with source.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target_name)))
        try:
            subprocess.run(  # noqa: S603
                [
                    _program("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    f"--dbname={target_url}",
                    dump_path,
                ],
                check=True,
            )
            target = psycopg2.connect(target_url)
            try:
                with target.cursor() as cursor:
                    after = count_rows(cursor)
            finally:
                target.close()
        finally:
            if keep:
                print(f"Kept the restored database {target_name}.")
            else:
                with source.cursor() as cursor:
                    cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target_name)))
    finally:
        source.close()
        if dump_file is None and os.path.exists(dump_path):
            os.unlink(dump_path)

    differences = 0
    width = max((len(name) for name in before | after), default=10)
    print(f"{'table':<{width}}  {'source':>10}  {'restored':>10}")
    for name in sorted(before | after):
        mark = "" if before.get(name) == after.get(name) else "  <-- differs"
        differences += bool(mark)
        print(f"{name:<{width}}  {before.get(name, '-')!s:>10}  {after.get(name, '-')!s:>10}{mark}")
    rows = sum(before.values())
    if differences:
        print(f"Restore drill FAILED: {differences} of {len(before | after)} tables differ.")
        return 1
    print(f"Restore drill passed: {len(before)} tables, {rows} rows, every count equal.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url", nargs="?", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--keep", action="store_true", help="keep the restored database to inspect it")
    parser.add_argument("--dump-file", help="keep the dump in this file (else a temporary file, removed)")
    args = parser.parse_args(argv)
    if not args.database_url or not args.database_url.startswith(("postgres://", "postgresql://")):
        print("Give a postgres:// URL (or set DATABASE_URL).", file=sys.stderr)
        return 2
    try:
        return run(args.database_url, keep=args.keep, dump_file=args.dump_file)
    except (psycopg2.Error, subprocess.CalledProcessError, OSError) as exc:
        print(f"Restore drill could not run: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
