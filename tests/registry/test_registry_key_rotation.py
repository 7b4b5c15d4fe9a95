"""`xiezuo rotate_field_key`: every ID number moves to the new key, or nothing changes."""

import pytest
from cryptography.exceptions import InvalidTag
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from xiezuo.accounts.models import AuditEvent
from xiezuo.registry import crypto
from xiezuo.registry.models import Person
from xiezuo.registry.services import household_import

pytestmark = pytest.mark.django_db
KEY_A, KEY_B, KEY_C = crypto.new_field_key(), crypto.new_field_key(), crypto.new_field_key()


@pytest.fixture
def stored_under_a(areas, tmp_path, household, write_xlsx):
    """Five people imported while XIEZUO_FIELD_KEY was A; returns their ID numbers."""
    rows = household("H1", 3) + household("H2", 2)
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A):
        r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert r.rejected == 0, r.errors
    (tmp_path / "old.key").write_text(KEY_A + "\n")
    return sorted(row["证件号码"] for row in rows)


def stored() -> list[tuple[bytes, str]]:
    return [(bytes(c), h) for c, h in Person.objects.order_by("id").values_list("id_cipher",
                                                                                 "id_hash")]


def numbers_under(key: str) -> list[str]:
    with override_settings(FIELD_ENCRYPTION_KEY=key):
        return sorted(crypto.decrypt_id(c) for c, _h in stored())


def test_rotation_re_encrypts_and_re_hashes_every_number(stored_under_a, tmp_path):
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        call_command("rotate_field_key", old_key_file=str(tmp_path / "old.key"))
        # found by the new lookup hash, opened by the new key
        for number in stored_under_a:
            assert crypto.decrypt_id(Person.objects.get(id_hash=crypto.id_hash(number))
                                     .id_cipher) == number
    assert numbers_under(KEY_B) == stored_under_a
    with pytest.raises(InvalidTag):  # the old key opens nothing any more
        numbers_under(KEY_A)
    event = AuditEvent.objects.filter(object_type="registry.person").latest("id")
    assert event.new["persons"] == 5


def test_dry_run_checks_every_row_and_changes_nothing(stored_under_a, tmp_path, capsys):
    before = stored()
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        call_command("rotate_field_key", old_key_file=str(tmp_path / "old.key"), dry_run=True)
    assert stored() == before
    assert "5 ID numbers checked" in capsys.readouterr().out


def test_a_wrong_old_key_is_refused_and_nothing_changes(stored_under_a, tmp_path):
    (tmp_path / "wrong.key").write_text(KEY_C)
    before = stored()
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        with pytest.raises(CommandError, match="旧密钥无法解密人员"):
            call_command("rotate_field_key", old_key_file=str(tmp_path / "wrong.key"))
    assert stored() == before


def test_the_current_key_as_the_old_one_is_refused(stored_under_a, tmp_path):
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A):
        with pytest.raises(CommandError, match="旧密钥与当前密钥相同"):
            call_command("rotate_field_key", old_key_file=str(tmp_path / "old.key"))


def test_a_malformed_old_key_is_refused(stored_under_a, tmp_path):
    (tmp_path / "bad.key").write_text("not base64 at all")
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        with pytest.raises(CommandError, match="base64 of 32 bytes"):
            call_command("rotate_field_key", old_key_file=str(tmp_path / "bad.key"))


def test_a_database_that_ran_on_the_secret_key_moves_to_its_own_field_key(areas, tmp_path, household, write_xlsx):
    with override_settings(FIELD_ENCRYPTION_KEY=""):
        household_import(path=write_xlsx(tmp_path / "r.xlsx", household("H1", 2)))
        expected = numbers_under("")
    (tmp_path / "secret").write_text(settings.SECRET_KEY)
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        call_command("rotate_field_key", old_secret_key_file=str(tmp_path / "secret"))
    assert numbers_under(KEY_B) == expected


def test_the_other_parts_encrypted_fields_move_with_the_ids(stored_under_a, tmp_path, areas):
    """A trainee's ID number (talent) and a household's phone (labour outreach), declared in
    their parts' field_keys.py, are re-keyed in the same run: none is left unreadable."""
    from xiezuo.labour.outreach.models import HouseholdContact
    from xiezuo.registry.models import Household
    from xiezuo.talent.models import Trainee

    number = stored_under_a[0]
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A):
        trainee = Trainee.objects.create(
            name="学员", name_key="学员", unit="临洮县某局", unit_key="临洮县某局",
            area=areas["621124100000"], id_cipher=crypto.encrypt_id(number),
            id_hash=crypto.id_hash(number), id_masked=crypto.mask_id(number))
        contact = HouseholdContact.objects.create(
            household=Household.objects.first(), phone_cipher=crypto.encrypt_phone("13800001111"),
            phone_hash=crypto.phone_hash("13800001111"), phone_masked="138****1111")
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        call_command("rotate_field_key", old_key_file=str(tmp_path / "old.key"))
        trainee.refresh_from_db()
        contact.refresh_from_db()
        assert crypto.decrypt_id(trainee.id_cipher) == number
        assert trainee.id_hash == crypto.id_hash(number)
        assert crypto.decrypt_phone(contact.phone_cipher) == "13800001111"
        assert contact.phone_hash == crypto.phone_hash("13800001111")
    event = AuditEvent.objects.filter(object_type="registry.person").latest("id")
    assert event.new["talent.Trainee.id_cipher"] == 1
    assert event.new["labour.HouseholdContact.phone_cipher"] == 1
