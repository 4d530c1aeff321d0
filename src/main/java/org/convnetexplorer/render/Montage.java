package org.convnetexplorer.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An RGB image stack (packed 0xRRGGBB slices of one size), each slice with a label: a montage before it is saved. */
public final class Montage {

	public final String title;
	public final int width;
	public final int height;
	private final List<int[]> slices = new ArrayList<>();
	private final List<String> labels = new ArrayList<>();

	public Montage(String title, int width, int height) {
		this.title = title;
		this.width = width;
		this.height = height;
	}

	public void addSlice(String label, int[] pixels) {
		if (pixels.length != width * height) throw new IllegalArgumentException("slice is not " + width + "×" + height);
		slices.add(pixels);
		labels.add(label);
	}

	public int size() {
		return slices.size();
	}

	public List<int[]> slices() {
		return Collections.unmodifiableList(slices);
	}

	public List<String> labels() {
		return Collections.unmodifiableList(labels);
	}
}
