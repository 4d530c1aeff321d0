package org.convnetexplorer.results;

import org.convnetexplorer.network.Layer;

/** What a layer's files in an output folder are called, from its name made safe ({@link Layer#fileNameOf}). */
public final class LayerFiles {

	private static final String UNITS = ".tif";
	private static final String OVERVIEW = "-overview.tif";
	private static final String DECONV = "-deconv.tif";
	private static final String VISUALIZATION = "-visualization.tif";
	private static final String VISUALIZATION_OVERVIEW = "-visualization-overview.tif";

	private LayerFiles() {}

	/** "conv3.tif": a slice per unit with its top patches. */
	public static String units(String layerName) {
		return Layer.fileNameOf(layerName) + UNITS;
	}

	/** "conv3-overview.tif". */
	public static String overview(String layerName) {
		return Layer.fileNameOf(layerName) + OVERVIEW;
	}

	/** "conv3-deconv.tif": deconvnet projections. */
	public static String deconv(String layerName) {
		return Layer.fileNameOf(layerName) + DECONV;
	}

	/** "conv3-visualization.tif": a slice per chosen unit ("conv3 unit 17"), the image it responds to most. */
	public static String visualization(String layerName) {
		return Layer.fileNameOf(layerName) + VISUALIZATION;
	}

	/** "conv3-visualization-overview.tif". */
	public static String visualizationOverview(String layerName) {
		return Layer.fileNameOf(layerName) + VISUALIZATION_OVERVIEW;
	}
}
