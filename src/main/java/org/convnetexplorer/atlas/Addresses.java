package org.convnetexplorer.atlas;

import org.convnetexplorer.network.Layer;

/**
 * Where things are in an atlas, the same in every atlas of a run so that a link sent to a colleague keeps working:
 * {@code index.html}; per layer a folder named as its files in the run folder ({@link Layer#fileNameOf}) with
 * {@code index.html}, a page per unit ({@code conv3/17.html}) and its patches ({@code conv3/17.jpg}). Shared files
 * live in folders starting with '_', which no layer's folder name can.
 */
final class Addresses {

	static final String INDEX = "index.html";
	static final String ASSETS = "_assets";

	private Addresses() {}

	/** The layer's folder: its file name, unless that is the index page's (a layer named "index.html"). */
	static String layerFolder(String layer) {
		String name = Layer.fileNameOf(layer);
		return name.equals(INDEX) ? "layer-" + name : name;
	}

	static String unitPage(int unit) {
		return unit + ".html";
	}

	/** The unit's patches, ranks left to right. */
	static String patches(int unit) {
		return unit + ".jpg";
	}

	/** The deconvnet projections of the unit's patches, ranks left to right. */
	static String projections(int unit) {
		return unit + "-deconv.jpg";
	}

	/** The image the unit responds to most, by feature visualisation. */
	static String visualization(int unit) {
		return unit + "-visualization.jpg";
	}
}
