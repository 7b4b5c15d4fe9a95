"""ID numbers at rest: AES-GCM ciphertext, a keyed hash for exact lookup, and the masked form.

The encryption key is settings.FIELD_ENCRYPTION_KEY (XIEZUO_FIELD_KEY, base64 of 32 bytes). When
it is empty the key is derived from SECRET_KEY with HKDF, so a development machine works out of
the box; production sets XIEZUO_FIELD_KEY (docs/decisions/0002-id-number-encryption-key.md).
The HMAC key is derived from the same base key under another label, so the lookup hash reveals
nothing about the encryption key and the two can never be confused.
"""

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
# Binds a ciphertext to its use: an ID-number ciphertext cannot be passed off as another field.
AAD = b"xiezuo.registry.person.id_number.v1"
# Phone numbers (other parts' contact phones) under the same keys, bound to their own use.
PHONE_AAD = b"xiezuo.phone_number.v1"
PHONE_HASH_LABEL = b"phone:"


@dataclass(frozen=True)
class _Keys:
    aead: AESGCM
    mac: bytes


def _hkdf(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"xiezuo-field-keys",
                info=info).derive(material)


@lru_cache(maxsize=4)
def _keys_for(field_key: str, secret_key: str) -> _Keys:
    if field_key:
        try:
            base = base64.b64decode(field_key, validate=True)
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured("XIEZUO_FIELD_KEY must be base64 of 32 bytes") from None
        if len(base) != 32:
            raise ImproperlyConfigured(
                f"XIEZUO_FIELD_KEY must be base64 of 32 bytes, got {len(base)} bytes")
    else:
        base = _hkdf(secret_key.encode(), b"xiezuo field key from SECRET_KEY")
    return _Keys(aead=AESGCM(_hkdf(base, b"xiezuo id-number encryption")),
                 mac=_hkdf(base, b"xiezuo id-number lookup hmac"))


def _keys() -> _Keys:
    return _keys_for(settings.FIELD_ENCRYPTION_KEY or "", settings.SECRET_KEY)


class FieldKeys:
    """One key pair (encryption + lookup HMAC) made from a field key, or from a SECRET_KEY when
    the field key is empty, as the settings would: for re-keying (registry/key_rotation.py)."""

    def __init__(self, field_key: str = "", secret_key: str = ""):
        if not field_key and not secret_key:
            raise ImproperlyConfigured("give the field key, or the SECRET_KEY it was derived from")
        self._k = _keys_for(field_key, secret_key)

    @classmethod
    def current(cls) -> "FieldKeys":
        return cls(settings.FIELD_ENCRYPTION_KEY or "", settings.SECRET_KEY)

    def same_as(self, other: "FieldKeys") -> bool:
        return self._k.mac == other._k.mac

    def encrypt(self, number: str, aad: bytes = AAD) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._k.aead.encrypt(nonce, number.encode("ascii"), aad)

    def decrypt(self, blob: bytes | memoryview, aad: bytes = AAD) -> str:
        blob = bytes(blob)
        return self._k.aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad).decode("ascii")

    def hash(self, number: str, label: bytes = b"") -> str:
        return hmac.new(self._k.mac, label + number.encode("ascii"), hashlib.sha256).hexdigest()


def encrypt_id(number: str) -> bytes:
    """nonce || AES-GCM(ciphertext + tag); a fresh random nonce per value."""
    return FieldKeys.current().encrypt(number)


def decrypt_id(blob: bytes | memoryview) -> str:
    return FieldKeys.current().decrypt(blob)


def id_hash(number: str) -> str:
    """HMAC-SHA256 of the normalised number, hex: equal numbers give equal hashes."""
    return FieldKeys.current().hash(number)


def mask_id(number: str) -> str:
    """The first 6 and last 4 characters, the rest hidden: 621124********123X."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def encrypt_phone(number: str) -> bytes:
    """A phone number (digits) under the field key, bound to phone use (PHONE_AAD)."""
    return FieldKeys.current().encrypt(number, PHONE_AAD)


def decrypt_phone(blob: bytes | memoryview) -> str:
    return FieldKeys.current().decrypt(blob, PHONE_AAD)


def phone_hash(number: str) -> str:
    """Keyed hash of a normalised phone number; never equal to an ID number's hash."""
    return FieldKeys.current().hash(number, PHONE_HASH_LABEL)


def mask_phone(number: str) -> str:
    """The first 3 and last 4 digits, the rest hidden: 138****5678."""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def new_field_key() -> str:
    """A fresh value for XIEZUO_FIELD_KEY."""
    return base64.b64encode(os.urandom(32)).decode("ascii")


def field_key_derived_from(secret_key: str) -> str:
    """The XIEZUO_FIELD_KEY value that opens what was encrypted without one under this secret
    key: for a demo built before the field key was required (`make demo` on an old var/)."""
    return base64.b64encode(_hkdf(secret_key.encode(), b"xiezuo field key from SECRET_KEY")).decode()


@dataclass(frozen=True)
class EncryptedField:
    """A field pair another part keeps under the field key, declared in `<app>/field_keys.py`
    as `ENCRYPTED = [EncryptedField("talent.Trainee", "id_cipher", "id_hash")]`, so that
    `xiezuo rotate_field_key` re-keys it together with the registry's ID numbers."""

    model: str  # "app_label.ModelName"
    cipher: str
    hash: str
    kind: str = "id"  # "id" or "phone": which binding and hash label the values carry

    @property
    def aad(self) -> bytes:
        return PHONE_AAD if self.kind == "phone" else AAD

    @property
    def label(self) -> bytes:
        return PHONE_HASH_LABEL if self.kind == "phone" else b""
