package org.convnetexplorer.render;

import java.util.ArrayList;
import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.RgbImage;

/**
 * One original image and its halvings (2×2 means), made on demand. A receptive field far larger than its montage
 * cell is cut from the level that is still at least the cell's size, so an image's many patches cost one pass over
 * the image instead of one pass over every field at full resolution; the antialiased resize then shrinks by less than
 * 2×. Box edges are rounded outwards to the level's pixels (at most 2^level − 1 original pixels).
 */
final class ImagePyramid {

	private final List<PatchCutter> levels = new ArrayList<>();
	private RgbImage smallest;

	ImagePyramid(RgbImage original) {
		smallest = original;
		levels.add(new PatchCutter(original));
	}

	/** The field {@code box} (original pixels) as a {@code cell}×{@code cell} patch; outside the image is black. */
	RgbImage patch(Box box, int cell, BilinearResampler resampler) {
		long side = Math.min(box.width(), box.height());
		int level = 0;
		while (side >> (level + 1) >= cell)
			level++;
		long scale = 1L << level;
		Box reduced = new Box(Math.floorDiv(box.x0, scale), Math.floorDiv(box.y0, scale),
			-Math.floorDiv(-box.x1, scale), -Math.floorDiv(-box.y1, scale));
		return resampler.resize(level(level).cut(reduced), cell, cell);
	}

	private PatchCutter level(int level) {
		while (levels.size() <= level) {
			smallest = BoxReduction.halve(smallest);
			levels.add(new PatchCutter(smallest));
		}
		return levels.get(level);
	}
}
