"""Household phone numbers are personal data: stored encrypted, masked everywhere, every full
view audited, and corrected only through a versioned save."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.accounts.versioned import StaleEditError
from xiezuo.labour.outreach import phones, services
from xiezuo.labour.outreach.models import HouseholdContact
from xiezuo.registry import crypto

V1, V3 = "621124100201", "621124103201"
NUMBER = "13812345678"


@pytest.mark.parametrize(("text", "number"), [
    ("13812345678", NUMBER), ("+86 138-1234-5678", NUMBER), ("8613812345678", NUMBER),
    ("１３８１２３４５６７８", NUMBER), ("0086 138 1234 5678", NUMBER), (13812345678.0, NUMBER),
])
def test_mobile_numbers_as_clerks_write_them(text, number):
    assert phones.parse_mobile(text) == number


@pytest.mark.parametrize(("text", "words"), [
    ("", "为空"), ("0932-1234567", "固定电话"), ("1381234567", "11 位"), ("12812345678", "13–19"),
    ("138abc45678", "数字"),
])
def test_what_is_not_a_mobile_number_says_why(text, words):
    with pytest.raises(phones.PhoneError) as e:
        phones.parse_mobile(text)
    assert words in e.value.reason


def test_masks_and_masked_matches():
    assert crypto.mask_phone(NUMBER) == "138****5678"
    assert phones.masked_form_matches("138****5678", NUMBER)
    assert not phones.masked_form_matches("139****5678", NUMBER)
    assert crypto.phone_hash(NUMBER) != crypto.id_hash(NUMBER)  # own label: never confused
    with pytest.raises(Exception):  # noqa: B017 -- bound to phone use: an ID blob will not open
        crypto.decrypt_phone(crypto.encrypt_id("621124199001011234"))


@pytest.mark.django_db
def test_a_phone_is_stored_encrypted_and_audited_masked(users, hh):
    home = hh(V1)
    c = services.contact_save(actor=users["township_clerk"], household=home, phone="138 1234 5678")
    row = HouseholdContact.objects.filter(pk=c.pk).values().get()
    assert NUMBER not in repr(row) and row["phone_masked"] == "138****5678"
    assert crypto.decrypt_phone(row["phone_cipher"]) == NUMBER
    ev = AuditEvent.objects.filter(object_type="labour.householdcontact").latest("id")
    assert NUMBER not in repr(ev.new) and "138****5678" in repr(ev.new)


@pytest.mark.django_db
def test_every_reveal_is_audited_and_refused_outside_role_or_scope(users, hh):
    c = services.contact_save(actor=users["case_worker"], household=hh(V1), phone=NUMBER)
    before = AuditEvent.objects.filter(action=AuditAction.VIEW_ID).count()
    assert services.contact_reveal(actor=users["township_clerk"], contact=c) == NUMBER
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_ID).count() == before + 1
    for role in ("fund_officer", "leadership", "east_officer"):
        with pytest.raises(PermissionDenied):
            services.contact_reveal(actor=users[role], contact=c)
    with pytest.raises(PermissionDenied):  # 辛店镇's clerk: not their household
        services.contact_reveal(actor=users["other_clerk"], contact=c)
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_ID).count() == before + 1


@pytest.mark.django_db
def test_a_stale_phone_correction_is_refused(users, hh):
    home = hh(V1)
    c = services.contact_save(actor=users["case_worker"], household=home, phone=NUMBER)
    services.contact_save(actor=users["case_worker"], household=home, phone="13900000000",
                          version=c.version)
    with pytest.raises(StaleEditError):
        services.contact_save(actor=users["case_worker"], household=home, phone="13700000000",
                              version=c.version)
    assert crypto.decrypt_phone(HouseholdContact.objects.get(pk=c.pk).phone_cipher) \
        == "13900000000"
    with pytest.raises(ValidationError):
        services.contact_save(actor=users["case_worker"], household=home, phone="0932-123456",
                              version=c.version + 1)
    with pytest.raises(PermissionDenied):
        services.contact_save(actor=users["other_clerk"], household=home, phone=NUMBER,
                              version=c.version + 1)


@pytest.mark.django_db
def test_contacts_from_the_registry_roster_phones(users, hh):
    a, b, d = hh(V1), hh(V1), hh(V3)
    a.phone, b.phone, d.phone = "13800000001", "0932-1234567", "15100000003"
    for x in (a, b, d):
        x.save()
    out = services.contacts_from_registry(actor=users["case_worker"])
    assert out == {"created": 2, "invalid": 1}
    assert HouseholdContact.objects.get(household=a).phone_masked == "138****0001"
    assert services.contacts_from_registry(actor=users["case_worker"])["created"] == 0
