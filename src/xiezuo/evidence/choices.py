from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What an attached file is evidence of (the plan's ch.6 supervision asks for the first
    three; ch.5, 7 and 8 for appointments, minutes, photos and lists)."""

    CONTRACT = "contract", _("合同/协议")
    FUND_VOUCHER = "fund_voucher", _("资金到位凭证")
    INVOICE = "invoice", _("发票")
    MINUTES = "minutes", _("会议纪要")
    APPOINTMENT = "appointment", _("任命/选派文件")
    PHOTO = "photo", _("照片")
    ROSTER = "roster", _("名单")
    OTHER = "other", _("其他")
