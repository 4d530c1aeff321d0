package org.convnetexplorer.deconv;

import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.results.TopkRow;

/** One of a unit's top patches beside its projection: both cover the same receptive field of the 224×224 input. */
public final class ProjectedWinner {

	public final TopkRow row;
	/** What the network saw in the field (the preprocessed input before normalization; black past the border). */
	public final RgbImage patch;
	public final Projection projection;

	public ProjectedWinner(TopkRow row, RgbImage patch, Projection projection) {
		this.row = row;
		this.patch = patch;
		this.projection = projection;
	}
}
