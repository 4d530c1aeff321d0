package org.convnetexplorer.images;

import ij.io.FileInfo;
import ij.io.ImageReader;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TIFF through ImageJ 1's own TIFF code: {@link ij.io.TiffDecoder} parses the first image directory (the only
 * one it sees, {@link FirstDirectoryTiff}) and
 * {@link ImageReader} reads the first plane (uncompressed, LZW, PackBits, ZIP or JPEG strips).
 * <p>
 * ImageJ's {@code Opener} and {@code FileOpener} are not used: on failure they open error
 * dialogs, the Log window or exception windows inside Fiji. The two classes used here only
 * report through exceptions, apart from ImageReader logging an I/O error, which the
 * {@link PlaneInput} wrapper turns into an exception it cannot catch.
 */
final class ImageJTiffReader {

	private ImageJTiffReader() {
	}

	static RgbImage read(Path file) throws UnreadableImageException {
		FileInfo first = firstDirectory(file);
		ImageDecoder.checkSize(first.width, first.height);
		Object plane = readFirstPlane(file, first);
		return new RgbImage(first.width, first.height, toRgb(plane, first));
	}

	static FileInfo firstDirectory(Path file) throws UnreadableImageException {
		FileInfo[] directories;
		try {
			directories = FirstDirectoryTiff.decoder(file).getTiffInfo();
		}
		catch (UnreadableImageException e) {
			throw e;
		}
		catch (IOException e) {
			// TiffDecoder's messages are reasons already ("ImageJ cannot open tiled TIFFs. ...").
			throw new UnreadableImageException("TIFF: " + ImageDecoder.describe(e), e);
		}
		catch (RuntimeException e) {
			throw new UnreadableImageException("corrupt TIFF (" + ImageDecoder.describe(e) + ")", e);
		}
		if (directories == null || directories.length == 0)
			throw new UnreadableImageException("corrupt TIFF: no image directory");
		return directories[0];
	}

	private static Object readFirstPlane(Path file, FileInfo first) throws UnreadableImageException {
		return readPlane(file, first, 0);
	}

	/**
	 * Plane {@code index} of an uncompressed stack that ImageJ wrote ({@code first.nImages} planes, one after another
	 * from the first's offset, as ImageJ's own FileOpener reads them); index 0 is the first plane of any TIFF.
	 */
	static Object readPlane(Path file, FileInfo first, int index) throws UnreadableImageException {
		if (index < 0 || index >= Math.max(1, first.nImages))
			throw new UnreadableImageException("plane " + index + " chosen, the TIFF has " + Math.max(1, first.nImages));
		long planeBytes = (long) first.width * first.height * first.getBytesPerPixel();
		long offset = first.getOffset() + index * (planeBytes + first.getGap());
		Object plane;
		boolean truncated;
		try (PlaneInput input = new PlaneInput(new BufferedInputStream(Files.newInputStream(file)))) {
			plane = index == 0 ? new ImageReader(first).readPixels(input) : new ImageReader(first).readPixels(input, offset);
			truncated = input.reachedEnd;
		}
		catch (UncheckedIOException e) {
			throw new UnreadableImageException("read error: " + ImageDecoder.describe(e.getCause()), e);
		}
		catch (IOException e) {
			throw new UnreadableImageException("read error: " + ImageDecoder.describe(e), e);
		}
		catch (RuntimeException e) {
			throw new UnreadableImageException("corrupt TIFF (" + ImageDecoder.describe(e) + ")", e);
		}
		// ImageReader pads missing data with zeros; a half-black image is no use to a scan.
		if (truncated)
			throw new UnreadableImageException("truncated TIFF");
		if (plane == null)
			throw new UnreadableImageException("TIFF with a pixel type ImageJ cannot read");
		return plane;
	}

	private static int[] toRgb(Object plane, FileInfo info) throws UnreadableImageException {
		if (plane instanceof int[])
			return packedRgb((int[]) plane);
		if (plane instanceof Object[])
			return rgb48((Object[]) plane);
		int[] palette = info.lutSize > 0 ? GrayLevels.palette(info.reds, info.greens, info.blues, info.lutSize)
			: info.whiteIsZero ? GrayLevels.invertedGrayPalette() : GrayLevels.grayPalette();
		if (plane instanceof byte[])
			return GrayLevels.throughPalette((byte[]) plane, palette);
		if (plane instanceof short[])
			return GrayLevels.throughPalette(GrayLevels.scaleToBytes((short[]) plane), palette);
		if (plane instanceof float[])
			return GrayLevels.throughPalette(GrayLevels.scaleToBytes((float[]) plane), palette);
		throw new UnreadableImageException("TIFF with a pixel type ImageJ cannot read");
	}

	/** ImageJ's RGB planes are 0xAARRGGBB; alpha is dropped. */
	private static int[] packedRgb(int[] argb) {
		for (int i = 0; i < argb.length; i++)
			argb[i] &= 0xffffff;
		return argb;
	}

	/**
	 * 16-bit RGB comes as three 16-bit channels; one minimum and maximum over all three keeps the
	 * colour balance (ImageJ shows them with one display range too).
	 */
	private static int[] rgb48(Object[] channels) throws UnreadableImageException {
		if (channels.length < 3 || !(channels[0] instanceof short[]))
			throw new UnreadableImageException("TIFF with a pixel type ImageJ cannot read");
		short[] red = (short[]) channels[0];
		short[] green = (short[]) channels[1];
		short[] blue = (short[]) channels[2];
		int n = red.length;
		short[] all = new short[3 * n];
		System.arraycopy(red, 0, all, 0, n);
		System.arraycopy(green, 0, all, n, n);
		System.arraycopy(blue, 0, all, 2 * n, n);
		byte[] scaled = GrayLevels.scaleToBytes(all);
		int[] rgb = new int[n];
		for (int i = 0; i < n; i++)
			rgb[i] = (scaled[i] & 0xff) << 16 | (scaled[n + i] & 0xff) << 8 | scaled[2 * n + i] & 0xff;
		return rgb;
	}

	/**
	 * The file as ImageReader reads it, but an I/O error escapes as an unchecked exception (ImageReader
	 * would log it and return null) and reaching the end of the file is remembered: ImageReader reads
	 * only the bytes a plane needs, so for it the end means the file is truncated.
	 */
	private static final class PlaneInput extends FilterInputStream {

		boolean reachedEnd;

		PlaneInput(InputStream in) {
			super(in);
		}

		@Override
		public int read() {
			try {
				int value = super.read();
				reachedEnd |= value < 0;
				return value;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			try {
				int count = super.read(buffer, offset, length);
				reachedEnd |= count < 0;
				return count;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		@Override
		public long skip(long count) {
			try {
				return super.skip(count);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
