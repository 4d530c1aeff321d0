package org.convnetexplorer.scan;

import org.convnetexplorer.images.Placement;

/** An image that went through the network: its place in the scan order, its path and how it was placed. */
public final class ScannedImage {

	/** Position in the sorted folder listing: earlier images win ties. */
	public final int index;
	/** Path relative to the scanned folder, with '/'. */
	public final String path;
	public final Placement placement;

	public ScannedImage(int index, String path, Placement placement) {
		this.index = index;
		this.path = path;
		this.placement = placement;
	}
}
