package org.convnetexplorer.render;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffEncoder;
import ij.process.ColorProcessor;

/** Montages as ImageJ images and TIFF files (RGB, slice labels kept), the format ImageJ and Fiji open natively. */
public final class MontageFiles {

	private MontageFiles() {}

	public static ImagePlus toImagePlus(Montage montage) {
		ImageStack stack = new ImageStack(montage.width, montage.height);
		for (int i = 0; i < montage.size(); i++)
			stack.addSlice(montage.labels().get(i), new ColorProcessor(montage.width, montage.height, montage.slices().get(i)));
		ImagePlus image = new ImagePlus(montage.title, stack);
		if (montage.size() == 1) image.setProperty("Label", montage.labels().get(0));
		return image;
	}

	public static void write(Montage montage, Path file) throws IOException {
		writeTiff(toImagePlus(montage), file);
	}

	/**
	 * Writes an image or stack as ImageJ's FileSaver does (slice labels and ImageJ's description kept), but with the
	 * reason of a failure thrown: FileSaver shows it in a dialog and returns false.
	 */
	public static void writeTiff(ImagePlus image, Path file) throws IOException {
		FileInfo info = image.getFileInfo();
		info.description = new FileSaver(image).getDescriptionString();
		info.info = image.getInfoProperty();
		if (image.getStackSize() > 1) info.sliceLabels = image.getStack().getSliceLabels();
		else if (image.getProperty("Label") instanceof String)
			info.sliceLabels = new String[] { (String) image.getProperty("Label") };
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
			new TiffEncoder(info).write(out);
		}
	}

	/** Reads a montage TIFF back, e.g. to reopen results. */
	public static ImagePlus read(Path file) throws IOException {
		ImagePlus image = new Opener().openImage(file.toString());
		if (image == null) throw new IOException("not a montage ImageJ can open: " + file);
		return image;
	}
}
