"""Backup and restore of the database and the uploaded files.

A backup is a folder: `database.dump` (pg_dump's custom format) or `database.sqlite3`, `media.tar.gz`, and
`manifest.json` with the row count and a checksum of every table of the project's apps. A restore puts both
back and then recomputes the checksums, so a restore that does not give back the same data says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

PROJECT_APPS = ("liudong_wages", "enterprises", "cases", "funds", "reporting")


class BackupError(Exception):
    pass


def _tables() -> list[str]:
    tables = set()
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                tables.add(model._meta.db_table)
    return sorted(tables)


def table_checksums() -> dict[str, dict[str, object]]:
    """Row count and a digest of the rows of each project table, in primary-key order."""
    result = {}
    with connection.cursor() as cursor:
        for table in _tables():
            quoted = connection.ops.quote_name(table)
            # Table names come from the models, never from input.
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")
            digest = hashlib.sha256()
            count = 0
            for row in cursor:
                digest.update(repr(row).encode())
                count += 1
            result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or "")}
    env["PGUSER"] = str(db.get("USER") or "")
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(args: list[str], **kwargs) -> None:
    completed = subprocess.run(args, capture_output=True, text=True, env=_pg_env(), **kwargs)
    if completed.returncode != 0:
        raise BackupError(f"{args[0]} failed: {completed.stderr.strip()}")


def backup(output_dir: Path) -> Path:
    """Write a new backup folder inside `output_dir` and return its path."""
    target = Path(output_dir) / f"liudong-backup-{timezone.localtime():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True, exist_ok=False)
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / "database.dump"), db["NAME"]]
        )
    else:
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(target / "database.sqlite3") as copy:
            source.backup(copy)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "tables": table_checksums(),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return target


def restore(source: Path) -> dict[str, dict[str, object]]:
    """Replace the database and the uploaded files with those of the backup at `source`.

    Returns the tables whose checksum differs from the manifest after the restore (empty when all match).
    """
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text())
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest['database']} database, this one is {connection.vendor}"
        )
    db = settings.DATABASES["default"]
    connection.close()
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                db["NAME"],
                str(source / "database.dump"),
            ]
        )
    else:
        with sqlite3.connect(source / "database.sqlite3") as backup_db, sqlite3.connect(db["NAME"]) as live:
            backup_db.backup(live)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    media.mkdir(parents=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("media").lstrip("/")
            if not name:
                continue
            member.name = name
            archive.extract(member, media, filter="data")
    current = table_checksums()
    return {
        table: {"expected": expected, "found": current.get(table)}
        for table, expected in manifest["tables"].items()
        if current.get(table) != expected
    }
