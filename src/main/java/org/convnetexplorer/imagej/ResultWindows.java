package org.convnetexplorer.imagej;

import java.awt.GraphicsEnvironment;
import java.util.Collection;
import java.util.List;

import org.convnetexplorer.deconv.OcclusionJob;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.TopkRow;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.ImageWindow;
import ij.gui.Overlay;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;

/**
 * Opens the results as ImageJ windows: each layer's stack (a slice per unit) with click-through to the source images,
 * each overview figure, and the topk table; deconvnet stacks; occlusion maps. Headless, nothing opens: the output
 * folder holds the same.
 */
public final class ResultWindows {

	public static final String TABLE_TITLE = "topk";

	private ResultWindows() {}

	public static boolean canShow() {
		return !GraphicsEnvironment.isHeadless();
	}

	public static void show(ResultsView view) {
		if (!canShow()) return;
		for (LayerImages layer : view.layers) {
			MontageWindowModel model = view.windowModel(layer);
			layer.units.show();
			ImageWindow window = layer.units.getWindow();
			if (window != null) window.getCanvas().addMouseListener(new PatchClickListener(layer.units, model));
			if (layer.overview != null) layer.overview.show();
		}
		table(view).show(TABLE_TITLE);
	}

	public static void showDeconv(Collection<Montage> stacks) {
		if (!canShow()) return;
		for (Montage stack : stacks)
			MontageFiles.toImagePlus(stack).show();
	}

	public static void showOcclusion(OcclusionJob.Outcome outcome) {
		if (!canShow()) return;
		for (ImagePlus image : occlusionImages(outcome))
			image.show();
	}

	/**
	 * The input the network saw, in colour, with the overlay PNG as an ImageJ overlay, and the float maps. An overlay
	 * rather than the PNG alone: hiding it (Image › Overlay › Hide Overlay) shows the colour input at the same place,
	 * which the PNG only has in grey, and measurements read the input's pixels, not the blend.
	 */
	public static List<ImagePlus> occlusionImages(OcclusionJob.Outcome outcome) {
		RgbImage input = outcome.input;
		ImagePlus withOverlay = new ImagePlus(outcome.overlay.getTitle(),
			new ColorProcessor(input.width(), input.height(), input.pixels()));
		withOverlay.setOverlay(new Overlay(new ImageRoi(0, 0, outcome.overlay.getProcessor())));
		return List.of(withOverlay, outcome.maps);
	}

	static ResultsTable table(ResultsView view) {
		ResultsTable table = new ResultsTable(view.rows.size());
		for (int i = 0; i < view.rows.size(); i++) {
			TopkRow row = view.rows.get(i);
			table.setValue("layer", i, row.layer);
			table.setValue("unit", i, row.unit);
			table.setValue("rank", i, row.rank);
			table.setValue("image", i, row.image);
			table.setValue("activation", i, row.activation);
			table.setValue("fy", i, row.fy);
			table.setValue("fx", i, row.fx);
			table.setValue("x0", i, row.box.x0);
			table.setValue("y0", i, row.box.y0);
			table.setValue("x1", i, row.box.x1);
			table.setValue("y1", i, row.box.y1);
		}
		table.setDecimalPlaces(table.getColumnIndex("activation"), 4);
		for (String integer : new String[] { "unit", "rank", "fy", "fx", "x0", "y0", "x1", "y1" })
			table.setDecimalPlaces(table.getColumnIndex(integer), 0);
		return table;
	}
}
