"""The sandbox org: records with Salesforce's write semantics, describe, query and replication.

Every public method is safe to call from the HTTP server's threads: one re-entrant lock guards
mutations and the taking of query snapshots. Stored rows are replaced, never changed in place.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from desktop.sandbox import describe as describing
from desktop.sandbox.clock import Clock
from desktop.sandbox.errors import SandboxError, bad_request, not_found
from desktop.sandbox.ids import MalformedIdError, normalize
from desktop.sandbox.objects import CASE_STATUSES, OPPORTUNITY_STAGES, TASK_STATUSES, build_schema
from desktop.sandbox.records import RecordStore, same_key
from desktop.sandbox.replication import Replication
from desktop.sandbox.rules import RecordRules, StatusTables
from desktop.sandbox.schema import FieldInfo, ObjectInfo, PicklistEntry
from desktop.sandbox.users import API_PASSWORD, API_SECURITY_TOKEN, API_USERNAME, User
from desktop.sandbox.validation import FieldWriter, check_required
from desktop.sandbox.values import to_json

__all__ = ["Org", "SandboxError", "User"]

log = logging.getLogger(__name__)

DEFAULT_API_VERSION = describing.DEFAULT_API_VERSION
_EXTERNAL_ID_MISSING = "Provided external ID field does not exist or is not accessible: {}"


class Org:
    """One Salesforce org held in memory. See SANDBOX_CONTRACT.md for the API."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        self.schema = build_schema()
        self.created_at = self.clock.now()
        self._lock = threading.RLock()
        self._store = RecordStore(self.schema)
        self._statuses = StatusTables(self._store)
        self._rules = RecordRules(self._store, self._statuses)
        self._writer = FieldWriter(self._store, self.picklist_entries)
        self._hidden: set[str] = set()
        self._users: dict[str, User] = {}
        self._replication = Replication(
            self._store, self._lock, self.clock, self.created_at,
            lambda record_id: self._is_visible(record_id, self.api_user),
        )
        self.org_id = self._store.ids.new_id("00D")
        self.api_user = self.add_user(
            API_USERNAME, "Stint", "User", password=API_PASSWORD,
            security_token=API_SECURITY_TOKEN, title="Consultant",
        )
        self._load_setup_tables()

    # -- users ------------------------------------------------------------------------------
    def add_user(self, username: str, first_name: str, last_name: str, *, password: str,
                 security_token: str, email: str | None = None, title: str | None = None,
                 api_enabled: bool = True) -> User:
        """A new active user (also a User row, so OwnerId lookups and Owner.Name work)."""
        with self._lock:
            info = self.schema.sobject("User")
            row = self._new_row(info, None, self.clock.now())
            user_id = row["Id"] = self._store.ids.new_id(info.key_prefix)
            for name in ("CreatedById", "LastModifiedById"):
                row[name] = user_id if self._users == {} else self.api_user.id
            email = email or username
            row.update(Username=username, FirstName=first_name, LastName=last_name,
                       Name=f"{first_name} {last_name}", Alias=(first_name[:1] + last_name)[:8],
                       Email=email, Title=title, IsActive=True)
            self._store.insert("User", row)
            user = User(user_id, username, password, security_token, row["Name"], email, api_enabled)
            self._users[user_id] = user
            return user

    def user_by_username(self, username: str) -> User | None:
        wanted = username.lower()
        return next((u for u in self._users.values() if u.username.lower() == wanted), None)

    def user_by_id(self, user_id: str) -> User | None:
        try:
            return self._users.get(normalize(user_id))
        except MalformedIdError:
            return None

    @property
    def users(self) -> list[User]:
        return list(self._users.values())

    def set_api_enabled(self, username: str, enabled: bool) -> None:
        user = self.user_by_username(username)
        if user is None:
            raise KeyError(username)
        user.api_enabled = enabled

    # -- setup data -------------------------------------------------------------------------
    def _load_setup_tables(self) -> None:
        now = self.clock.now()
        for order, (label, closed, won, probability) in enumerate(OPPORTUNITY_STAGES, 1):
            forecast = "Closed" if won else "Omitted" if closed else "Pipeline"
            self._insert_setup("OpportunityStage", now, MasterLabel=label, ApiName=label,
                               SortOrder=order, IsActive=True, IsClosed=closed, IsWon=won,
                               DefaultProbability=probability, ForecastCategoryName=forecast)
        for sobject, statuses in (("CaseStatus", CASE_STATUSES), ("TaskStatus", TASK_STATUSES)):
            for order, (label, closed, default) in enumerate(statuses, 1):
                self._insert_setup(sobject, now, MasterLabel=label, ApiName=label,
                                   SortOrder=order, IsClosed=closed, IsDefault=default)

    def _insert_setup(self, sobject: str, now: datetime, **values) -> None:
        info = self.schema.sobject(sobject)
        row = self._new_row(info, self.api_user, now)
        row.update(values)
        row["Id"] = self._store.ids.new_id(info.key_prefix)
        self._store.insert(sobject, row)

    def picklist_entries(self, field: FieldInfo) -> list[PicklistEntry]:
        """A picklist's values; stage and status picklists read their setup table."""
        if field.picklist_source is None:
            return list(field.picklist)
        return [
            PicklistEntry(row["MasterLabel"], row["MasterLabel"], row.get("IsActive", True),
                          bool(row.get("IsDefault")))
            for row in self._statuses.ordered(field.picklist_source)
        ]

    # -- describe ---------------------------------------------------------------------------
    def describe_global(self, api_version: str = DEFAULT_API_VERSION) -> dict:
        return describing.describe_global(self.schema, api_version)

    def sobject_info(self, sobject: str, api_version: str = DEFAULT_API_VERSION) -> dict:
        info = self._object(sobject)
        return {"objectDescribe": describing.global_entry(info, api_version), "recentItems": []}

    def describe(self, sobject: str, api_version: str = DEFAULT_API_VERSION) -> dict:
        info = self._object(sobject)
        with self._lock:
            return describing.describe_object(info, self.picklist_entries, api_version)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or none: every record change made in the block is undone if the block raises.

        Holds the org's lock for the whole block (composite allOrNone requests)."""
        with self._lock:
            checkpoint = self._store.checkpoint()
            hidden = set(self._hidden)
            try:
                yield
            except BaseException:
                self._store.restore(checkpoint)
                self._hidden = hidden
                raise

    # -- records ----------------------------------------------------------------------------
    def create(self, sobject: str, values: dict, user: User) -> str:
        with self._lock:
            info = self._object(sobject, operation="create")
            converted = self._writer.convert(info, values, creating=True,
                                             is_visible=self._visibility(user))
            now = self.clock.now()
            row = self._new_row(info, user, now)
            row.update(converted)
            self._finish_write(info, row, None, set(converted), now)
            row["Id"] = self._store.ids.new_id(info.key_prefix)
            self._store.insert(info.name, row)
            log.debug("created %s %s", info.name, row["Id"])
            return row["Id"]

    def update(self, sobject: str, record_id: str, values: dict, user: User) -> None:
        with self._lock:
            info = self._object(sobject, operation="update")
            old = self._visible_row(info, record_id, user)
            body = {k: v for k, v in values.items() if not self._is_own_id(k, v, old["Id"])}
            converted = self._writer.convert(info, body, creating=False,
                                             is_visible=self._visibility(user))
            now = self.clock.now()
            row = {**old, **converted}
            self._finish_write(info, row, old, set(converted), now)
            row.update(LastModifiedDate=now, SystemModstamp=now, LastModifiedById=user.id)
            self._store.replace(row)

    def upsert(self, sobject: str, external_field: str, external_value: str, values: dict,
               user: User) -> tuple[str, bool]:
        with self._lock:
            info = self._object(sobject)
            field = info.field(external_field)
            if field is None or not (field.external_id or field.name == "Id"):
                raise not_found(_EXTERNAL_ID_MISSING.format(external_field))
            if field.name == "Id":
                self.update(sobject, external_value, values, user)
                return normalize(external_value), False
            body = {k: v for k, v in values.items() if k.lower() != field.name.lower()}
            matches = [row for row in self._store.table(info.name).values()
                       if not row["IsDeleted"] and same_key(row[field.name], external_value)
                       and self._is_visible(row["Id"], user)]
            if len(matches) > 1:
                raise SandboxError(300, "MULTIPLE_CHOICES",
                                   f"{field.name} {external_value} matches more than one record")
            if matches:
                self.update(info.name, matches[0]["Id"], body, user)
                return matches[0]["Id"], False
            return self.create(info.name, {**body, field.name: external_value}, user), True

    def delete(self, sobject: str, record_id: str, user: User) -> None:
        """Move the record, and the activities that cascade with it, to the recycle bin."""
        with self._lock:
            info = self._object(sobject, operation="delete")
            row = self._visible_row(info, record_id, user)
            now = self.clock.now()
            cascaded = self._store.cascade_children(info, row["Id"])
            for victim in [row, *cascaded]:
                self._store.replace({**victim, "IsDeleted": True, "SystemModstamp": now})
                self._store.deleted_at[victim["Id"]] = now
            self._store.deleted_with[row["Id"]] = [child["Id"] for child in cascaded]

    def undelete(self, record_id: str) -> None:
        """Restore a record from the recycle bin, with what was cascade-deleted along with it."""
        with self._lock:
            self._replication.purge_recycle_bin()
            found = self._found(record_id)
            if found is None:
                raise not_found()
            sobject, row = found
            if not row["IsDeleted"]:
                raise bad_request("UNDELETE_FAILED", "Entity is not in the recycle bin")
            info = self.schema.sobject(sobject)
            self._check_unique(info, {**row, "IsDeleted": False})
            now = self.clock.now()
            restored = [row["Id"], *self._store.deleted_with.pop(row["Id"], [])]
            for victim_id in restored:
                _, victim = self._store.get(victim_id)
                if victim["IsDeleted"]:
                    self._store.replace({**victim, "IsDeleted": False, "SystemModstamp": now,
                                         "LastModifiedDate": now})
                    self._store.deleted_at.pop(victim_id, None)

    def retrieve(self, sobject: str, record_id: str, fields: list[str] | None, user: User,
                 api_version: str = DEFAULT_API_VERSION) -> dict:
        with self._lock:
            info = self._object(sobject)
            row = self._visible_row(info, record_id, user)
        if fields is None:
            selected = info.fields
        else:
            selected = []
            for name in fields:
                field = info.field(name.strip())
                if field is None:
                    raise bad_request("INVALID_FIELD", _no_such_column(name.strip(), info.name))
                selected.append(field)
        return self.record_json(info, row, selected, api_version)

    def stored(self, record_id: str) -> dict | None:
        """A copy of the stored row (deleted and hidden ones included), for tests and tools:
        {canonical field name: stored Python value}; None if there is no such record."""
        with self._lock:
            found = self._found(record_id)
        return dict(found[1]) if found else None

    @staticmethod
    def record_json(info: ObjectInfo, row: dict, fields: Iterable[FieldInfo],
                    api_version: str = DEFAULT_API_VERSION) -> dict:
        body: dict = {"attributes": {
            "type": info.name,
            "url": f"/services/data/v{api_version}/sobjects/{info.name}/{row['Id']}",
        }}
        for field in fields:
            body[field.name] = to_json(field.type, row[field.name])
        return body

    # -- write helpers ----------------------------------------------------------------------
    def _new_row(self, info: ObjectInfo, user: User | None, now: datetime) -> dict:
        """A row with system fields and defaults filled in, before the caller's values."""
        row = self._store.blank_row(info)
        row.update(IsDeleted=False, CreatedDate=now, LastModifiedDate=now, SystemModstamp=now)
        if user is not None:
            row.update(CreatedById=user.id, LastModifiedById=user.id)
            if "OwnerId" in row:
                row["OwnerId"] = user.id
        for field in info.fields:
            if field.type == "boolean" and row[field.name] is None:
                row[field.name] = bool(field.default_value)
            elif field.type == "picklist":
                default = next((e.value for e in self.picklist_entries(field) if e.default), None)
                if default is not None:
                    row[field.name] = default
        return row

    def _finish_write(self, info: ObjectInfo, row: dict, old: dict | None, provided: set[str],
                      now: datetime) -> None:
        for field in info.fields:
            if field.type == "boolean" and row[field.name] is None:
                row[field.name] = False  # Salesforce stores a null checkbox as false
        check_required(info, row)
        self._rules.apply(info.name, row, old, provided, now)
        self._check_unique(info, row)

    def _check_unique(self, info: ObjectInfo, row: dict) -> None:
        clash = self._store.unique_clash(info, row)
        if clash is not None:
            field_name, other_id = clash
            raise bad_request("DUPLICATE_VALUE", f"duplicate value found: {field_name} "
                              f"duplicates value on record with id: {other_id}")

    @staticmethod
    def _is_own_id(key: str, value: object, record_id: str) -> bool:
        """An "Id" in an update body naming the record itself is allowed and ignored."""
        if key.lower() != "id":
            return False
        try:
            return normalize(value) == record_id
        except MalformedIdError:
            return False

    # -- lookups ----------------------------------------------------------------------------
    def _object(self, sobject: str, operation: str | None = None) -> ObjectInfo:
        info = self.schema.sobject(sobject)
        if info is None:
            raise not_found()
        allowed = {None: True, "create": info.createable, "update": info.updateable,
                   "delete": info.deletable}[operation]
        if not allowed:
            raise bad_request("INVALID_TYPE_FOR_OPERATION",
                              f"entity type {info.name} does not support {operation}")
        return info

    def _found(self, record_id: str) -> tuple[str, dict] | None:
        try:
            return self._store.get(normalize(record_id))
        except MalformedIdError:
            return None

    def _visible_row(self, info: ObjectInfo, record_id: str, user: User) -> dict:
        """The live row of this object the user can see, or the 404 Salesforce answers."""
        try:
            found = self._store.get(normalize(record_id))
        except MalformedIdError:
            raise not_found(_EXTERNAL_ID_MISSING.format(record_id)) from None
        if found is None or found[0] != info.name or not self._is_visible(found[1]["Id"], user):
            raise not_found()
        if found[1]["IsDeleted"]:
            raise SandboxError(404, "ENTITY_IS_DELETED", "entity is deleted")
        return found[1]

    def _is_visible(self, record_id: str, user: User | None) -> bool:
        """Hidden records are out of the api user's sharing; other users still see them."""
        return record_id not in self._hidden or user is None or user.id != self.api_user.id

    def _visibility(self, user: User):
        return lambda record_id: self._is_visible(record_id, user)

    def set_hidden(self, record_id: str, hidden: bool) -> None:
        with self._lock:
            found = self._found(record_id)
            if found is None:
                raise not_found()
            (self._hidden.add if hidden else self._hidden.discard)(found[1]["Id"])

    # -- query ------------------------------------------------------------------------------
    def query(self, soql: str, *, include_deleted: bool, user: User,
              api_version: str = DEFAULT_API_VERSION, lazy: bool = False
              ) -> tuple[int, Sequence[dict]]:
        """(totalSize, every record as JSON); the HTTP layer pages them (`lazy`: each record
        projected when its page is read, see soql/projection.ProjectedRows)."""
        from desktop.sandbox.queries import QuerySnapshot, run_query

        if include_deleted:
            self._replication.purge_recycle_bin()
        snapshot = QuerySnapshot(self._store, self._lock, self._visibility(user))
        return run_query(self.schema, snapshot, soql, include_deleted=include_deleted,
                         api_version=api_version, lazy=lazy)

    # -- replication ------------------------------------------------------------------------
    def updated(self, sobject: str, start: datetime, end: datetime) -> dict:
        """Ids of the api user's records whose SystemModstamp is in [start, end]."""
        return self._replication.updated(self._object(sobject).name, start, end)

    def deleted(self, sobject: str, start: datetime, end: datetime) -> dict:
        """Recycle-bin records of the api user deleted in [start, end]."""
        return self._replication.deleted(self._object(sobject).name, start, end)


def _no_such_column(name: str, sobject: str) -> str:
    return (f"No such column '{name}' on entity '{sobject}'. If you are attempting to use a "
            "custom field, be sure to append the '__c' after the custom field name. Please "
            "reference your WSDL or the describe call for the appropriate names.")
