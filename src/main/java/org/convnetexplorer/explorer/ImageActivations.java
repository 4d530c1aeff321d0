package org.convnetexplorer.explorer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One image's activations in a run's layers, as the scan measures them: each unit's maximum over its feature map
 * (after ReLU). The Deep Visualization Toolbox's live view, for a still image.
 */
public final class ImageActivations {

	/** What the image is called in messages: a file name or an ImageJ image's title. */
	public final String image;
	private final Map<String, float[]> maxima;

	/** @param maxima per layer name, each unit's maximum on the image */
	public ImageActivations(String image, Map<String, float[]> maxima) {
		this.image = image;
		this.maxima = Map.copyOf(maxima);
	}

	public boolean has(String layer) {
		return maxima.containsKey(layer);
	}

	/** The unit's maximum on the image; 0 where the layer was not measured or has no such unit. */
	public float of(String layer, int unit) {
		float[] units = maxima.get(layer);
		return units == null || unit < 0 || unit >= units.length ? 0 : units[unit];
	}

	/** The layer's largest unit maximum on the image (0 when none fires). */
	public float largest(String layer) {
		float largest = 0;
		for (float value : maxima.getOrDefault(layer, new float[0]))
			largest = Math.max(largest, value);
		return largest;
	}

	/** The layer's units strongest first (ties in unit order); those that do not fire on the image are left out. */
	public List<Integer> firing(String layer) {
		float[] units = maxima.getOrDefault(layer, new float[0]);
		List<Integer> firing = new ArrayList<>();
		for (int unit = 0; unit < units.length; unit++)
			if (units[unit] > 0) firing.add(unit);
		firing.sort(Comparator.comparingDouble((Integer unit) -> -units[unit]).thenComparingInt(unit -> unit));
		return firing;
	}
}
