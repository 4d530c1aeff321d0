package org.convnetexplorer.explorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.render.MontageStack;
import org.convnetexplorer.render.PatchCutter;

/**
 * A layer's patches as the scan cut them, from its stack file ({@code <layer>.tif}, slice u is unit u, its cells in
 * rank order): read a slice at a time, so the window holds only what it shows.
 */
public final class LayerPatches {

	private final MontageStack stack;
	private final MontageLayout layout;

	private LayerPatches(MontageStack stack, MontageLayout layout) {
		this.stack = stack;
		this.layout = layout;
	}

	/** @param top the run's k, which the cells were laid out for */
	public static LayerPatches open(Path stackFile, int top) throws IOException {
		MontageStack stack = MontageStack.open(stackFile);
		try {
			return new LayerPatches(stack, MontageLayout.ofSlice(stack.width(), stack.height(), top));
		}
		catch (IllegalArgumentException e) {
			throw new IOException(stackFile + ": " + e.getMessage(), e);
		}
	}

	/** The number of units: one slice each. */
	public int units() {
		return stack.size();
	}

	public int cell() {
		return layout.cell;
	}

	/** The unit's first {@code count} patches in rank order (its cells; empty cells for ranks it did not fill). */
	public List<RgbImage> patches(int unit, int count) throws IOException {
		return cells(new RgbImage(stack.width(), stack.height(), stack.slice(unit)), layout, count);
	}

	/** The first {@code count} cells of a montage slice laid out as {@code layout}, in rank order. */
	static List<RgbImage> cells(RgbImage slice, MontageLayout layout, int count) {
		PatchCutter cutter = new PatchCutter(slice);
		List<RgbImage> cells = new ArrayList<>();
		for (int rank0 = 0; rank0 < count; rank0++) {
			int x = layout.cellX(rank0);
			int y = layout.cellY(rank0);
			cells.add(cutter.cut(new Box(x, y, x + layout.cell, y + layout.cell)));
		}
		return cells;
	}

	public Path file() {
		return stack.file();
	}
}
