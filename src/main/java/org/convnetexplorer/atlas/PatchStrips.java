package org.convnetexplorer.atlas;

import java.io.IOException;
import java.nio.file.Path;

import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * A layer's patches as the run drew them: read from its montage stack ({@code <layer>.tif}, or the projections of
 * {@code <layer>-deconv.tif}) rather than cut again, so the atlas shows the very pixels Fiji shows and needs neither
 * the images folder nor the network. Each unit's cells become one strip, its ranks left to right: one file per unit,
 * not per patch.
 */
final class PatchStrips {

	private final ImageStack stack;
	private final MontageLayout layout;
	/** Where the grid of cells starts in a slice: 0, or the right half of a deconvnet stack (its projections). */
	private final int gridX;

	private PatchStrips(ImageStack stack, MontageLayout layout, int gridX) {
		this.stack = stack;
		this.layout = layout;
		this.gridX = gridX;
	}

	/**
	 * The cells of a montage stack of k patches per unit; with {@code rightGrid}, those of the grid on the right of
	 * each slice (a deconvnet stack: patches left, projections right).
	 *
	 * @throws IOException where the file is not such a stack, naming it
	 */
	static PatchStrips read(Path file, int k, boolean rightGrid) throws IOException {
		ImagePlus image = MontageFiles.read(file);
		ImageStack stack = image.getStack();
		if (image.getType() != ImagePlus.COLOR_RGB) throw new IOException(file + " is not an RGB montage stack");
		int rows = new MontageLayout(1, k).rows;
		int cell = (stack.getHeight() - (rows + 1) * MontageLayout.GAP) / rows;
		MontageLayout layout = new MontageLayout(cell, k);
		int gridX = rightGrid ? stack.getWidth() - layout.width() : 0;
		if (cell < 1 || layout.height() != stack.getHeight() || gridX < 0 ||
			!rightGrid && layout.width() != stack.getWidth())
			throw new IOException(file + " is not a montage of " + k + " patches per unit (" + stack.getWidth() + "×" +
				stack.getHeight() + " px)");
		return new PatchStrips(stack, layout, gridX);
	}

	/** Slices in the stack: the layer's units. */
	int units() {
		return stack.getSize();
	}

	int cell() {
		return layout.cell;
	}

	/** The first {@code count} cells of a unit, side by side. */
	RgbImage strip(int unit, int count) {
		int[] slice = (int[]) stack.getPixels(unit + 1);
		int cell = layout.cell;
		int[] strip = new int[count * cell * cell];
		for (int rank0 = 0; rank0 < count; rank0++) {
			int x0 = gridX + layout.cellX(rank0);
			int y0 = layout.cellY(rank0);
			for (int y = 0; y < cell; y++)
				System.arraycopy(slice, (y0 + y) * stack.getWidth() + x0, strip, y * count * cell + rank0 * cell, cell);
		}
		return new RgbImage(count * cell, cell, strip);
	}
}
