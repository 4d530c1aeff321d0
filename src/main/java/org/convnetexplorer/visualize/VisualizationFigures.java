package org.convnetexplorer.visualize;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;

import ij.process.ColorProcessor;

import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageLayout;

/** A layer's optimised images as files show them: a stack of one slice per unit, and an overview figure. */
final class VisualizationFigures {

	private static final int LABEL_WIDTH = 48;
	/** Side of an image in the overview where there are no top patches to match. */
	private static final int THUMBNAIL = 112;
	private static final int COLUMNS = 8;

	private VisualizationFigures() {}

	/** One slice per unit, labelled as in the layer's stack of top patches ("conv3 unit 17"). */
	static Montage stack(Layer layer, List<UnitImage> images) {
		int size = images.get(0).size;
		Montage stack = new Montage(layer.name() + " - optimised images", size, size);
		for (UnitImage image : images)
			stack.addSlice(VisualizationStack.label(layer.name(), image.unit), image.rgb());
		return stack;
	}

	/**
	 * A row per unit: its number, its optimised image and its slice of top patches (of {@code patchSlices}' size),
	 * the image scaled to the slice's height.
	 */
	static Montage besidePatches(Layer layer, List<UnitImage> images, List<int[]> patchSlices, int sliceWidth,
		int sliceHeight)
	{
		int gap = MontageLayout.GAP;
		int width = LABEL_WIDTH + sliceHeight + sliceWidth + 3 * gap;
		int height = images.size() * (sliceHeight + gap) + gap;
		ColorProcessor canvas = canvas(width, height);
		for (int row = 0; row < images.size(); row++) {
			int y = gap + row * (sliceHeight + gap);
			label(canvas, images.get(row).unit, y + sliceHeight / 2);
			canvas.insert(scaled(images.get(row), sliceHeight), LABEL_WIDTH + gap, y);
			canvas.insert(new ColorProcessor(sliceWidth, sliceHeight, patchSlices.get(row)), LABEL_WIDTH + sliceHeight +
				2 * gap, y);
		}
		return figure(layer, canvas, images);
	}

	/** The optimised images in rows of {@value #COLUMNS}, each with its unit's number on its left. */
	static Montage grid(Layer layer, List<UnitImage> images) {
		int gap = MontageLayout.GAP;
		int step = LABEL_WIDTH + THUMBNAIL + gap;
		int columns = Math.min(COLUMNS, images.size());
		int rows = (images.size() + columns - 1) / columns;
		ColorProcessor canvas = canvas(columns * step + gap, rows * (THUMBNAIL + gap) + gap);
		for (int i = 0; i < images.size(); i++) {
			int x = gap + i % columns * step;
			int y = gap + i / columns * (THUMBNAIL + gap);
			canvas.setColor(Color.WHITE);
			canvas.drawString(String.valueOf(images.get(i).unit), x + 2, y + THUMBNAIL / 2 + 6);
			canvas.insert(scaled(images.get(i), THUMBNAIL), x + LABEL_WIDTH, y);
		}
		return figure(layer, canvas, images);
	}

	private static ColorProcessor canvas(int width, int height) {
		int[] pixels = new int[width * height];
		Arrays.fill(pixels, MontageLayout.BACKGROUND);
		ColorProcessor canvas = new ColorProcessor(width, height, pixels);
		canvas.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
		return canvas;
	}

	private static void label(ColorProcessor canvas, int unit, int centreY) {
		canvas.setColor(Color.WHITE);
		canvas.drawString(String.valueOf(unit), 4, centreY + 6);
	}

	private static ColorProcessor scaled(UnitImage image, int side) {
		ColorProcessor full = new ColorProcessor(image.size, image.size, image.rgb());
		full.setInterpolationMethod(ColorProcessor.BILINEAR);
		return (ColorProcessor) full.resize(side, side, true);
	}

	private static Montage figure(Layer layer, ColorProcessor canvas, List<UnitImage> images) {
		Montage figure = new Montage(layer.name() + " - optimised images overview", canvas.getWidth(),
			canvas.getHeight());
		StringBuilder units = new StringBuilder("units ");
		for (int i = 0; i < images.size(); i++)
			units.append(i == 0 ? "" : ",").append(images.get(i).unit);
		figure.addSlice(units.toString(), (int[]) canvas.getPixels());
		return figure;
	}
}
