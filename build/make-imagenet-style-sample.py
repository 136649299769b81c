#!/usr/bin/python3
"""Writes samples/ImageNetStyle/data/images/<class>/<n>.jpg: a small synthetic image folder in ImageNet's shape.

Four classes of eight JPEGs each, of varied sizes around ImageNet's typical 500x375 (from 160x120 to 500x400, some
portrait), quality 85, 4:2:0. Each class is a kind of scene (a disc, stripes, a checkerboard, a triangle) in its own
colours, placed, sized and tinted per image over a gradient, so crops of it still show the class. Deterministic:
random.Random(seed) only, and PIL's encoder with fixed settings. Needs python3-pil (Debian: apt-get install python3-pil).

Usage: /usr/bin/python3 build/make-imagenet-style-sample.py [output-folder]
"""
import os
import random
import sys

from PIL import Image, ImageDraw

CLASSES = ["disc", "stripes", "checks", "triangle"]
PER_CLASS = 8
SIZES = [(500, 375), (375, 500), (320, 240), (500, 333), (160, 120), (400, 400), (240, 320), (480, 360)]


def gradient(width, height, top, bottom):
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return image


def scene(kind, width, height, rng):
    tint = rng.randint(-30, 30)
    def colour(base):
        return tuple(max(0, min(255, c + tint + rng.randint(-15, 15))) for c in base)

    image = gradient(width, height, colour((40, 60, 90)), colour((150, 160, 170)))
    draw = ImageDraw.Draw(image)
    size = rng.uniform(0.35, 0.7) * min(width, height)
    cx = rng.uniform(size / 2, width - size / 2)
    cy = rng.uniform(size / 2, height - size / 2)
    box = [cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2]
    if kind == "disc":
        draw.ellipse(box, fill=colour((220, 60, 40)), outline=colour((250, 200, 60)), width=6)
    elif kind == "stripes":
        step = max(6, int(size / 8))
        for i, x in enumerate(range(int(box[0]), int(box[2]), step)):
            draw.rectangle([x, box[1], x + step // 2, box[3]], fill=colour((40, 180, 70) if i % 2 else (230, 230, 80)))
    elif kind == "checks":
        step = max(6, int(size / 6))
        for i, x in enumerate(range(int(box[0]), int(box[2]), step)):
            for j, y in enumerate(range(int(box[1]), int(box[3]), step)):
                draw.rectangle([x, y, x + step - 1, y + step - 1], fill=colour((30, 30, 30) if (i + j) % 2 else (240, 240, 240)))
    else:
        draw.polygon([(cx, box[1]), (box[2], box[3]), (box[0], box[3])], fill=colour((70, 90, 220)), outline=colour((180, 220, 255)))
    return image


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "samples", "ImageNetStyle", "data", "images")
    rng = random.Random(20261206)
    total = 0
    for label, kind in enumerate(CLASSES):
        folder = os.path.join(out, kind)
        os.makedirs(folder, exist_ok=True)
        for n in range(PER_CLASS):
            width, height = SIZES[(n + label) % len(SIZES)]
            path = os.path.join(folder, f"{n}.jpg")
            scene(kind, width, height, rng).save(path, "JPEG", quality=85, subsampling=2, optimize=True)
            total += os.path.getsize(path)
    print(f"wrote {len(CLASSES) * PER_CLASS} JPEGs, {total} bytes, under {out}")


if __name__ == "__main__":
    main()
