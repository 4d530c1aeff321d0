package org.convnetexplorer.render;

/** What a front end hears while montages are drawn and written; called from the rendering threads. */
public interface RenderMonitor {

	RenderMonitor NONE = (step, done, total) -> {};

	/**
	 * @param step what is being done ("Cutting patches", "Writing conv3.tif")
	 * @param done of {@code total} (images read, slices written)
	 */
	void progress(String step, int done, int total);
}
