"""Writes the PIL reference images that PreprocessorTest and ImageDecoderTest compare against.

make_fixtures.py runs it; alone, run it from the project root with Debian's Python (python3-pil, python3-numpy):
    /usr/bin/python3 src/test/python/make_resize_fixture.py

Everything goes to src/test/resources/org/convnetexplorer/images/ as lossless PNG:
  noise-WxH.png         random RGB inputs (numpy seed 0), written here
  NAME.input224.png     the 224x224 RGB crop torchvision's preprocessing (as the PyTorch peer does)
                        feeds the network: convert("RGB"), shorter side to 224 with
                        Image.BILINEAR (Python round), center crop 224
  rgba.gray160.png      the gray 160x160 input of a one-channel network: rgba.png placed as above
                        at 160, then convert("L") (torchvision's Grayscale)
  rgba.99x66.png        rgba.png converted to RGB and resized to 99x66 with Image.BILINEAR
  NAME.rgb.png          PIL's decode of small edge cases, converted to RGB (first frame or page),
                        and of the CMYK JPEG
  ycck.rgb.png          the same for ycck.jpg, a 32x32 Adobe YCCK JPEG (transform 2) in four
                        uniform quadrants, written once with javax.imageio's JPEG writer from
                        a 4-band raster (PIL cannot write YCCK); it is committed, not made here
"""
import os

import numpy as np
from PIL import Image

OUT = "src/test/resources/org/convnetexplorer/images"
EDGE_CASES = "src/test/fixtures/images/edge-cases"
SIZE = 224


def peer_input(image, size=SIZE):
    """The peer's preprocessing up to the uint8 crop (before the float normalization)."""
    image = image.convert("RGB")
    s = size / min(image.size)
    w, h = max(size, round(image.width * s)), max(size, round(image.height * s))
    image = image.resize((w, h), Image.BILINEAR)
    x0, y0 = (w - size) // 2, (h - size) // 2
    return image.crop((x0, y0, x0 + size, y0 + size))


def gray_input():
    # saved as RGB: Java reads a gray PNG through a linear colour space, which shifts its levels
    peer_input(Image.open(f"{EDGE_CASES}/rgba.png"), 160).convert("L").convert("RGB").save(f"{OUT}/rgba.gray160.png")


def main():
    rng = np.random.default_rng(0)
    # 97x61 and 61x300 scale up along both axes, 50x40 too; rgba.png and cell.png scale down.
    for width, height in [(97, 61), (61, 300), (50, 40)]:
        name = f"noise-{width}x{height}"
        noise = Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8), "RGB")
        noise.save(f"{OUT}/{name}.png")
        peer_input(noise).save(f"{OUT}/{name}.input224.png")
    for name in ["rgba", "cell"]:
        peer_input(Image.open(f"{EDGE_CASES}/{name}.png")).save(f"{OUT}/{name}.input224.png")
    gray_input()
    rgba = Image.open(f"{EDGE_CASES}/rgba.png").convert("RGB")
    rgba.resize((99, 66), Image.BILINEAR).save(f"{OUT}/rgba.99x66.png")
    for name in ["foo3x5x4indexed.png", "palette_color.png", "palette_gray.png", "one-pixel.png",
                 "no_time_for_that_tiny.gif", "multipage.tif", "blobs_3d_skeleton.tif", "cmyk.jpg"]:
        stem = os.path.splitext(name)[0]
        Image.open(f"{EDGE_CASES}/{name}").convert("RGB").save(f"{OUT}/{stem}.rgb.png")
    Image.open(f"{OUT}/ycck.jpg").convert("RGB").save(f"{OUT}/ycck.rgb.png")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"wrote {OUT}: {total} bytes in all")


if __name__ == "__main__":
    main()
