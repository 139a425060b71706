"""describe() and describeGlobal() bodies in the shape the REST API returns them."""

from __future__ import annotations

from collections.abc import Callable

from desktop.sandbox.schema import FieldInfo, ObjectInfo, PicklistEntry, Schema

PicklistLookup = Callable[[FieldInfo], list[PicklistEntry]]
DEFAULT_API_VERSION = "59.0"


def object_urls(info: ObjectInfo, api_version: str) -> dict:
    base = f"/services/data/v{api_version}/sobjects/{info.name}"
    return {
        "compactLayouts": f"{base}/describe/compactLayouts",
        "rowTemplate": f"{base}/{{ID}}",
        "approvalLayouts": f"{base}/describe/approvalLayouts",
        "defaultValues": f"{base}/defaultValues?recordTypeId&fields",
        "listviews": f"{base}/listviews",
        "describe": f"{base}/describe",
        "quickActions": f"{base}/quickActions",
        "layouts": f"{base}/describe/layouts",
        "sobject": base,
    }


def global_entry(info: ObjectInfo, api_version: str) -> dict:
    """One entry of describeGlobal's `sobjects` (also `objectDescribe` of GET sobjects/{O})."""
    return {
        "activateable": False,
        "associateEntityType": None,
        "associateParentEntity": None,
        "createable": info.createable,
        "custom": info.custom,
        "customSetting": False,
        "deepCloneable": False,
        "deletable": info.deletable,
        "deprecatedAndHidden": False,
        "feedEnabled": False,
        "hasSubtypes": False,
        "isInterface": False,
        "isSubtype": False,
        "keyPrefix": info.key_prefix,
        "label": info.label,
        "labelPlural": info.label_plural,
        "layoutable": info.createable,
        "mergeable": info.name in ("Account", "Contact", "Case"),
        "mruEnabled": info.createable,
        "name": info.name,
        "queryable": info.queryable,
        "replicateable": True,
        "retrieveable": True,
        "searchable": info.createable,
        "triggerable": info.createable,
        "undeletable": info.deletable,
        "updateable": info.updateable,
        "urls": object_urls(info, api_version),
    }


def describe_global(schema: Schema, api_version: str) -> dict:
    return {
        "encoding": "UTF-8",
        "maxBatchSize": 200,
        "sobjects": [global_entry(info, api_version) for info in schema],
    }


def describe_field(field: FieldInfo, picklist: list[PicklistEntry]) -> dict:
    is_text = field.soap_type == "xsd:string"
    writable = field.writable_on_create or field.writable_on_update
    return {
        "aggregatable": field.type not in ("textarea",),
        "autoNumber": field.auto_number,
        "byteLength": field.length * 3 if is_text or field.type in ("id", "reference") else 0,
        "calculated": False,
        "calculatedFormula": None,
        "cascadeDelete": False,
        "caseSensitive": False,
        "compoundFieldName": None,
        "controllerName": None,
        "createable": field.writable_on_create,
        "custom": field.custom,
        "defaultValue": _default_value(field, picklist),
        "defaultValueFormula": None,
        "defaultedOnCreate": field.defaulted_on_create,
        "dependentPicklist": False,
        "deprecatedAndHidden": False,
        "digits": field.digits,
        "displayLocationInDecimal": False,
        "encrypted": False,
        "externalId": field.external_id,
        "extraTypeInfo": None,
        "filterable": field.type != "textarea",
        "filteredLookupInfo": None,
        "groupable": field.type not in ("textarea", "double", "currency", "percent", "datetime"),
        "highScaleNumber": False,
        "htmlFormatted": field.html_formatted,
        "idLookup": field.id_lookup,
        "inlineHelpText": None,
        "label": field.label,
        "length": field.length if is_text else 0,
        "mask": None,
        "maskType": None,
        "name": field.name,
        "nameField": field.name_field,
        "namePointing": field.name == "OwnerId" or len(field.reference_to) > 1,
        "nillable": field.nillable,
        "permissionable": field.nillable and writable,
        "picklistValues": [
            {"active": e.active, "defaultValue": e.default, "label": e.label, "validFor": None,
             "value": e.value}
            for e in picklist
        ],
        "polymorphicForeignKey": len(field.reference_to) > 1,
        "precision": field.precision,
        "queryByDistance": False,
        "referenceTargetField": None,
        "referenceTo": list(field.reference_to),
        "relationshipName": field.relationship_name,
        "relationshipOrder": None,
        "restrictedDelete": False,
        "restrictedPicklist": field.restricted_picklist,
        "scale": field.scale,
        "searchPrefilterable": False,
        "soapType": field.soap_type,
        "sortable": field.type != "textarea",
        "type": field.type,
        "unique": field.unique,
        "updateable": field.writable_on_update,
        "writeRequiresMasterRead": False,
    }


def _default_value(field: FieldInfo, picklist: list[PicklistEntry]) -> object:
    if field.type == "boolean":
        return bool(field.default_value)
    return next((e.value for e in picklist if e.default), None)


def describe_object(info: ObjectInfo, picklists: PicklistLookup, api_version: str) -> dict:
    body = global_entry(info, api_version)
    body.update({
        "actionOverrides": [],
        "childRelationships": [
            {
                "cascadeDelete": rel.cascade_delete,
                "childSObject": rel.child_sobject,
                "deprecatedAndHidden": False,
                "field": rel.field,
                "junctionIdListNames": [],
                "junctionReferenceTo": [],
                "relationshipName": rel.relationship_name,
                "restrictedDelete": False,
            }
            for rel in info.child_relationships
        ],
        "compactLayoutable": info.createable,
        "defaultImplementation": None,
        "extendedBy": None,
        "extendsInterfaces": None,
        "fields": [describe_field(f, picklists(f)) for f in info.fields],
        "implementedBy": None,
        "implementsInterfaces": None,
        "listviewable": None,
        "lookupLayoutable": None,
        "namedLayoutInfos": [],
        "networkScopeFieldName": None,
        "recordTypeInfos": [
            {
                "active": True,
                "available": True,
                "defaultRecordTypeMapping": True,
                "developerName": "Master",
                "master": True,
                "name": "Master",
                "recordTypeId": "012000000000000AAA",
                "urls": {"layout": f"/services/data/v{api_version}/sobjects/{info.name}"
                                   "/describe/layouts/012000000000000AAA"},
            }
        ] if info.createable else [],
        "searchLayoutable": info.createable,
        "sobjectDescribeOption": "FULL",
        "supportedScopes": [{"label": "All " + info.label_plural, "name": "everything"}],
    })
    return body
