package org.convnetexplorer.occlusion;

import org.convnetexplorer.images.RgbImage;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/** An occlusion result as pictures: its maps as a float stack, and its drop map laid over the input image. */
public final class OcclusionFigures {

	/** The overlay's colour at the largest drop (occluding there lowers the unit most), and at the largest rise. */
	private static final int DROP_COLOUR = 0xff0000;
	private static final int RISE_COLOUR = 0x0060ff;
	/** Opacity of the colour where |drop| is largest; the image shows through everywhere. */
	private static final double MAX_OPACITY = 0.7;

	private OcclusionFigures() {}

	/**
	 * Two 32-bit slices of steps × steps, one value per position of the square: the unit's maximum with the square
	 * there, and its drop from the unoccluded maximum. Calibrated so that a map pixel's centre reads as the square's
	 * centre in input pixels.
	 */
	public static ImagePlus maps(OcclusionSensitivity result) {
		int steps = result.steps;
		String unit = result.layer.name() + " unit " + result.unit;
		ImageStack stack = new ImageStack(steps, steps);
		stack.addSlice(unit + " maximum with the square there", new FloatProcessor(steps, steps, result.occludedMap()));
		stack.addSlice(unit + " drop from " + result.unoccluded, new FloatProcessor(steps, steps, result.dropMap()));
		ImagePlus image = new ImagePlus(unit + " - occlusion", stack);
		Calibration calibration = image.getCalibration();
		calibration.setUnit("pixel");
		calibration.pixelWidth = calibration.pixelHeight = result.stride;
		// Pixel g's centre, g + 0.5 map pixels, is the square's centre g·stride + size/2 input pixels.
		calibration.xOrigin = calibration.yOrigin = 0.5 - result.size / (2.0 * result.stride);
		return image;
	}

	/**
	 * The network's input, in grey so the colours read as the map, with the drop map laid over it: the map is
	 * interpolated bilinearly between the squares' centres (held constant past the outermost ones), red where occluding
	 * lowers the unit, blue where it raises it, more opaque the larger |drop| is relative to the largest.
	 */
	public static RgbImage overlay(OcclusionSensitivity result, RgbImage input) {
		float[] drop = result.dropMap();
		float largest = 0;
		for (float d : drop)
			largest = Math.max(largest, Math.abs(d));
		int width = input.width();
		int[] pixels = new int[width * input.height()];
		for (int y = 0; y < input.height(); y++) {
			double gy = gridCoordinate(result, y);
			for (int x = 0; x < width; x++) {
				double value = largest > 0 ? interpolate(drop, result.steps, gridCoordinate(result, x), gy) / largest : 0;
				pixels[y * width + x] = blend(grey(input.pixels()[y * width + x]), value > 0 ? DROP_COLOUR : RISE_COLOUR,
					MAX_OPACITY * Math.min(1, Math.abs(value)));
			}
		}
		return new RgbImage(width, input.height(), pixels);
	}

	/** Where input pixel {@code p}'s centre falls between the squares' centres, clamped to the grid. */
	private static double gridCoordinate(OcclusionSensitivity result, int p) {
		double g = (p + 0.5 - result.size / 2.0) / result.stride;
		return Math.max(0, Math.min(result.steps - 1, g));
	}

	private static double interpolate(float[] map, int steps, double gx, double gy) {
		int x0 = Math.min((int) gx, steps - 1);
		int y0 = Math.min((int) gy, steps - 1);
		int x1 = Math.min(x0 + 1, steps - 1);
		int y1 = Math.min(y0 + 1, steps - 1);
		double fx = gx - x0;
		double fy = gy - y0;
		double top = map[y0 * steps + x0] * (1 - fx) + map[y0 * steps + x1] * fx;
		double bottom = map[y1 * steps + x0] * (1 - fx) + map[y1 * steps + x1] * fx;
		return top * (1 - fy) + bottom * fy;
	}

	/** Rec. 601 luma, as ImageJ's RGB to 8-bit conversion with weighting on. */
	private static int grey(int pixel) {
		int luma = (int) Math.round(0.299 * (pixel >> 16 & 0xff) + 0.587 * (pixel >> 8 & 0xff) + 0.114 * (pixel & 0xff));
		return luma << 16 | luma << 8 | luma;
	}

	private static int blend(int pixel, int colour, double opacity) {
		int blended = 0;
		for (int shift = 0; shift <= 16; shift += 8) {
			double mixed = (1 - opacity) * (pixel >> shift & 0xff) + opacity * (colour >> shift & 0xff);
			blended |= (int) Math.round(mixed) << shift;
		}
		return blended;
	}
}
