"""Re-keying the ID numbers at rest: decrypt with the old field key, encrypt and hash with the
current one, in one transaction (`xiezuo rotate_field_key`, docs/operations.md).

A key is changed when it may have leaked, when staff who held it leave, or when a deployment that
ran on the key derived from SECRET_KEY gets its own XIEZUO_FIELD_KEY. The lookup hash is keyed
too, so every `id_hash` is recomputed along with the ciphertext.
"""

from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from django.db import connection, transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.services import audit_record
from xiezuo.registry.crypto import EncryptedField, FieldKeys
from xiezuo.registry.models import Person
from xiezuo.tabular.bulk import chunks

BATCH = 2_000


class KeyRotationError(Exception):
    """Nothing was changed; the message says why."""


@dataclass
class RotationResult:
    persons: int
    dry_run: bool
    #: "app.Model.field" -> values re-keyed, for the other parts' encrypted fields
    others: dict[str, int] = field(default_factory=dict)


def other_encrypted_fields() -> list[EncryptedField]:
    """The encrypted fields the other parts declare in `<app>/field_keys.py` (trainees' ID
    numbers, households' phone numbers…): found by discovery, the registry imports no part."""
    from xiezuo.core.discovery import app_modules

    return [f for module in app_modules("field_keys") for f in getattr(module, "ENCRYPTED", ())]


def _rotate_other(spec: EncryptedField, *, old: FieldKeys, new: FieldKeys,
                  dry_run: bool) -> int:
    from django.apps import apps

    model = apps.get_model(spec.model)
    rows = model._base_manager.exclude(**{f"{spec.cipher}__isnull": True}).only(
        "pk", spec.cipher, spec.hash).order_by("pk")
    changed = []
    for obj in rows.iterator(chunk_size=BATCH):
        blob = getattr(obj, spec.cipher)
        if not blob:
            continue
        try:
            value = old.decrypt(blob, spec.aad)
        except InvalidTag:
            raise KeyRotationError(
                _("旧密钥无法解密%(model)s #%(pk)s 的加密字段：旧密钥不对，或数据由另一个密钥写入。"
                  "未做任何修改。") % {"model": model._meta.verbose_name, "pk": obj.pk}) from None
        setattr(obj, spec.cipher, new.encrypt(value, spec.aad))
        setattr(obj, spec.hash, new.hash(value, spec.label))
        changed.append(obj)
    if not dry_run and changed:
        model._base_manager.bulk_update(changed, [spec.cipher, spec.hash], batch_size=BATCH)
    return len(changed)


def _write(updates: list[tuple[bytes, str, int]]) -> None:
    """One UPDATE … FROM (VALUES …) per batch (SQLite 3.33+ and PostgreSQL both name the
    columns column1…). Not executemany: that is a statement per row, and on PostgreSQL each
    statement also fires the member-count trigger (registry/member_count.py): 9.9 s for the
    57,004-person roster there, 5.8 s this way (docs/benchmarks.md)."""
    table = Person._meta.db_table
    values = ", ".join(["(%s, %s, %s)"] * len(updates))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id_cipher = v.column1, id_hash = v.column2 "
                       f"FROM (VALUES {values}) AS v WHERE {table}.id = v.column3",
                       [x for row in updates for x in row])


def field_key_rotate(*, old: FieldKeys, actor=None, dry_run: bool = False,
                     progress=None) -> RotationResult:
    """Re-encrypt every person's ID number from `old` to the current settings' key.

    All or nothing: a row the old key cannot open stops the run (a wrong old key, or data
    written under a third key) and the transaction leaves every row as it was.
    """
    new = FieldKeys.current()
    if old.same_as(new):
        raise KeyRotationError(_("旧密钥与当前密钥相同：请先在设置中换上新的 XIEZUO_FIELD_KEY，"
                                 "再用旧密钥运行本命令"))
    done = 0
    with transaction.atomic():
        ids = list(Person.objects.order_by("id").values_list("id", flat=True))
        total = len(ids)
        for chunk in chunks(ids, BATCH):
            rows = Person.objects.filter(id__in=chunk).values_list("id", "id_cipher")
            updates = []
            for pk, blob in rows:
                try:
                    number = old.decrypt(blob)
                except InvalidTag:
                    raise KeyRotationError(
                        _("旧密钥无法解密人员 #%(pk)s 的证件号码：旧密钥不对，或数据由另一个密钥"
                          "写入。未做任何修改。") % {"pk": pk}) from None
                updates.append((new.encrypt(number), new.hash(number), pk))
            if not dry_run:
                _write(updates)
            done += len(updates)
            if progress:
                progress(done, total)
        others = {f"{spec.model}.{spec.cipher}": _rotate_other(spec, old=old, new=new,
                                                               dry_run=dry_run)
                  for spec in other_encrypted_fields()}
        if not dry_run:
            audit_record(actor=actor, action=AuditAction.UPDATE, object_type="registry.person",
                         object_repr=_("证件号码密钥轮换"), new={"persons": done, **others},
                         note=_("全部证件号码已用新密钥重新加密"))
    return RotationResult(persons=done, dry_run=dry_run, others=others)
