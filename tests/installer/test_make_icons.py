"""installer/make_icons.py: the app icon as hicolor PNGs, a Windows ICO and a macOS ICNS."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

from installer import make_icons

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    return struct.unpack(">II", data[16:24])  # IHDR width, height


def test_every_format_holds_each_size_drawn_from_the_svg(tmp_path):
    # In a process of its own: it makes a QGuiApplication, which must not be the one the
    # GUI tests in this worker then get.
    subprocess.run([sys.executable, make_icons.__file__, str(tmp_path)], check=True, timeout=120,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})

    for size in make_icons.LINUX_SIZES:
        png = tmp_path / f"hicolor/{size}x{size}/apps/io.stint.Stint.png"
        assert png_size(png.read_bytes()) == (size, size)

    ico = (tmp_path / "stint.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for index, size in enumerate(sorted(make_icons.ICO_SIZES)):
        width, height, _c, _r, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index: 22 + 16 * index])
        assert (width or 256, height or 256, planes, bits) == (size, size, 1, 32)
        assert png_size(ico[offset:offset + length]) == (size, size)

    icns = (tmp_path / "stint.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    position, found = 8, {}
    while position < len(icns):
        kind, length = icns[position:position + 4], struct.unpack(">I", icns[position + 4:position + 8])[0]
        found[kind] = png_size(icns[position + 8:position + length])
        position += length
    assert found == {kind: (size, size) for kind, size in make_icons.ICNS_TYPES}
