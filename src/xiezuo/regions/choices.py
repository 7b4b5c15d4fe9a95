"""Category values for areas, as in ../shared/reference/divisions.csv."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（区）")
    TOWNSHIP = "township", _("乡镇（街道）")
    VILLAGE = "village", _("村（社区）")


class Side(models.TextChoices):
    EAST = "east", _("东部（帮扶方）")
    WEST = "west", _("西部（受援方）")


# How many leading digits of a 12-digit statistical division code identify an area of each level;
# every area below it shares that prefix (GB/T 2260 + the statistics bureau's 12-digit extension).
PREFIX_LENGTH = {
    Level.PROVINCE: 2,
    Level.CITY: 4,
    Level.COUNTY: 6,
    Level.TOWNSHIP: 9,
    Level.VILLAGE: 12,
}
LEVEL_ORDER = [Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]
