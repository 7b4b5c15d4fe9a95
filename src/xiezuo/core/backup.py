"""`xiezuo backup` and `xiezuo restore`: a consistent copy of the database and the data
directory's kept files, with a manifest that a restore checks before and after.

A backup directory holds
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the site runs) or
  `database.dump` (`pg_dump` custom format, reading one exported snapshot);
- `files/…`: the data directory's kept files (uploads, reports, evidence), never the database
  itself, the collected static files, the cache, or the secret-key and field-key files
  (core.keptfiles): a backup is restored with the keys kept apart from it;
- `manifest.json`: the SHA-256 and size of every file, the engine, the Xiezuo version, the
  applied migrations, the row count of every model and what each part adds (`<app>/backup.py`
  `backup_state(cursor)`: the funds ledger's head), all read from the very copy or snapshot
  that was saved.

`restore` verifies every SHA-256 first and refuses a changed or missing file, a backup of the
other engine or of a newer Xiezuo, and a database or data directory that is not empty; only then
does it restore, and afterwards it compares the counts with the manifest and lets each part check
its data (`restore_check(recorded)`: the ledger's hash chain and head). Everything it writes is
0600 (folders 0700).
"""

import datetime
import glob
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from xiezuo.core import keptfiles
from xiezuo.core.discovery import app_modules

FORMAT = "xiezuo-backup/1"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES = "files"


class BackupError(Exception):
    """A backup or restore refused (the message says why, in Chinese); nothing was changed."""


# --- what a backup records -----------------------------------------------------------------

def engine() -> str:
    return connection.vendor  # "sqlite" | "postgresql"


def xiezuo_version() -> str:
    try:
        return importlib.metadata.version("xiezuo")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _counted_models() -> list:
    return [m for m in apps.get_models()
            if m._meta.app_config.name.startswith("xiezuo.") and m._meta.managed
            and not m._meta.proxy]


def _state(cursor, *, tables: set[str] | None = None) -> dict:
    """Counts, migrations and the parts' own state, read through a DB-API cursor (the SQLite
    copy, the PostgreSQL snapshot, or the restored database). `tables`: those that exist (a
    restore into newer code skips the models the backup did not have yet)."""
    counts = {}
    for model in _counted_models():
        table = model._meta.db_table
        if tables is not None and table not in tables:
            continue
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[model._meta.label_lower] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    state = {"counts": dict(sorted(counts.items())),
             "migrations": {a: sorted(n) for a, n in sorted(migrations.items())}}
    for module in app_modules("backup"):
        hook = getattr(module, "backup_state", None)
        if hook is not None:
            state.update(hook(cursor))
    return state


def _sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _private_copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(mode=keptfiles.PRIVATE_DIR, parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(keptfiles.PRIVATE_FILE)


# --- PostgreSQL tools ----------------------------------------------------------------------

def _tool_major(path: str) -> int:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30,
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    m = re.search(r"\)\s*(\d+)", out) or re.search(r"(\d+)\.\d+", out)
    return int(m.group(1)) if m else 0


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore able to handle this server (its major version or newer): Debian
    keeps one per installed major under /usr/lib/postgresql/N/bin, newest tried first."""
    server = connection.pg_version // 10000
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(re.search(r"/(\d+)/bin/", p).group(1)), reverse=True)
    on_path = shutil.which(name)
    majors = []
    for candidate in [*found, *([on_path] if on_path else [])]:
        major = _tool_major(candidate)
        majors.append(f"{candidate} ({major or '?'})")
        if major >= server:
            return candidate
    raise BackupError(
        f"找不到能处理 PostgreSQL {server} 的 {name}（需要 {server} 或更新的版本；找到："
        f"{'，'.join(majors) or '无'}）。请安装 postgresql-client-{server}。")


def _pg_env() -> dict:
    s = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(s["NAME"])}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                     ("PASSWORD", "PGPASSWORD")):
        if s.get(key):
            env[var] = str(s[key])
    if (s.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = s["OPTIONS"]["sslmode"]
    return env


def _run(args: list[str], *, what: str) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{what}失败（退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


# --- backup --------------------------------------------------------------------------------

def _backup_sqlite(target: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # online: a consistent copy while others write
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return _state(copy.cursor(), tables=tables)
    finally:
        copy.close()


def _backup_postgresql(target: Path) -> dict:
    if connection.in_atomic_block:
        raise BackupError("备份需要自己的事务（不能在另一个事务里运行）")
    tool = pg_tool("pg_dump")
    # One snapshot for the manifest's counts and for pg_dump: both see the same rows.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        state = _state(cursor, tables=set(connection.introspection.table_names(cursor)))
        _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              "--file", str(target)], what="pg_dump ")
    target.chmod(keptfiles.PRIVATE_FILE)
    return state


def backup_create(*, out: Path) -> dict:
    """Write a backup into `out` (a new or empty folder outside the data directory); returns
    the manifest."""
    out = Path(out).resolve()
    data_dir = Path(settings.DATA_DIR).resolve()
    if out == data_dir or out.is_relative_to(data_dir):
        raise BackupError(f"备份目录 {out} 在数据目录 {data_dir} 之内：请放在数据目录之外")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"备份目录 {out} 已存在且不是空目录：请指定新的目录")
    out.mkdir(mode=keptfiles.PRIVATE_DIR, parents=True, exist_ok=True)
    out.chmod(keptfiles.PRIVATE_DIR)
    started = datetime.datetime.now(datetime.UTC)
    kind = engine()
    db_name = SQLITE_FILE if kind == "sqlite" else PG_FILE
    if kind == "sqlite":
        state = _backup_sqlite(out / db_name)
    elif kind == "postgresql":
        state = _backup_postgresql(out / db_name)
    else:
        raise BackupError(f"不支持的数据库：{kind}")
    (out / db_name).chmod(keptfiles.PRIVATE_FILE)
    sha, size = _sha256(out / db_name)
    files = []
    for path in keptfiles.kept_files():
        rel = path.relative_to(data_dir).as_posix()
        dest = out / FILES / rel
        try:
            _private_copy(path, dest)
        except FileNotFoundError:
            continue  # removed meanwhile (an expired upload, a finished job's copy)
        f_sha, f_size = _sha256(dest)
        files.append({"path": rel, "sha256": f_sha, "size": f_size})
    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(timespec="seconds"),
        "xiezuo_version": xiezuo_version(),
        "engine": kind,
        "database": {"path": db_name, "sha256": sha, "size": size},
        "files": files,
        **state,
        "keys": "not included: restore with the XIEZUO_FIELD_KEY and XIEZUO_SECRET_KEY kept "
                "apart from this backup",
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    (out / MANIFEST).chmod(keptfiles.PRIVATE_FILE)
    return manifest


# --- restore -------------------------------------------------------------------------------

def manifest_verify(source: Path) -> dict:
    """The manifest, once every file it names is present with its SHA-256 and size."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{source} 中没有 {MANIFEST}：不是 Xiezuo 备份") from None
    except (OSError, ValueError) as e:
        raise BackupError(f"{source / MANIFEST} 无法读取：{e}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST} 不是 {FORMAT} 格式的备份清单")
    entries = [("database", manifest["database"])] + [
        ("file", f) for f in manifest.get("files", [])]
    problems = []
    for _kind, entry in entries:
        rel = Path(entry["path"])
        if rel.is_absolute() or ".." in rel.parts:
            raise BackupError(f"备份清单中的路径不安全：{entry['path']}")
        path = source / rel if _kind == "database" else source / FILES / rel
        if not path.is_file():
            problems.append(f"缺少文件：{entry['path']}")
            continue
        sha, size = _sha256(path)
        if (sha, size) != (entry["sha256"], entry["size"]):
            problems.append(f"文件已被改动（SHA-256 或大小与清单不符）：{entry['path']}")
    if problems:
        raise BackupError("备份校验失败，未做任何恢复：\n  " + "\n  ".join(problems))
    return manifest


def _unknown_migrations(recorded: dict[str, list[str]]) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, names in recorded.items() for name in names
            if (app, name) not in known]


def _unapplied() -> bool:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@dataclass
class RestoreReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def add(self, ok: bool, line: str) -> None:
        self.ok = self.ok and ok
        self.lines.append(("✓ " if ok else "✗ ") + line)


def backup_restore(*, source: Path) -> RestoreReport:
    source = Path(source).resolve()
    manifest = manifest_verify(source)
    report = RestoreReport()
    report.add(True, f"备份清单校验通过：数据库与 {len(manifest['files'])} 个文件的 SHA-256 一致"
                     f"（备份于 {manifest['created_at']}，Xiezuo {manifest['xiezuo_version']}）")
    kind = engine()
    if manifest["engine"] != kind:
        raise BackupError(f"这是 {manifest['engine']} 数据库的备份，当前数据库是 {kind}：无法恢复")
    newer = _unknown_migrations(manifest.get("migrations", {}))
    if newer:
        raise BackupError("备份来自较新版本的 Xiezuo（本版本没有这些迁移："
                          f"{'、'.join(newer[:5])}）：请先升级再恢复")
    tables = _tables()
    if tables:
        raise BackupError(f"目标数据库不是空的（已有 {len(tables)} 张表）：恢复只写入空数据库，"
                          "未做任何改动")
    data_dir = Path(settings.DATA_DIR).resolve()
    present = keptfiles.kept_files(data_dir)
    if present:
        shown = "、".join(str(p.relative_to(data_dir)) for p in present[:5])
        raise BackupError(f"数据目录 {data_dir} 不是空的（{len(present)} 个文件，如 {shown}）："
                          "恢复只写入空的数据目录，未做任何改动")
    db_file = source / manifest["database"]["path"]
    if kind == "sqlite":
        _restore_sqlite(db_file)
    else:
        _run([pg_tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner",
              "--no-privileges", "--dbname", str(connection.settings_dict["NAME"]), str(db_file)],
             what="pg_restore ")
    report.add(True, f"数据库已恢复（{kind}，{manifest['database']['size']:,} 字节）")
    for entry in manifest["files"]:
        _private_copy(source / FILES / entry["path"], data_dir / entry["path"])
    keptfiles.tighten(data_dir)
    report.add(True, f"数据目录已恢复：{len(manifest['files'])} 个文件（权限 0600，目录 0700）")
    _check(manifest, report)
    return report


def _restore_sqlite(db_file: Path) -> None:
    target = Path(str(connection.settings_dict["NAME"])).resolve()
    connection.close()
    for suffix in ("-wal", "-shm"):  # of the empty database the checks opened
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    target.parent.mkdir(mode=keptfiles.PRIVATE_DIR, parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(db_file, partial)
    partial.chmod(keptfiles.PRIVATE_FILE)
    os.replace(partial, target)


def _check(manifest: dict, report: RestoreReport) -> None:
    connection.close()
    with connection.cursor() as cursor:
        now = _state(cursor, tables=_tables())
    want = manifest["counts"]
    differ = {k: (now["counts"].get(k), v) for k, v in want.items() if now["counts"].get(k) != v}
    if differ:
        report.add(False, "记录数与备份清单不符：" + "；".join(
            f"{k} 恢复后 {a}，清单 {b}" for k, (a, b) in differ.items()))
    else:
        main = {k: want[k] for k in ("accounts.user", "registry.household", "registry.person",
                                     "funds.ledgerentry", "accounts.auditevent") if k in want}
        report.add(True, f"{len(want)} 类记录的条数与备份清单一致（"
                         + "，".join(f"{k} {v:,}" for k, v in main.items()) + "）")
    if now["migrations"] != manifest.get("migrations"):
        report.add(False, "已应用的迁移与备份清单不符")
    elif _unapplied():
        report.lines.append("  本版本有备份之后的新迁移：请运行 xiezuo init 升级数据库")
    for module in app_modules("backup"):
        hook = getattr(module, "restore_check", None)
        if hook is not None:
            for ok, line in hook(manifest):
                report.add(ok, line)
