"""ID numbers at rest: encryption, keyed hash, masking, and the audited full view."""

import base64

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import override_settings

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.registry import crypto
from xiezuo.registry.models import Person
from xiezuo.registry.services import household_import, person_reveal_id

NUMBER = "11010519491231002X"
KEY_A = base64.b64encode(b"a" * 32).decode()
KEY_B = base64.b64encode(b"b" * 32).decode()


def test_encryption_round_trips_and_never_repeats_a_ciphertext():
    a, b = crypto.encrypt_id(NUMBER), crypto.encrypt_id(NUMBER)
    assert a != b and NUMBER.encode() not in a
    assert crypto.decrypt_id(a) == crypto.decrypt_id(memoryview(b)) == NUMBER


def test_a_tampered_ciphertext_is_refused():
    blob = bytearray(crypto.encrypt_id(NUMBER))
    blob[-1] ^= 1
    with pytest.raises(InvalidTag):
        crypto.decrypt_id(bytes(blob))


def test_the_lookup_hash_is_stable_keyed_and_distinct_per_number():
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A):
        h1 = crypto.id_hash(NUMBER)
        assert crypto.id_hash(NUMBER) == h1 and len(h1) == 64
        assert crypto.id_hash("440524188001010014") != h1
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        assert crypto.id_hash(NUMBER) != h1


def test_the_field_key_is_used_when_set_and_derived_from_secret_key_otherwise():
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A):
        blob = crypto.encrypt_id(NUMBER)
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B), pytest.raises(InvalidTag):
        crypto.decrypt_id(blob)
    with override_settings(FIELD_ENCRYPTION_KEY="", SECRET_KEY="one-secret"):
        derived = crypto.encrypt_id(NUMBER)
        assert crypto.decrypt_id(derived) == NUMBER
    with override_settings(FIELD_ENCRYPTION_KEY="", SECRET_KEY="another-secret"), \
            pytest.raises(InvalidTag):
        crypto.decrypt_id(derived)


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_malformed_field_key_is_a_configuration_error(bad):
    with override_settings(FIELD_ENCRYPTION_KEY=bad), pytest.raises(ImproperlyConfigured):
        crypto.encrypt_id(NUMBER)


def test_the_hmac_key_differs_from_the_encryption_key():
    keys = crypto._keys_for(KEY_A, "x")
    assert keys.mac != base64.b64decode(KEY_A)


def test_masking_shows_first_6_and_last_4():
    assert crypto.mask_id(NUMBER) == "110105********002X"
    assert crypto.mask_id("110105491231002") == "110105*****1002"
    assert crypto.mask_id("123") == "***"


def test_new_field_key_is_32_bytes():
    assert len(base64.b64decode(crypto.new_field_key())) == 32


# --- stored and revealed ------------------------------------------------------------------------

@pytest.fixture
def stored(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 1) + household("H2", 1, **{"乡(镇)": "辛店镇", "行政村": "测试辛店镇1村"})
    household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    return {p.household.township.name: p for p in Person.objects.select_related(
        "household__township")}, rows


@pytest.mark.django_db
def test_the_database_holds_no_clear_id_number(stored):
    people, rows = stored
    for p in Person.objects.all():
        number = crypto.decrypt_id(p.id_cipher)
        assert number.encode() not in bytes(p.id_cipher)
        assert p.id_masked == crypto.mask_id(number) and p.id_hash == crypto.id_hash(number)


@pytest.mark.django_db
def test_exact_lookup_by_id_number_goes_through_the_hash(stored, new_id):
    _people, rows = stored
    number = rows[0]["证件号码"]
    assert Person.objects.get(id_hash=crypto.id_hash(number)).name == rows[0]["姓名"]
    assert not Person.objects.filter(id_hash=crypto.id_hash(new_id(999))).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["county_admin", "township_clerk", "case_worker"])
def test_allowed_roles_see_the_full_number_and_each_view_is_audited(stored, users, role):
    people, rows = stored
    p = people["洮阳镇"]
    assert person_reveal_id(actor=users[role], person=p) == rows[0]["证件号码"]
    event = AuditEvent.objects.get(action=AuditAction.VIEW_ID)
    assert (event.actor, event.object_id, event.area_code) == (
        users[role], str(p.pk), p.household.village.code)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["fund_officer", "east_officer", "leadership", "auditor"])
def test_other_roles_cannot_see_the_full_number(stored, users, role):
    people, _rows = stored
    with pytest.raises(PermissionDenied):
        person_reveal_id(actor=users[role], person=people["洮阳镇"])
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_ID).exists()


@pytest.mark.django_db
def test_a_clerk_cannot_reveal_a_number_outside_their_township(stored, users):
    people, _rows = stored
    with pytest.raises(PermissionDenied):
        person_reveal_id(actor=users["township_clerk"], person=people["辛店镇"])
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_ID).exists()
