#!/usr/bin/env python3
"""Gather licence-clean photos from installed Debian packages.

Usage (Debian's Python, needs python3-pil):

    apt-get install python3-pil python3-skimage mate-backgrounds \
        plasma-workspace-wallpapers ukui-wallpapers \
        lomiri-wallpapers-16.04 lomiri-wallpapers-20.04
    /usr/bin/python3 scripts/collect-demo-photos.py OUTDIR [--demo DEMODIR]

OUTDIR receives the training photos for scripts/train-demo-network.py:
for every source image a "full" view (longer side <= --max-side) and, for
large wallpapers, --crops crops cut at twice that resolution (finer detail,
same file size).  Names are SOURCE__VARIANT.jpg; the training script keeps
all variants of one SOURCE on the same side of its train/validation split.
OUTDIR/PROVENANCE.tsv lists each file with its package, package version,
original path, licence and copyright holder as stated in the package's
/usr/share/doc/PACKAGE/copyright (and, for KDE wallpapers, in the
wallpaper's own metadata.json).

With --demo DEMODIR it also writes the small demo images shipped in
src/demo/images/ (hand-picked list DEMO_LIST below, longer side <= 400 px) and
PROVENANCE.md beside DEMODIR (outside it, so a scan of DEMODIR finds images only).

Only files whose licence the package's copyright file states are used.
gnome-backgrounds is deliberately left out: its Debian copyright file
describes image files that the package no longer ships.
"""
import argparse
import fnmatch
import json
import os
import random
import re
import subprocess
import sys

from PIL import Image

SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"

# scikit-image sample images and the licence notes from their docstrings in
# skimage/data/_fetchers.py (the package as a whole is BSD-3-Clause).
# Images whose docstring states no licence (moon, page, logo, motorcycle,
# color, ...) are not used.
SKIMAGE = {
    "astronaut.png": ("Eileen Collins, NASA", "public domain (NASA)"),
    "camera.png": ("Lav Varshney", "CC0"),
    "brick.png": ("CC0Textures", "CC0"),
    "grass.png": ("CC0Textures", "CC0"),
    "gravel.png": ("CC0Textures", "CC0"),
    "text.png": ("Wikipedia File:Corner.png", "public domain"),
    "cell.png": ("", "CC0"),
    "coins.png": ("Brooklyn Museum", "no known copyright restrictions"),
    "horse.png": ("Andreas Preuss (marauder)", "CC0"),
    "clock_motion.png": ("Stefan van der Walt", "public domain"),
    "ihc.png": ("Center for Microscopy And Molecular Imaging (CMMI)",
                "no known copyright restrictions"),
    "chelsea.png": ("Stefan van der Walt", "CC0"),
    "coffee.png": ("Rachel Michetti", "CC0"),
    "hubble_deep_field.jpg": ("NASA", "public domain (NASA)"),
    "retina.jpg": ("Mikael Häggström (Wikimedia Commons)", "CC0"),
    "rocket.jpg": ("SpaceX", "public domain (SpaceX)"),
}

WALLPAPER_PACKAGES = ["mate-backgrounds", "plasma-workspace-wallpapers",
                      "ukui-wallpapers", "lomiri-wallpapers-16.04",
                      "lomiri-wallpapers-20.04"]
SHORT = {"python3-skimage": "skimage", "mate-backgrounds": "mate",
         "plasma-workspace-wallpapers": "plasma", "ukui-wallpapers": "ukui",
         "lomiri-wallpapers-16.04": "lomiri", "lomiri-wallpapers-20.04": "lomiri"}

def sh(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def pkg_version(pkg):
    return sh("dpkg-query", "-W", "-f", "${Version}", pkg).strip()


def pkg_files(pkg):
    return [l for l in sh("dpkg", "-L", pkg).splitlines()
            if l.lower().endswith((".jpg", ".jpeg", ".png"))
            and "/doc/" not in l and "screenshot" not in l]


def read_dep5(pkg):
    """Parse /usr/share/doc/PKG/copyright (DEP-5) into [(patterns, copyright, licence)]."""
    text = open(f"/usr/share/doc/{pkg}/copyright", encoding="utf-8").read()
    stanzas = []
    for block in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for line in block.splitlines():
            m = re.match(r"^([A-Za-z-]+):\s*(.*)$", line)
            if m and not line.startswith(" "):
                key = m.group(1).lower()
                fields[key] = m.group(2).strip()
            elif key and line.startswith((" ", "\t")):
                fields[key] += "\n" + line.strip()
        if "files" in fields:
            pats = fields["files"].split()
            holder = " / ".join(l.strip() for l in fields.get("copyright", "").splitlines() if l.strip())
            lic = fields.get("license", "").splitlines()[0].strip() if fields.get("license") else ""
            stanzas.append((pats, holder, lic))
    return stanzas


def dep5_lookup(stanzas, path):
    """Last matching stanza wins, as in DEP-5.  Installed paths differ from
    source-tree paths, so match on the trailing path components."""
    found = None
    for pats, holder, lic in stanzas:
        for p in pats:
            n = p.count("/") + 1
            tail = "/".join(path.split("/")[-n:])
            base = os.path.basename(p)
            if fnmatch.fnmatch(tail, p) or (
                    # the package installs the file without the source folder
                    not any(c in base for c in "*?[") and os.path.basename(path) == base):
                found = (holder, lic)
    return found


def plasma_metadata(path):
    """Author and licence from a KDE wallpaper's metadata.json."""
    meta = os.path.join(path.split("/contents/")[0], "metadata.json")
    try:
        k = json.load(open(meta, encoding="utf-8"))["KPlugin"]
    except (OSError, KeyError, ValueError):
        return "", ""
    authors = ", ".join(a.get("Name", "") for a in k.get("Authors", []))
    return authors, k.get("License", "")


def list_sources():
    """[(source id, package, original path, copyright holder, licence)]"""
    out = []
    v = "python3-skimage"
    for name, (author, lic) in SKIMAGE.items():
        path = os.path.join(SKIMAGE_DATA, name)
        if os.path.exists(path):
            out.append(("skimage-" + name.rsplit(".", 1)[0], v, path, author,
                        lic + "; package BSD-3-Clause"))
    for pkg in WALLPAPER_PACKAGES:
        stanzas = read_dep5(pkg)
        files = sorted(pkg_files(pkg))
        if pkg == "plasma-workspace-wallpapers":
            # one entry per wallpaper: its largest light-theme image
            by_wp = {}
            for f in files:
                if "/contents/images/" not in f or os.path.islink(f):
                    continue  # (older KDE wallpapers link all sizes to one file)
                w, h = Image.open(f).size
                wp = f.split("/wallpapers/")[1].split("/")[0]
                if w >= h and (wp not in by_wp or w * h > by_wp[wp][0]):
                    by_wp[wp] = (w * h, f)
            files = sorted(f for _, f in by_wp.values())
        if pkg == "mate-backgrounds":
            # Elephants.jpg ships in three sizes: keep the largest
            files = [f for f in files if not re.search(r"Elephants(_3840x2160)?\.jpg$", f)]
        for f in files:
            hit = dep5_lookup(stanzas, f)
            if not hit or not hit[1]:
                continue  # no licence stated for this file: skip it
            holder, lic = hit
            if pkg == "plasma-workspace-wallpapers":
                author, up_lic = plasma_metadata(f)
                wp = f.split("/wallpapers/")[1].split("/")[0]
                sid = "plasma-" + wp
                if author:
                    holder = author + " (KDE Visual Design Group)"
                if up_lic:
                    lic = f"{lic} (Debian copyright); upstream metadata.json: {up_lic}"
            else:
                sid = SHORT[pkg] + "-" + os.path.basename(f).rsplit(".", 1)[0]
            out.append((sid, pkg, f, holder, lic))
    return out


def load_rgb(path):
    im = Image.open(path)
    im.load()
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (128, 128, 128, 255))
        im = Image.alpha_composite(bg, im)
    return im.convert("RGB")


def fit(im, max_side):
    w, h = im.size
    s = max_side / max(w, h)
    if s >= 1:
        return im
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), Image.LANCZOS)


def collect(outdir, max_side, n_crops, seed):
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(seed)
    versions = {}
    rows = []
    for sid, pkg, path, holder, lic in list_sources():
        versions.setdefault(pkg, pkg_version(pkg))
        im = load_rgb(path)
        variants = [("full", fit(im, max_side), "whole image, resized")]
        # Large originals: also crops at twice the resolution of the full view,
        # so that the network sees fine detail (edges, texture) too.
        big = fit(im, 2 * max_side)
        if n_crops and max(big.size) >= 1.8 * max_side:
            W, H = big.size
            cw, ch = min(W, max_side), min(H, max_side * 5 // 8)
            for i in range(n_crops):
                x0, y0 = rng.randint(0, W - cw), rng.randint(0, H - ch)
                variants.append((f"c{i + 1}", big.crop((x0, y0, x0 + cw, y0 + ch)),
                                 f"crop {cw}x{ch} at ({x0},{y0}) of the image resized to {W}x{H}"))
        for var, vim, note in variants:
            name = f"{sid}__{var}.jpg"
            vim.save(os.path.join(outdir, name), quality=90)
            rows.append((name, pkg, versions[pkg], path, lic, holder, note))
    with open(os.path.join(outdir, "PROVENANCE.tsv"), "w", encoding="utf-8") as f:
        f.write("file\tpackage\tversion\toriginal\tlicence\tcopyright\tnote\n")
        for r in rows:
            f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in r) + "\n")
    print(f"{len(rows)} photos from {len(set(r[3] for r in rows))} originals -> {outdir}")


def demo(demodir, max_side=400):
    os.makedirs(demodir, exist_ok=True)
    src = {path: (pkg, holder, lic) for _, pkg, path, holder, lic in list_sources()}
    lines = ["# Demo images: provenance",
             "",
             "Made by `scripts/collect-demo-photos.py OUTDIR --demo src/demo/images`",
             "from images shipped in Debian 12 packages (resized so the longer side is",
             f"at most {max_side} px, some cropped; JPEG quality 85). Licences and copyright",
             "holders as stated in each package's `/usr/share/doc/PACKAGE/copyright`",
             "(KDE wallpapers: also their `metadata.json`; scikit-image: the image's",
             "docstring in `skimage/data/_fetchers.py`). These images are NOT under the",
             "project's licence; each keeps its own licence below. CC-BY/CC-BY-SA and",
             "GPL images require attribution (given here) and share-alike for adaptations.",
             "",
             "| file | package | original file | crop | licence | author / copyright |",
             "| --- | --- | --- | --- | --- | --- |"]
    total = 0
    for path, box, name in DEMO_LIST:
        pkg, holder, lic = src[path]
        im = load_rgb(path)
        if box:
            W, H = im.size
            im = im.crop((round(box[0] * W), round(box[1] * H), round(box[2] * W), round(box[3] * H)))
        im = fit(im, max_side)
        out = os.path.join(demodir, name)
        im.save(out, quality=85)
        total += os.path.getsize(out)
        crop = "-" if not box else "x %.2f-%.2f, y %.2f-%.2f" % (box[0], box[2], box[1], box[3])
        lines.append(f"| {name} | {pkg} {pkg_version(pkg)} | `{path}` | {crop} | {lic} | {holder} |")
    lines.append("")
    with open(os.path.join(os.path.dirname(os.path.abspath(demodir)), "PROVENANCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"{len(DEMO_LIST)} demo images, {total / 1e6:.2f} MB -> {demodir}")


BG = "/usr/share/backgrounds"
WP = "/usr/share/wallpapers"
SK = SKIMAGE_DATA
# Demo images: (original file, crop box as fractions (x0, y0, x1, y1) of the
# original or None, demo file name).  Chosen for variety: faces, animals,
# textures, buildings and objects, text, nature, art.
DEMO_LIST = [
    # people
    (f"{SK}/astronaut.png", None, "astronaut.jpg"),
    (f"{SK}/astronaut.png", (0.30, 0.02, 0.62, 0.40), "astronaut-face.jpg"),
    (f"{SK}/camera.png", None, "cameraman.jpg"),
    # animals
    (f"{SK}/chelsea.png", None, "cat.jpg"),
    (f"{SK}/chelsea.png", (0.25, 0.10, 0.85, 0.75), "cat-face.jpg"),
    (f"{SK}/horse.png", None, "horse-silhouette.jpg"),
    (f"{BG}/mate/nature/LadyBird.jpg", None, "ladybird.jpg"),
    (f"{BG}/Kleiber_by_Lukas_Baubkus.jpg", None, "nuthatch.jpg"),
    (f"{BG}/free_by_Peter_Nerlich.jpg", None, "bird-in-flight.jpg"),
    (f"{BG}/friends_by_Aitzol_Berasategi.jpg", None, "dog-at-door.jpg"),
    (f"{BG}/Dragonfly_by_Bolly.jpg", None, "dragonfly.jpg"),
    (f"{BG}/goldfish.png", None, "goldfish-illustration.jpg"),
    # textures
    (f"{SK}/brick.png", None, "brick.jpg"),
    (f"{SK}/gravel.png", None, "gravel.jpg"),
    (f"{SK}/grass.png", None, "grass.jpg"),
    (f"{BG}/mate/nature/Wood.jpg", None, "wood.jpg"),
    (f"{BG}/analogpattern_by_Peter_Nerlich.jpg", None, "pattern.jpg"),
    (f"{WP}/Grey/contents/images/2560x1600.jpg", None, "facade-pattern.jpg"),
    (f"{WP}/OneStandsOut/contents/images/2560x1600.jpg", None, "moss.jpg"),
    (f"{SK}/ihc.png", None, "tissue-stain.jpg"),
    # buildings, objects, things people made
    (f"{BG}/Bridge_by_Sander_Klootwijk.jpg", None, "bridge.jpg"),
    (f"{SK}/rocket.jpg", None, "rocket.jpg"),
    (f"{WP}/BytheWater/contents/images/2560x1600.jpg", None, "jetty.jpg"),
    (f"{WP}/ColdRipple/contents/images/2560x1600.jpg", None, "pier-in-fog.jpg"),
    (f"{BG}/Wine_by_Jakkub_Mede.jpg", None, "room-with-wine.jpg"),
    (f"{WP}/EveningGlow/contents/images/2560x1600.jpg", None, "boats.jpg"),
    (f"{SK}/coins.png", None, "coins.jpg"),
    (f"{WP}/ColorfulCups/contents/images/2560x1600.jpg", None, "cups.jpg"),
    (f"{BG}/Picture_1A_by_freespace.jpg", None, "paintbrushes.jpg"),
    (f"{BG}/Picture_0B_by_freespace.jpg", None, "fig-in-bowl.jpg"),
    (f"{SK}/coffee.png", None, "coffee.jpg"),
    (f"{SK}/clock_motion.png", None, "clock.jpg"),
    (f"{WP}/Kite/contents/images/2560x1600.jpg", None, "kite.jpg"),
    # text
    (f"{SK}/text.png", None, "text.jpg"),
    (f"{BG}/mate/desktop/MATE-Stripes-Light.png", None, "lettering.jpg"),
    # nature
    (f"{BG}/aitzgorri_by_Aitzol_Berasategi.jpg", None, "mountain-meadow.jpg"),
    (f"{BG}/picosdeeuropa_by_Aitzol_Berasategi.jpg", None, "mountains.jpg"),
    (f"{BG}/life_by_Aitzol_Berasategi.jpg", None, "forest-stream.jpg"),
    (f"{WP}/Path/contents/images/2560x1600.jpg", None, "forest-path.jpg"),
    (f"{BG}/mate/nature/Storm.jpg", None, "storm.jpg"),
    (f"{BG}/mate/nature/Dune.jpg", None, "dune.jpg"),
    (f"{BG}/sunset_by_Aitzol_Berasategi.jpg", None, "sunset.jpg"),
    (f"{BG}/seeding_by_Clements_Engelhardt.jpg", None, "dandelions.jpg"),
    (f"{BG}/mate/nature/FreshFlower.jpg", None, "orange-flower.jpg"),
    (f"{BG}/mate/nature/Garden.jpg", None, "marigold.jpg"),
    (f"{BG}/mate/nature/YellowFlower.jpg", None, "yellow-flower.jpg"),
    (f"{BG}/mate/nature/RainDrops.jpg", None, "raindrops.jpg"),
    (f"{BG}/mate/nature/Blinds.jpg", None, "leaf.jpg"),
    (f"{WP}/FallenLeaf/contents/images/2560x1600.jpg", None, "fallen-leaf.jpg"),
    (f"{WP}/Volna/contents/images/5120x2880.jpg", None, "beach.jpg"),
    (f"{WP}/summer_1am/contents/images/2560x1600.jpg", None, "lake-at-night.jpg"),
    (f"{BG}/Infinite-Sea_by_Aury88.jpg", None, "milky-way.jpg"),
    (f"{SK}/hubble_deep_field.jpg", None, "deep-field.jpg"),
    (f"{SK}/retina.jpg", None, "retina.jpg"),
    (f"{SK}/cell.png", None, "cell.jpg"),
    # art and illustration
    (f"{WP}/Altai/contents/images/5120x2880.png", None, "low-poly-lake.jpg"),
    (f"{WP}/Autumn/contents/images/2560x1600.jpg", None, "painted-tree.jpg"),
    (f"{BG}/mate/abstract/Elephants_5640x3172.jpg", None, "elephants-painting.jpg"),
    (f"{WP}/FlyingKonqui/contents/images/2560x1600.png", None, "cartoon-dragon.jpg"),
    (f"{BG}/city.png", None, "city-illustration.jpg"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", help="folder for the training photos")
    ap.add_argument("--max-side", type=int, default=640, help="longer side of each photo (px)")
    ap.add_argument("--crops", type=int, default=3, help="extra detail crops per large wallpaper")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--demo", metavar="DEMODIR", help="also write the demo images here")
    a = ap.parse_args()
    collect(a.outdir, a.max_side, a.crops, a.seed)
    if a.demo:
        demo(a.demo)


if __name__ == "__main__":
    sys.exit(main())
