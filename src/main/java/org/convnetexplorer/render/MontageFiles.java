package org.convnetexplorer.render;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
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
		ImagePlus image = toImagePlus(montage);
		FileSaver saver = new FileSaver(image);
		boolean saved = montage.size() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString());
		if (!saved) throw new IOException("could not write " + file);
	}

	/** Reads a montage TIFF back, e.g. to reopen results. */
	public static ImagePlus read(Path file) throws IOException {
		ImagePlus image = new Opener().openImage(file.toString());
		if (image == null) throw new IOException("not a montage ImageJ can open: " + file);
		return image;
	}
}
