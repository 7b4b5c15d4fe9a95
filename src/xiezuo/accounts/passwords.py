import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Ask for letters and digits both: clerks' passwords are otherwise often dates or names."""

    def validate(self, password: str, user=None) -> None:
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(_("密码必须同时包含字母和数字。"), code="password_classes")

    def get_help_text(self) -> str:
        return _("密码必须同时包含字母和数字。")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with the error message in our catalogue: Django 5.2.x changed that message and
    its zh_Hans catalogue has no translation of the new one, so Chinese pages showed it in English."""

    def get_error_message(self) -> str:
        return _("密码太短，至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}


class WhitespacePaddingValidator:
    """Count the length without spaces: ten spaces and `1a` is a three-character password that
    the length rule would otherwise accept."""

    def __init__(self, min_length: int = 10):
        self.min_length = min_length

    def validate(self, password: str, user=None) -> None:
        if len("".join(password.split())) < self.min_length:
            raise ValidationError(
                _("去掉空格后密码太短，至少需要 %(min_length)d 个非空白字符。")
                % {"min_length": self.min_length}, code="password_whitespace")

    def get_help_text(self) -> str:
        return _("空格不计入密码长度。")


class RepetitionValidator:
    """Refuse a password made of a few characters repeated (`a1a1a1a1a1`, `1111aaaa11`): long
    enough and of both classes, yet among the first that a guesser tries."""

    min_distinct = 5

    def validate(self, password: str, user=None) -> None:
        chars = "".join(password.split())
        if len(set(chars.lower())) < self.min_distinct or re.fullmatch(r"(.{1,4}?)\1+", chars):
            raise ValidationError(_("密码不能由少数几个字符重复组成。"), code="password_repetitive")

    def get_help_text(self) -> str:
        return _("密码不能由少数几个字符重复组成。")


# The product's and the two areas' names, in pinyin and in characters: the first words anyone
# guessing a password for this system tries, usually with a year of the plan (`Xiezuo2017`).
CONTEXT_WORDS = ("xiezuo", "cangshan", "lintao", "fuzhou", "dingxi", "gansu", "fujian", "fupin",
                 "dongxi", "协作", "仓山", "临洮", "福州", "定西", "甘肃", "福建", "扶贫", "东西部")


class ContextWordValidator:
    """Refuse passwords that contain the name of the system or of its areas (NIST SP 800-63B
    asks to block such context-specific words)."""

    def validate(self, password: str, user=None) -> None:
        folded = password.casefold()
        if any(word in folded for word in CONTEXT_WORDS):
            raise ValidationError(
                _("密码不能包含系统或地区的名称（如 xiezuo、cangshan、lintao、临洮）。"),
                code="password_context_word")

    def get_help_text(self) -> str:
        return _("密码不能包含系统或地区的名称（如 xiezuo、cangshan、lintao、临洮）。")
