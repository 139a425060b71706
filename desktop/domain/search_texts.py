"""What search matches against: each item's folded words, for every item of an ItemTable.

One bytes object holds, per position, " name words field words" (folded: lower case, no
accents; UTF-8, so one byte per letter for most text whatever the alphabet of the rest). An
item's parent part is its parent's own text, found through the table, not copied. " term"
found in a text means "at a word start"; bytes.find(x, start, end) looks at one item's text
(or only its name part) without slicing.
"""

from __future__ import annotations

from array import array

from desktop.domain.item_table import ItemTable
from desktop.domain.text import words


class SearchTexts:
    """The folded texts of every position of `table` (built once, shared by its indexes)."""

    def __init__(self, table: ItemTable) -> None:
        strings = table.strings
        folded: dict[int, bytes] = {0: b""}  # string number -> b" word word", shared texts

        def words_of(number: int) -> bytes:
            found = folded.get(number)
            if found is None:
                found = folded[number] = "".join(
                    " " + word for word in words(strings[number])  # type: ignore[arg-type]
                ).encode("utf-8", "surrogatepass")
            return found

        # position p's text is blob[starts[p]:starts[p + 1]], its name part ends at name_ends[p]
        blob = bytearray()  # grown in place: no list of 200,000 small bytes objects
        starts, name_ends = array("I", [0]), array("I")
        for position in range(len(table)):
            blob += words_of(table.name_number(position))
            name_ends.append(len(blob))
            numbers = table.field_numbers(position)
            for k in range(1, len(numbers), 2):
                blob += words_of(numbers[k])
            starts.append(len(blob))
        folded.clear()
        self.blob = bytes(blob)
        self.starts, self.name_ends = starts, name_ends

    def text(self, position: int) -> str:
        """" name words field words" of one position."""
        starts = self.starts
        return self.blob[starts[position] : starts[position + 1]].decode("utf-8", "surrogatepass")

    def name_words(self, position: int) -> str:
        """The folded name words, space-joined ("acme 500 widgets")."""
        return self.blob[self.starts[position] + 1 : self.name_ends[position]].decode(
            "utf-8", "surrogatepass"
        )

    def nbytes(self) -> int:
        return len(self.blob) + 4 * (len(self.starts) + len(self.name_ends))
