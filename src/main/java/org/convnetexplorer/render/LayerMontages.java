package org.convnetexplorer.render;

import org.convnetexplorer.network.Layer;

/** A layer's rendered results: one slice per unit with its top patches, and the overview figure of a few units. */
public final class LayerMontages {

	public final Layer layer;
	public final MontageLayout layout;
	/** Slice u shows unit u's patches in rank order. */
	public final Montage units;
	/** One image: a row per chosen unit, its patches left to right. */
	public final Montage overview;

	public LayerMontages(Layer layer, MontageLayout layout, Montage units, Montage overview) {
		this.layer = layer;
		this.layout = layout;
		this.units = units;
		this.overview = overview;
	}

	/**
	 * The memory a layer's montages take (its stack and overview, 4 bytes a pixel), in long arithmetic that saturates
	 * at {@link Long#MAX_VALUE} rather than overflow; also saturated when a slice would exceed Java's largest array.
	 *
	 * @param cellOverride the cell side, or 0 for the layer's default
	 */
	public static long bytes(Layer layer, int cellOverride, int k, int overviewUnits) {
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
			if (slice > Integer.MAX_VALUE - 8 || overview > Integer.MAX_VALUE - 8) return Long.MAX_VALUE;
			return Math.multiplyExact(Math.addExact(Math.multiplyExact(slice, layer.units()), overview), Integer.BYTES);
		}
		catch (ArithmeticException e) {
			return Long.MAX_VALUE;
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
