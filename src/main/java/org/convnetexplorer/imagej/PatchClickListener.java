package org.convnetexplorer.imagej;

import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;

import org.convnetexplorer.results.TopkRow;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.Toolbar;

/** Click on a patch of a montage window: its source image comes forward with the receptive field selected. */
final class PatchClickListener extends MouseAdapter {

	private final ImagePlus montage;
	private final MontageWindowModel model;

	PatchClickListener(ImagePlus montage, MontageWindowModel model) {
		this.montage = montage;
		this.model = model;
	}

	@Override
	public void mouseClicked(MouseEvent e) {
		// The magnifier's clicks zoom the montage; they are not meant as a choice of patch.
		if (Toolbar.getToolId() == Toolbar.MAGNIFIER) return;
		ImageCanvas canvas = (ImageCanvas) e.getSource();
		int x = canvas.offScreenX(e.getX());
		int y = canvas.offScreenY(e.getY());
		model.patchAt(montage.getCurrentSlice(), x, y).ifPresent(this::showSource);
	}

	private void showSource(TopkRow row) {
		IJ.showStatus(MontageWindowModel.describe(row));
		// Opening a large image takes a while: keep the event thread free.
		Thread opener = new Thread(() -> {
			String change = model.changeSinceScan(row);
			if (change != null) IJ.error("ConvNet Explorer", "Not opening " + model.sourceOf(row) + ": " + change +
				", so it is not the picture this patch came from.");
			else SourceImages.showWithField(model.sourceOf(row), row);
		}, "ConvNet Explorer source image");
		opener.start();
	}
}
