"""Trainees' ID numbers are kept under the field key like the registry's (re-keyed together)."""

from xiezuo.registry.crypto import EncryptedField

ENCRYPTED = [EncryptedField("talent.Trainee", "id_cipher", "id_hash")]
