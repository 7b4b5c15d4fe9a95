"""Households' outreach phone numbers are kept under the field key (re-keyed with the IDs)."""

from xiezuo.registry.crypto import EncryptedField

ENCRYPTED = [EncryptedField("labour.HouseholdContact", "phone_cipher", "phone_hash", kind="phone")]
