package org.convnetexplorer.scan;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.network.Layer;

/** One row of the result: a unit's rank-th image, its activation, where in the feature map, and what it saw. */
public final class TopEntry {

	public final Layer layer;
	public final int unit;
	/** 1-based. */
	public final int rank;
	public final ScannedImage image;
	public final float activation;
	public final int fy;
	public final int fx;

	public TopEntry(Layer layer, int unit, int rank, ScannedImage image, float activation, int fy, int fx) {
		this.layer = layer;
		this.unit = unit;
		this.rank = rank;
		this.image = image;
		this.activation = activation;
		this.fy = fy;
		this.fx = fx;
	}

	/** The receptive field in the network input's pixels. */
	public Box inputBox() {
		return layer.field(unit).inputBox(fy, fx);
	}

	/**
	 * The receptive field in the original image's pixels, mapped back through the crop offset and scale. Edges are
	 * widened to whole pixels (floor, ceil) so the box covers the whole field; for images of the input's size it equals
	 * the input box.
	 */
	public Box originalBox() {
		Box in = inputBox();
		Placement p = image.placement;
		return new Box((long) Math.floor(p.toOriginalX(in.x0) + 1e-9), (long) Math.floor(p.toOriginalY(in.y0) + 1e-9),
			(long) Math.ceil(p.toOriginalX(in.x1) - 1e-9), (long) Math.ceil(p.toOriginalY(in.y1) - 1e-9));
	}
}
