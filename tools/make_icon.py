"""Draw XiuCity's application icon (a map pin stitched on cloth: 绣, embroidery) and write
``resources/icons/xiucity.png`` and the Windows ``xiucity.ico``.

    python tools/make_icon.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
CLOTH, THREAD, PIN, DOT = (22, 96, 110), (236, 214, 160), (200, 42, 48), (255, 255, 255)


def draw(size: int = 512) -> Image.Image:
    s = size / 512
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((16 * s, 16 * s, 496 * s, 496 * s), radius=96 * s, fill=CLOTH)
    # a running stitch around the cloth and a street grid of stitches
    for y in (150, 300, 420):
        for x in range(70, 450, 44):
            d.line((x * s, y * s, (x + 26) * s, y * s), fill=THREAD, width=max(1, int(10 * s)))
    for x in (140, 380):
        for y in range(70, 450, 44):
            d.line((x * s, y * s, x * s, (y + 26) * s), fill=THREAD, width=max(1, int(10 * s)))
    # the pin
    d.ellipse((176 * s, 96 * s, 336 * s, 256 * s), fill=PIN)
    d.polygon([(186 * s, 200 * s), (326 * s, 200 * s), (256 * s, 380 * s)], fill=PIN)
    d.ellipse((226 * s, 146 * s, 286 * s, 206 * s), fill=DOT)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(512)
    big.resize((256, 256), Image.LANCZOS).save(OUT / "xiucity.png")
    big.save(OUT / "xiucity.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
