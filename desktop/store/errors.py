"""Errors of the store layer."""


class StoreError(Exception):
    """The local database cannot be used; the message says why in plain words."""
