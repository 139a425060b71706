"""The sandbox org's metadata: objects and fields, with what describe() and the SOQL compiler need.

Implements the Schema/ObjectInfo/FieldInfo protocol of the sandbox contract. Lookups by name are
case-insensitive, as in Salesforce; the stored names are the canonical API names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# The SOAP type describe() reports for each field type.
SOAP_TYPES = {
    "id": "tns:ID",
    "reference": "tns:ID",
    "boolean": "xsd:boolean",
    "int": "xsd:int",
    "double": "xsd:double",
    "currency": "xsd:double",
    "percent": "xsd:double",
    "date": "xsd:date",
    "datetime": "xsd:dateTime",
}
TEXT_TYPES = frozenset({"string", "textarea", "picklist", "email", "phone", "url", "combobox"})
NUMBER_TYPES = frozenset({"int", "double", "currency", "percent"})


@dataclass(frozen=True)
class PicklistEntry:
    value: str
    label: str
    active: bool = True
    default: bool = False


@dataclass
class FieldInfo:
    """One field of an object, with the attributes describe() reports."""

    name: str
    type: str
    label: str
    length: int = 0
    nillable: bool = True
    createable: bool = True
    updateable: bool = True
    # derived by the server (formula-like or system maintained): never writable
    derived: bool = False
    auto_number: bool = False
    external_id: bool = False
    unique: bool = False
    id_lookup: bool = False
    name_field: bool = False
    custom: bool = False
    reference_to: list[str] = field(default_factory=list)
    relationship_name: str | None = None
    # name of the child relationship on the referenced object(s) (e.g. "Opportunities")
    child_relationship_name: str | None = None
    cascade_delete: bool = False
    picklist: tuple[PicklistEntry, ...] = ()
    # the picklist's values come from the rows of this status object (e.g. "OpportunityStage")
    picklist_source: str | None = None
    restricted_picklist: bool = False
    default_value: object = None
    defaulted_on_create: bool = False
    precision: int = 0
    scale: int = 0
    digits: int = 0
    html_formatted: bool = False

    @property
    def soap_type(self) -> str:
        return SOAP_TYPES.get(self.type, "xsd:string")

    @property
    def required_on_create(self) -> bool:
        """A value must be supplied on create (not nillable and not defaulted by the server)."""
        return self.createable and not self.nillable and not self.defaulted_on_create

    @property
    def writable_on_create(self) -> bool:
        return self.createable and not self.derived and not self.auto_number

    @property
    def writable_on_update(self) -> bool:
        return self.updateable and not self.derived and not self.auto_number


@dataclass(frozen=True)
class ChildRelationship:
    child_sobject: str
    field: str
    relationship_name: str | None
    cascade_delete: bool


@dataclass
class ObjectInfo:
    """One sObject type."""

    name: str
    label: str
    label_plural: str
    key_prefix: str
    fields: list[FieldInfo]
    custom: bool = False
    createable: bool = True
    updateable: bool = True
    deletable: bool = True
    queryable: bool = True
    # filled in by Schema from the reference fields of every object
    child_relationships: list[ChildRelationship] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_lower = {f.name.lower(): f for f in self.fields}
        self._by_relationship = {
            f.relationship_name.lower(): f for f in self.fields if f.relationship_name
        }

    def field(self, name: str) -> FieldInfo | None:
        return self._by_lower.get(name.lower())

    def relationship(self, name: str) -> FieldInfo | None:
        return self._by_relationship.get(name.lower())

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def name_field(self) -> FieldInfo | None:
        return next((f for f in self.fields if f.name_field), None)

    def external_id_fields(self) -> list[FieldInfo]:
        return [f for f in self.fields if f.external_id]


class Schema:
    """Every object of the org, looked up case-insensitively by name or by key prefix."""

    def __init__(self, objects: Iterable[ObjectInfo]) -> None:
        self._objects = {o.name.lower(): o for o in objects}
        self._by_prefix: dict[str, ObjectInfo] = {}
        for info in self._objects.values():
            # several setup objects share a prefix (01J); the first one wins for lookups
            self._by_prefix.setdefault(info.key_prefix, info)
        self._link_child_relationships()

    def _link_child_relationships(self) -> None:
        for child in self._objects.values():
            for ref in child.fields:
                if ref.type != "reference" or not ref.child_relationship_name:
                    continue
                for target_name in ref.reference_to:
                    target = self.sobject(target_name)
                    if target is not None:
                        target.child_relationships.append(
                            ChildRelationship(
                                child.name,
                                ref.name,
                                ref.child_relationship_name,
                                ref.cascade_delete,
                            )
                        )

    def sobject(self, name: str) -> ObjectInfo | None:
        return self._objects.get(name.lower()) if isinstance(name, str) else None

    def by_prefix(self, prefix: str) -> ObjectInfo | None:
        return self._by_prefix.get(prefix)

    def __iter__(self) -> Iterator[ObjectInfo]:
        return iter(self._objects.values())

    @property
    def names(self) -> list[str]:
        return [o.name for o in self._objects.values()]
