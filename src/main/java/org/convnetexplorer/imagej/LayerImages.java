package org.convnetexplorer.imagej;

import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;

import ij.ImagePlus;

/** A layer's results as ImageJ images: the stack with a slice per unit and the overview figure. */
public final class LayerImages {

	/** The layer's name. */
	public final String layer;
	public final MontageLayout layout;
	public final ImagePlus units;
	public final ImagePlus overview;

	public LayerImages(String layer, MontageLayout layout, ImagePlus units, ImagePlus overview) {
		this.layer = layer;
		this.layout = layout;
		this.units = units;
		this.overview = overview;
	}
}
