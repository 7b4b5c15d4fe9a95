"""What a backup records of the funds ledger, and what a restore checks (found by core.backup).

`backup_state(cursor)` reads the ledger's head from the copy being made (a DB-API cursor on the
SQLite copy, or on the PostgreSQL snapshot pg_dump reads), so the manifest names exactly the
head the copy holds. `restore_check(recorded)` re-computes the whole hash chain of the restored
database (`verify_ledger`) and compares its head with the recorded one.
"""

from xiezuo.funds import chain


def backup_state(cursor) -> dict:
    cursor.execute("SELECT seq, hash FROM funds_ledgerhead WHERE id = 1")
    row = cursor.fetchone()
    cursor.execute("SELECT count(*) FROM funds_ledgerentry")
    entries = cursor.fetchone()[0]
    seq, head = (row[0], row[1]) if row else (0, chain.GENESIS)
    return {"ledger": {"entries": entries, "head_seq": seq, "head_hash": head}}


def restore_check(recorded: dict) -> list[tuple[bool, str]]:
    """(ok, line) for the restored ledger: chain intact, head equal to the manifest's."""
    from xiezuo.funds.services import verify_ledger

    want = recorded.get("ledger")
    if want is None:
        return []
    result = verify_ledger()
    if not result.ok:
        bad = result.first_bad
        return [(False, f"资金台账哈希链校验失败：第 {bad.seq} 条 {bad.problem}（{bad.detail}）")]
    if (result.head_seq, result.head_hash) != (want["head_seq"], want["head_hash"]):
        return [(False, f"资金台账链头与备份清单不符：恢复后 #{result.head_seq} {result.head_hash}，"
                        f"清单 #{want['head_seq']} {want['head_hash']}")]
    return [(True, f"资金台账哈希链完整：{result.entries} 条，链头 #{result.head_seq} "
                   f"{result.head_hash[:16]}…，与备份清单一致")]
