package org.convnetexplorer.explorer.window;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.io.FileInfo;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** What the window opens as ImageJ 1 images, only when asked: a source image with its field, stacks, the table. */
final class ImageJViews {

	private ImageJViews() {}

	/** The row's source image with the field as its rectangle selection (which may reach past the border). */
	static void openSource(RunResults run, TopkRow row, Consumer<String> say) {
		Path file = run.sourceOf(row);
		new Thread(() -> {
			String change = run.changeSinceScan(row);
			if (change != null) {
				say.accept("Not opening " + file + ": " + change);
				return;
			}
			ImagePlus image = open(file, say);
			if (image == null) return;
			Box box = row.box;
			image.setRoi(new Roi((int) box.x0, (int) box.y0, (int) box.width(), (int) box.height()));
			image.show();
			say.accept("Opened " + file.getFileName() + " in ImageJ with " + row.layer + " unit " + row.unit +
				"'s field selected");
		}, "ConvNet Explorer: open in ImageJ").start();
	}

	/** A result file of the run (a stack or overview TIFF) as an ImageJ image. */
	static void openTiff(Path file, Consumer<String> say) {
		if (file == null) {
			say.accept("The run has no such file");
			return;
		}
		new Thread(() -> {
			try {
				MontageFiles.read(file).show();
				say.accept("Opened " + file + " in ImageJ");
			}
			catch (java.io.IOException e) {
				say.accept(e.getMessage());
			}
		}, "ConvNet Explorer: open in ImageJ").start();
	}

	/** topk.csv as an ImageJ results table. */
	static void openTable(RunResults run, Consumer<String> say) {
		ResultsTable table = ResultsTable.open2(run.folder.resolve(TopkCsv.FILE).toString());
		if (table == null) say.accept("Cannot open " + run.folder.resolve(TopkCsv.FILE) + " as a table");
		else table.show(run.name() + " - topk");
	}

	/** The titles of the images open in ImageJ, in the order they were opened. */
	static List<String> openImageTitles() {
		String[] titles = WindowManager.getImageTitles();
		return titles == null ? List.of() : List.of(titles);
	}

	/** The shown slice of the open image of that title, in colour (grey and 16-bit as ImageJ shows them). */
	static RgbImage pixelsOf(String title) {
		ImagePlus image = WindowManager.getImage(title);
		if (image == null) throw new IllegalStateException(title + " is no longer open in ImageJ");
		ImageProcessor shown = image.getProcessor().convertToRGB();
		return new RgbImage(shown.getWidth(), shown.getHeight(), ((int[]) shown.getPixels()).clone());
	}

	/** ImageJ's own opener first (the user's familiar view, bit depth kept), else the decoder the scan used. */
	private static ImagePlus open(Path file, Consumer<String> say) {
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
			say.accept("Cannot open " + file + ": " + e.getMessage());
			return null;
		}
	}
}
