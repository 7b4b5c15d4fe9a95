"""Xiezuo (协作): East–West poverty-alleviation cooperation information system."""

__version__ = "0.1.0"
