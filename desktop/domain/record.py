"""Record: an immutable value with equality, hashing, a repr and `replaced()`, by its fields.

What a frozen dataclass gives, for the classes the app makes before its first paint (Item,
TimeEntry): making a dataclass costs ~3.6 M instructions at import, and the dataclasses module
~11.6 M more (it loads inspect), ~2% of the whole start
(tests/bench/bench_startup_instructions.py). Subclasses list their fields in `__slots__` (and
`_fields`) and set them in `__init__` with `_assign`, in that order.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Record:
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _assign(self, *values: Any) -> None:
        """Set every field, in `_fields` order (what a frozen dataclass's __init__ does; as
        fast as a dataclass's: ~1.6 us for Item's ten fields)."""
        set_ = object.__setattr__
        for name, value in zip(self._fields, values, strict=True):
            set_(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def replaced(self, **changes: Any) -> Self:
        """A copy with `changes` (checked by the class's __init__, as dataclasses.replace)."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**{**dict(zip(self._fields, self._values(), strict=True)), **changes})

    def __eq__(self, other: object) -> bool:
        if other is self:  # the picker compares each result row with the one shown before
            return True
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(),
                                                                       strict=True))
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only (cannot delete {name!r})")
