package org.convnetexplorer.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.network.Layer;

/**
 * A layer's drawn results, composed a slice at a time from the spooled patches when written: the stack (one slice
 * per unit with its top patches) and the overview figure of a few units.
 */
public final class LayerMontages {

	public final Layer layer;
	public final MontageLayout layout;
	private final int k;
	private final List<Integer> overviewUnits;
	/** Where patch {@code unit * k + rank0} lies in the spool; -1 for none. */
	private final long[] patches;
	private final PatchSpool spool;

	LayerMontages(Layer layer, MontageLayout layout, int k, List<Integer> overviewUnits, PatchSpool spool) {
		this.layer = layer;
		this.layout = layout;
		this.k = k;
		this.overviewUnits = List.copyOf(overviewUnits);
		this.spool = spool;
		patches = new long[Math.multiplyExact(layer.units(), k)];
		Arrays.fill(patches, -1);
	}

	void placed(int unit, int rank0, long spoolOffset) {
		patches[unit * k + rank0] = spoolOffset;
	}

	/** Unit {@code unit}'s slice: its patches in rank order on the background. */
	int[] slice(int unit) {
		int[] slice = new int[layout.width() * layout.height()];
		Arrays.fill(slice, MontageLayout.BACKGROUND);
		int[] patch = new int[layout.cell * layout.cell];
		try {
			for (int rank0 = 0; rank0 < k; rank0++) {
				long offset = patches[unit * k + rank0];
				if (offset < 0) continue;
				spool.read(offset, patch);
				for (int y = 0; y < layout.cell; y++)
					System.arraycopy(patch, y * layout.cell, slice, (layout.cellY(rank0) + y) * layout.width() +
						layout.cellX(rank0), layout.cell);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read back the patches of " + layer.name() + " unit " + unit, e);
		}
		return slice;
	}

	/** Writes the stack, {@code <layer>.tif}: slice u is unit u, labelled "conv3 unit 17". */
	public void writeUnits(Path file, RenderMonitor monitor) throws IOException {
		String step = "Writing the montages of " + layer.name();
		MontageFiles.writeStack(unitsTitle(layer.name(), k), layout.width(), layout.height(), layer.units(),
			unit -> layer.name() + " unit " + unit, unit -> {
				monitor.progress(step, unit + 1, layer.units());
				return slice(unit);
			}, file);
	}

	/** Writes the overview figure: a row per overview unit, its patches left to right. */
	public void writeOverview(Path file) throws IOException {
		MontageFiles.write(OverviewFigure.of(this, k, overviewUnits), file);
	}

	/**
	 * The disk space a layer's montages take (its stack and overview, 3 bytes a pixel), in long arithmetic that
	 * saturates at {@link Long#MAX_VALUE} rather than overflow; also saturated when a picture would exceed Java's
	 * largest array.
	 *
	 * @param cellOverride the cell side, or 0 for the layer's default
	 */
	public static long bytes(Layer layer, int cellOverride, int k, int overviewUnits) {
		long[] pixels = picturePixels(layer, cellOverride, k, overviewUnits);
		if (pixels == null) return Long.MAX_VALUE;
		try {
			return Math.multiplyExact(Math.addExact(Math.multiplyExact(pixels[0], layer.units()), pixels[1]), 3);
		}
		catch (ArithmeticException e) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * The heap its largest picture (a slice, or the overview) takes while it is composed, 4 bytes a pixel; saturated
	 * as {@link #bytes}.
	 */
	public static long largestPictureBytes(Layer layer, int cellOverride, int k, int overviewUnits) {
		long[] pixels = picturePixels(layer, cellOverride, k, overviewUnits);
		return pixels == null ? Long.MAX_VALUE : Math.max(pixels[0], pixels[1]) * Integer.BYTES;
	}

	/** Pixels of one slice and of the overview; null where either exceeds Java's largest array. */
	private static long[] picturePixels(Layer layer, int cellOverride, int k, int overviewUnits) {
		long cell = cellOverride > 0 ? cellOverride : MontageLayout.defaultCell(layer);
		MontageLayout grid = new MontageLayout(1, k);
		try {
			long width = Math.addExact(Math.multiplyExact(grid.columns, cell), (grid.columns + 1L) * MontageLayout.GAP);
			long height = Math.addExact(Math.multiplyExact(grid.rows, cell), (grid.rows + 1L) * MontageLayout.GAP);
			long step = cell + MontageLayout.GAP;
			long overviewWidth = Math.addExact(OverviewFigure.LABEL_WIDTH + MontageLayout.GAP, Math.multiplyExact(k,
				step));
			long overviewHeight = Math.multiplyExact(Math.max(1, overviewUnits), step) + MontageLayout.GAP;
			long slice = Math.multiplyExact(width, height);
			long overview = Math.multiplyExact(overviewWidth, overviewHeight);
			if (slice > Integer.MAX_VALUE - 8 || overview > Integer.MAX_VALUE - 8) return null;
			return new long[] { slice, overview };
		}
		catch (ArithmeticException e) {
			return null;
		}
	}

	/** The title of a layer's stack, also its window's: "conv3 - top 9 patches", from the layer's name. */
	public static String unitsTitle(String layer, int top) {
		return layer + " - top " + top + " patches";
	}

	/** The title of a layer's overview figure: "conv3 - overview". */
	public static String overviewTitle(String layer) {
		return layer + " - overview";
	}
}
