package org.convnetexplorer.imagej;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.results.TopkRow;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.io.FileInfo;
import ij.process.ColorProcessor;

/** Source images of patches, opened once and brought forward after, with a receptive field as the selection. */
final class SourceImages {

	private SourceImages() {}

	/** Shows the image with the row's field selected; the field may reach past the border, as the network saw it. */
	static void showWithField(Path file, TopkRow row) {
		ImagePlus image = openWindowOf(file);
		if (image == null) {
			image = open(file);
			if (image == null) return;
			image.show();
		}
		else if (image.getWindow() != null) {
			image.getWindow().toFront();
			WindowManager.setCurrentWindow(image.getWindow());
		}
		Box box = row.box;
		image.setRoi(new Roi((int) box.x0, (int) box.y0, (int) box.width(), (int) box.height()));
		IJ.showStatus(MontageWindowModel.describe(row));
	}

	private static ImagePlus openWindowOf(Path file) {
		Path wanted = file.toAbsolutePath().normalize();
		int[] ids = WindowManager.getIDList();
		if (ids == null) return null;
		for (int id : ids) {
			ImagePlus image = WindowManager.getImage(id);
			FileInfo info = image == null ? null : image.getOriginalFileInfo();
			if (info != null && info.directory != null && info.fileName != null &&
				Paths.get(info.directory, info.fileName).toAbsolutePath().normalize().equals(wanted)) return image;
		}
		return null;
	}

	/** ImageJ's own opener first (the user's familiar view, bit depth kept), else the decoder the scan used. */
	private static ImagePlus open(Path file) {
		ImagePlus image = IJ.openImage(file.toString());
		if (image != null) return image;
		try {
			RgbImage rgb = ImageDecoder.read(file);
			image = new ImagePlus(file.getFileName().toString(), new ColorProcessor(rgb.width(), rgb.height(),
				rgb.pixels()));
			FileInfo info = new FileInfo();
			info.directory = file.getParent().toString() + '/';
			info.fileName = file.getFileName().toString();
			image.setFileInfo(info);
			return image;
		}
		catch (UnreadableImageException e) {
			IJ.error("ConvNet Explorer", "Cannot open " + file + ": " + e.getMessage());
			return null;
		}
	}
}
