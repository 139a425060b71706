"""Field-level checks of a write: known and writable fields, value types, lengths, picklists,
references and required fields, failing with the error codes and messages Salesforce uses."""

from __future__ import annotations

from collections.abc import Callable

from desktop.sandbox import values as value_codec
from desktop.sandbox.errors import bad_request
from desktop.sandbox.ids import MalformedIdError, normalize
from desktop.sandbox.records import RecordStore
from desktop.sandbox.schema import TEXT_TYPES, FieldInfo, ObjectInfo, PicklistEntry

PicklistLookup = Callable[[FieldInfo], list[PicklistEntry]]


class FieldWriter:
    """Turns a JSON-ish write body into stored values, or raises the Salesforce error."""

    def __init__(self, store: RecordStore, picklist_entries: PicklistLookup) -> None:
        self._store = store
        self._picklist_entries = picklist_entries

    def convert(self, info: ObjectInfo, body: dict, *, creating: bool,
                is_visible: Callable[[str], bool]) -> dict:
        """{canonical name: stored value} for the fields of `body`.

        `is_visible(id)` says whether the writing user may see a referenced record.
        """
        if not isinstance(body, dict):
            raise bad_request("JSON_PARSER_ERROR",
                              "Cannot deserialize instance of " + info.name + " from non-object value")
        fields: list[tuple[FieldInfo, object]] = []
        read_only: list[str] = []
        for key, raw in body.items():
            if key == "attributes":
                continue  # the type marker of composite bodies, not a field
            field = info.field(key)
            if field is None:
                raise bad_request(
                    "INVALID_FIELD", f"No such column '{key}' on sobject of type {info.name}"
                )
            writable = field.writable_on_create if creating else field.writable_on_update
            if not writable:
                read_only.append(field.name)
            fields.append((field, raw))
        if read_only:
            verb = "create" if creating else "update"
            raise bad_request(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                f"Unable to {verb} fields: {', '.join(read_only)}. Please check the security "
                "settings of this field and verify that it is read/write for your profile or "
                "permission set.",
                read_only,
            )
        converted = {}
        for field, raw in fields:
            converted[field.name] = self._convert_value(field, raw, is_visible)
        return converted

    def _convert_value(self, field: FieldInfo, raw: object,
                       is_visible: Callable[[str], bool]) -> object:
        try:
            value = value_codec.from_json(field, raw)
        except value_codec.FieldValueError as exc:
            raise bad_request("JSON_PARSER_ERROR", exc.message) from None
        if value is None:
            return None
        if field.type in TEXT_TYPES and field.length and len(value) > field.length:
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise bad_request(
                "STRING_TOO_LONG",
                f"{field.label}: data value too large: {shown} (max length={field.length})",
                [field.name],
            )
        if field.type == "picklist" and field.restricted_picklist:
            allowed = {e.value for e in self._picklist_entries(field) if e.active}
            if value not in allowed:
                raise bad_request(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    f"{field.label}: bad value for restricted picklist field: {value}",
                    [field.name],
                )
        if field.type == "reference":
            value = self._check_reference(field, value, is_visible)
        return value

    def _check_reference(self, field: FieldInfo, value: str,
                         is_visible: Callable[[str], bool]) -> str:
        try:
            record_id = normalize(value)
        except MalformedIdError:
            raise bad_request(
                "MALFORMED_ID", f"{field.label}: id value of incorrect type: {value}", [field.name]
            ) from None
        found = self._store.get(record_id)
        target = found[0] if found else self._sobject_for_prefix(record_id)
        if target is not None and target not in field.reference_to:
            raise bad_request(
                "FIELD_INTEGRITY_EXCEPTION",
                f"{field.label}: id value of incorrect type: {value}",
                [field.name],
            )
        if found is None:
            raise bad_request("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                              [field.name])
        if found[1]["IsDeleted"]:
            raise bad_request("ENTITY_IS_DELETED", "entity is deleted", [field.name])
        if not is_visible(record_id):
            raise bad_request("INVALID_CROSS_REFERENCE_KEY",
                              "insufficient access rights on cross-reference id", [field.name])
        return record_id

    def _sobject_for_prefix(self, record_id: str) -> str | None:
        info = self._store.schema.by_prefix(record_id[:3])
        return info.name if info else None


def check_required(info: ObjectInfo, row: dict) -> None:
    """REQUIRED_FIELD_MISSING for writable, non-nillable fields left empty."""
    missing = [
        f.name
        for f in info.fields
        if not f.nillable and f.createable and not f.derived and not f.auto_number
        and row.get(f.name) in (None, "")
    ]
    if missing:
        raise bad_request(
            "REQUIRED_FIELD_MISSING", f"Required fields are missing: [{', '.join(missing)}]", missing
        )
