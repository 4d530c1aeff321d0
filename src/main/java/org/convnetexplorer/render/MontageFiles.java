package org.convnetexplorer.render;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffEncoder;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

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
	 * Writes a stack whose slices are made one at a time, as the file is written, so that only one is in memory: the
	 * same file as {@link #write} of a montage holding them all.
	 *
	 * @param label slice i's label (0-based)
	 * @param pixels slice i's packed RGB pixels (0-based)
	 */
	public static void writeStack(String title, int width, int height, int slices, IntFunction<String> label,
		IntFunction<int[]> pixels, Path file) throws IOException
	{
		if (slices == 1) {
			Montage single = new Montage(title, width, height);
			single.addSlice(label.apply(0), pixels.apply(0));
			write(single, file);
			return;
		}
		writeTiff(new ImagePlus(title, new ComposedStack(width, height, slices, label, pixels)), file);
	}

	/**
	 * Writes an image or stack as ImageJ's FileSaver does (slice labels and ImageJ's description kept), but with the
	 * reason of a failure thrown: FileSaver shows it in a dialog and returns false.
	 */
	public static void writeTiff(ImagePlus image, Path file) throws IOException {
		FileInfo info = image.getFileInfo();
		info.description = new FileSaver(image).getDescriptionString();
		info.info = image.getInfoProperty();
		if (image.getStack().isVirtual()) {
			info.virtualStack = (VirtualStack) image.getStack();
			info.sliceLabels = new String[image.getStackSize()];
			for (int i = 0; i < info.sliceLabels.length; i++)
				info.sliceLabels[i] = image.getStack().getSliceLabel(i + 1);
		}
		else if (image.getStackSize() > 1) info.sliceLabels = image.getStack().getSliceLabels();
		else if (image.getProperty("Label") instanceof String)
			info.sliceLabels = new String[] { (String) image.getProperty("Label") };
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
			new TiffEncoder(info).write(out);
		}
	}

	/** Slices made when asked for, as a TIFF writer asks for them in order. */
	private static final class ComposedStack extends VirtualStack {

		private final int slices;
		private final IntFunction<String> label;
		private final IntFunction<int[]> pixels;

		ComposedStack(int width, int height, int slices, IntFunction<String> label, IntFunction<int[]> pixels) {
			super(width, height, null, null);
			this.slices = slices;
			this.label = label;
			this.pixels = pixels;
		}

		@Override
		public int getSize() {
			return slices;
		}

		@Override
		public ImageProcessor getProcessor(int n) {
			return new ColorProcessor(getWidth(), getHeight(), pixels.apply(n - 1));
		}

		@Override
		public String getSliceLabel(int n) {
			return label.apply(n - 1);
		}

		@Override
		public int getBitDepth() {
			return 24;
		}
	}

	/** Reads a montage TIFF back, e.g. to reopen results. */
	public static ImagePlus read(Path file) throws IOException {
		ImagePlus image = new Opener().openImage(file.toString());
		if (image == null) throw new IOException("not a montage ImageJ can open: " + file);
		return image;
	}
}
