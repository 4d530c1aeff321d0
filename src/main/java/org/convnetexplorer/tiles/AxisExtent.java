package org.convnetexplorer.tiles;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.network.Layer;

/**
 * Along one axis, the input pixels a layer's position reads, over all its units: the union of their fields' boxes,
 * as {@link org.convnetexplorer.geometry.UnitField#inputBox} gives them, and the step between positions.
 */
final class AxisExtent {

	private final Layer layer;
	private final boolean alongY;
	final int jump;

	AxisExtent(Layer layer, boolean alongY) {
		this.layer = layer;
		this.alongY = alongY;
		long step = 0;
		for (LayerFields.Group g : layer.fields().groups()) {
			long j = alongY ? g.field.y.jump : g.field.x.jump;
			// no step: a field evaluated per index at one map length (after upsampling), not at this image's
			if (j == 0) throw new IllegalArgumentException(layer.name() + ": its units' fields depend on the map's " +
				"length (after upsampling or a transposed convolution); at each image's own size only layers with " +
				"evenly stepped fields are scanned (a U-Net's encoder)");
			if (step != 0 && j != step) throw new IllegalArgumentException(layer.name() + ": its units step " +
				"differently (" + step + " and " + j + " pixels): no tiling lines them all up");
			step = j;
		}
		jump = Math.toIntExact(step);
	}

	/** Whether every unit's field steps evenly along both axes (no field evaluated per index at one map length). */
	static boolean stepped(Layer layer) {
		return layer.fields().groups().stream().allMatch(g -> g.field.y.jump > 0 && g.field.x.jump > 0);
	}

	/** First input pixel any unit at map index {@code f} reads (may be negative: padding). */
	long low(int f) {
		return -bound(f, true);
	}

	/** One past the last input pixel any unit at map index {@code f} reads. */
	long high(int f) {
		return bound(f, false);
	}

	/** The highest end of the units' boxes at {@code f}, or the negated lowest start. */
	private long bound(int f, boolean start) {
		long most = Long.MIN_VALUE;
		for (LayerFields.Group g : layer.fields().groups()) {
			Box box = g.field.inputBox(alongY ? f : 0, alongY ? 0 : f);
			most = Math.max(most, start ? -(alongY ? box.y0 : box.x0) : alongY ? box.y1 : box.x1);
		}
		return most;
	}
}
