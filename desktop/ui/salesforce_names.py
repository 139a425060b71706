"""Salesforce's standard objects by the names its own interface gives them in the user's
language (Opportunity is "Opportunité" and Case "Requête" in Salesforce's French UI); other
objects (custom ones) keep their API name."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "SalesforceNames"
SOBJECT_NAMES = {
    "Account": QT_TRANSLATE_NOOP("SalesforceNames", "Account"),
    "Opportunity": QT_TRANSLATE_NOOP("SalesforceNames", "Opportunity"),
    "Case": QT_TRANSLATE_NOOP("SalesforceNames", "Case"),
    "Task": QT_TRANSLATE_NOOP("SalesforceNames", "Task"),
    "Event": QT_TRANSLATE_NOOP("SalesforceNames", "Event"),
    "Contact": QT_TRANSLATE_NOOP("SalesforceNames", "Contact"),
    "User": QT_TRANSLATE_NOOP("SalesforceNames", "User"),
}


def sobject_name(api_name: str) -> str:
    """"Opportunity" -> the object's name in the interface language."""
    source = SOBJECT_NAMES.get(api_name)
    return QCoreApplication.translate(_CONTEXT, source) if source is not None else api_name
