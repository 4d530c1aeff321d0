package org.convnetexplorer.render;

import org.convnetexplorer.network.Layer;

/**
 * Where patches go in a unit's slice: k cells in rank order, row by row, on a near-square grid (3×3 for k = 9),
 * separated by thin gaps. Cells are square.
 */
public final class MontageLayout {

	public static final int GAP = 2;
	public static final int BACKGROUND = 0x303030;

	public final int cell;
	public final int columns;
	public final int rows;

	public MontageLayout(int cell, int k) {
		this.cell = cell;
		this.columns = (int) Math.ceil(Math.sqrt(k));
		this.rows = (k + columns - 1) / columns;
	}

	/**
	 * The layout a stack of top-{@code k} slices of this size was drawn with (cells are square, on the near-square grid
	 * of k), found from its width.
	 *
	 * @throws IllegalArgumentException when no cell size gives that width and height
	 */
	public static MontageLayout ofSlice(int width, int height, int k) {
		int columns = new MontageLayout(1, k).columns;
		int cell = (width - (columns + 1) * GAP) / columns;
		MontageLayout layout = new MontageLayout(cell, k);
		if (cell < 1 || layout.width() != width || layout.height() != height) throw new IllegalArgumentException(
			width + "×" + height + " pixels is no montage of top " + k + " patches");
		return layout;
	}

	/**
	 * The default cell side for a layer: its largest receptive field at the network's resolution, at least 32 px so
	 * conv1's 11-px fields stay visible, at most 64 px so conv3–conv5 stacks (hundreds of units) stay small and quick to
	 * write.
	 */
	public static int defaultCell(Layer layer) {
		return (int) Math.max(32, Math.min(64, layer.largestFieldSize()));
	}

	public int width() {
		return columns * cell + (columns + 1) * GAP;
	}

	public int height() {
		return rows * cell + (rows + 1) * GAP;
	}

	public int cellX(int rank0) {
		return GAP + (rank0 % columns) * (cell + GAP);
	}

	public int cellY(int rank0) {
		return GAP + (rank0 / columns) * (cell + GAP);
	}

	/** The 0-based rank whose cell holds pixel (x, y) of a slice, or -1 on a gap. */
	public int rankAt(int x, int y) {
		int column = (x - GAP) / (cell + GAP);
		int row = (y - GAP) / (cell + GAP);
		if (x < GAP || y < GAP || column >= columns || row >= rows) return -1;
		if ((x - GAP) % (cell + GAP) >= cell || (y - GAP) % (cell + GAP) >= cell) return -1;
		return row * columns + column;
	}
}
