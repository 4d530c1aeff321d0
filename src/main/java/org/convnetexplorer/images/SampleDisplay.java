package org.convnetexplorer.images;

import java.nio.file.Path;
import java.util.List;

/**
 * Chosen channels of a plane shown as 8-bit RGB, each channel through its display range (linear, clipped): one channel
 * gray; two as magenta and green (ImageJ's colour-blind-safe composite); three or more, the first three as red, green
 * and blue.
 */
public final class SampleDisplay {

	private SampleDisplay() {}

	/** Reads images as a native-size scan with these channels and plane saw them, shown through {@code ranges}. */
	public static ImageSource of(List<Integer> channels, int plane, SampleNormalization ranges) {
		return (Path file) -> toRgb(SampleImageReader.read(file, channels, plane), ranges);
	}

	public static RgbImage toRgb(SampleImage image, SampleNormalization ranges) {
		int plane = image.width() * image.height();
		int[] rgb = new int[plane];
		int shown = Math.min(3, image.channels());
		for (int c = 0; c < shown; c++) {
			float[] range = ranges.displayRange(image, c);
			int mask = image.channels() == 1 ? 0x010101 : image.channels() == 2 ? (c == 0 ? 0x010001 : 0x000100)
				: 1 << 16 - 8 * c;
			float scale = range[1] > range[0] ? 255f / (range[1] - range[0]) : 0;
			float[] samples = image.samples();
			for (int i = 0; i < plane; i++) {
				float v = (samples[c * plane + i] - range[0]) * scale;
				int level = Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v)));
				rgb[i] |= level * mask;
			}
		}
		return new RgbImage(image.width(), image.height(), rgb);
	}
}
