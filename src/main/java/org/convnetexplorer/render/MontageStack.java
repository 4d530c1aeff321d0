package org.convnetexplorer.render;

import java.io.IOException;
import java.nio.file.Path;

import ij.io.FileInfo;
import ij.io.TiffDecoder;
import ij.plugin.FileInfoVirtualStack;
import ij.process.ImageProcessor;

/**
 * A montage stack file read a slice at a time ({@code <layer>.tif}: slice u is unit u): opening reads the TIFF's
 * header only, so a window over hundreds of units opens at once and holds only the slices it shows.
 */
public final class MontageStack {

	private final Path file;
	private final FileInfoVirtualStack slices;

	private MontageStack(Path file, FileInfoVirtualStack slices) {
		this.file = file;
		this.slices = slices;
	}

	public static MontageStack open(Path file) throws IOException {
		FileInfo[] infos;
		try {
			infos = new TiffDecoder(file.getParent().toString() + '/', file.getFileName().toString()).getTiffInfo();
		}
		catch (IOException | RuntimeException e) {
			throw new IOException("cannot read " + file + " (" + e.getMessage() + ")", e);
		}
		if (infos == null || infos.length == 0) throw new IOException(file + " is no TIFF");
		FileInfo first = infos[0];
		if (first.getBytesPerPixel() != 3 || first.compression > FileInfo.COMPRESSION_NONE)
			throw new IOException(file + " is no uncompressed RGB montage");
		FileInfoVirtualStack slices = infos.length > 1 ? new FileInfoVirtualStack(infos)
			: new FileInfoVirtualStack(first, false);
		return new MontageStack(file, slices);
	}

	public int size() {
		return slices.getSize();
	}

	public int width() {
		return slices.getWidth();
	}

	public int height() {
		return slices.getHeight();
	}

	/** Slice {@code index} (0-based) as packed RGB, row-major. */
	public synchronized int[] slice(int index) throws IOException {
		if (index < 0 || index >= size()) throw new IOException(file + " has no slice " + index + " (it has " + size() +
			")");
		ImageProcessor processor = slices.getProcessor(index + 1);
		Object pixels = processor == null ? null : processor.getPixels();
		if (!(pixels instanceof int[])) throw new IOException("cannot read slice " + index + " of " + file);
		return (int[]) pixels;
	}

	public Path file() {
		return file;
	}
}
