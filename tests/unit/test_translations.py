"""The French translation (resources/translations/stint_fr.ts): in step with the code, complete,
and written the French way (issue 13, point 7).

- pyside6-lupdate over the package finds no text the .ts lacks (a new tr() must be translated);
- every text is translated, placeholders (%1, %n) and mnemonics (&) kept;
- French typography: a no-break space before : ; ? ! and inside « », no "..." (the ellipsis
  is one character, as everywhere in Stint, source texts included);
- the package build compiles it (setup.py, with PySide6's lrelease): see test_wheel_... below.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "stint_fr.ts"
NO_BREAK = ("\u00a0", "\u202f")
PLACEHOLDER = re.compile(r"%(?:\d|n)")


def messages() -> list[tuple[str, str, list[str], bool]]:
    """(context, source, translations, finished) of every message."""
    found = []
    for context in ElementTree.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [form.text or "" for form in translation.iter("numerusform")]
            texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            found.append((name, message.findtext("source"), texts, finished))
    return found


def lupdate(target: Path) -> None:
    sources = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "desktop").rglob("*.py")
                     if "sandbox" not in path.parts)
    listing = target.parent / "sources.txt"
    listing.write_text("\n".join(sources) + "\n")
    subprocess.run(
        [sys.executable, "-c", "from PySide6.scripts.pyside_tool import lupdate; lupdate()",
         f"@{listing}", "-locations", "none", "-no-obsolete", "-source-language", "en",
         "-target-language", "fr_FR", "-ts", str(target)],
        cwd=ROOT, check=True, capture_output=True,
    )


def test_the_translation_has_every_text_of_the_code(tmp_path):
    copy = tmp_path / "stint_fr.ts"
    shutil.copy(TS_FILE, copy)
    lupdate(copy)
    before = {(context, source) for context, source, _texts, _done in messages()}
    after = set()
    for context in ElementTree.parse(copy).getroot().iter("context"):
        for message in context.iter("message"):
            after.add((context.findtext("name"), message.findtext("source")))
    assert after - before == set(), "run the lupdate command of docs/translations.md"
    assert before - after == set(), "texts the code no longer has: run lupdate -no-obsolete"


def test_every_text_is_translated_with_its_placeholders_and_mnemonic():
    problems = []
    for context, source, texts, finished in messages():
        for text in texts:
            if not finished or not text:
                problems.append(f"{context}: {source!r} is not translated")
                continue
            wanted = sorted(PLACEHOLDER.findall(source))
            if sorted(PLACEHOLDER.findall(text)) != wanted and not (
                    len(texts) > 1 and sorted(PLACEHOLDER.findall(text)) == wanted):
                problems.append(f"{context}: {text!r} lacks the placeholders of {source!r}")
            if ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
                problems.append(f"{context}: {text!r} and {source!r} differ in mnemonic")
    assert not problems, "\n".join(problems)


def test_french_typography():
    problems = []
    for context, source, texts, _finished in messages():
        if "..." in source:
            problems.append(f"{context}: {source!r} has '...' instead of '…'")
        for text in texts:
            if "..." in text:
                problems.append(f"{context}: {text!r} has '...' instead of '…'")
            if '"' in text or "“" in text or "”" in text:
                problems.append(f"{context}: {text!r} quotes with \" instead of « »")
            for match in re.finditer(r"(.)([:;?!])(?=\s|$)", text):
                if match[1] not in NO_BREAK:
                    problems.append(f"{context}: {text!r} needs a no-break space before "
                                    f"{match[2]!r}")
            for match in re.finditer(r"«(.)|(.)»", text):
                if (match[1] or match[2]) not in NO_BREAK:
                    problems.append(f"{context}: {text!r} needs no-break spaces inside « »")
            if "'" in text and not re.search(r"'[^']*'", text):  # a QLocale pattern's quotes
                problems.append(f"{context}: {text!r} has ' instead of the apostrophe ’")
    assert not problems, "\n".join(problems)


def test_salesforce_objects_have_salesforce_s_own_french_names():
    names = {source: texts[0] for context, source, texts, _done in messages()
             if context == "SalesforceNames"}
    assert names["Opportunity"] == "Opportunité"
    assert names["Case"] == "Requête"
    assert names["Account"] == "Compte"
    assert names["Task"] == "Tâche"
    assert names["Event"] == "Événement"


@pytest.mark.slow
def test_wheel_built_from_the_sources_carries_the_compiled_translation(tmp_path):
    """`pip install .` builds a wheel: setup.py's step runs lrelease into it."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [wheel] = tmp_path.glob("stint_desktop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        compiled = archive.read("desktop/translations/stint_fr.qm")
    assert compiled.startswith(bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd"))  # .qm magic
