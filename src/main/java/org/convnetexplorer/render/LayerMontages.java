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

	/** The title of a layer's stack, also its window's: "conv3 - top 9 patches", from the layer's name. */
	public static String unitsTitle(String layer, int top) {
		return layer + " - top " + top + " patches";
	}

	/** The title of a layer's overview figure: "conv3 - overview". */
	public static String overviewTitle(String layer) {
		return layer + " - overview";
	}
}
