package org.convnetexplorer.visualize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.LayerFiles;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * A layer's feature visualisations as {@code visualize} keeps them in a run folder ({@code <layer>-visualization.tif}):
 * one slice per chosen unit, labelled "conv3 unit 17". Read by the explorer window and the web atlas.
 */
public final class VisualizationStack {

	private VisualizationStack() {}

	/** A unit's slice label. */
	static String label(String layer, int unit) {
		return layer + " unit " + unit;
	}

	/**
	 * The layer's images by unit; empty where the run has none (visualize did not run for the layer).
	 *
	 * @throws IOException for a file that cannot be read as such a stack
	 */
	public static Map<Integer, RgbImage> read(Path runFolder, String layer) throws IOException {
		Path file = runFolder.resolve(LayerFiles.visualization(layer));
		Map<Integer, RgbImage> images = new TreeMap<>();
		if (!Files.isRegularFile(file)) return images;
		ImagePlus image = MontageFiles.read(file);
		ImageStack stack = image.getStack();
		String prefix = label(layer, 0).substring(0, label(layer, 0).length() - 1);
		for (int slice = 1; slice <= stack.getSize(); slice++) {
			String label = stack.getSliceLabel(slice);
			if (label == null || !label.startsWith(prefix)) continue;
			int unit;
			try {
				unit = Integer.parseInt(label.substring(prefix.length()).trim());
			}
			catch (NumberFormatException e) {
				throw new IOException(file + ": slice " + slice + " is labelled '" + label + "', not '" +
					label(layer, 17) + "'", e);
			}
			int[] pixels = (int[]) stack.getProcessor(slice).convertToRGB().getPixels();
			images.put(unit, new RgbImage(image.getWidth(), image.getHeight(), pixels.clone()));
		}
		return images;
	}
}
