package org.convnetexplorer.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.files.UnreadableFileException;

/**
 * Reads an image file into 8-bit RGB for the network, by these rules:
 * <ul>
 * <li><b>Formats</b>: what ImageJ 1 opens of the usual image formats — PNG, JPEG, TIFF, GIF and
 * BMP — recognised by the file's first bytes, not its name (a PNG named .jpg is read as a PNG,
 * a text file named .jpg is refused). TIFF goes through ImageJ's own TIFF code (8-, 16- and
 * 32-bit, RGB, 16-bit RGB, palette; uncompressed, LZW, PackBits, ZIP, JPEG; what ImageJ cannot
 * open, such as tiled or 64-bit-float TIFFs, is refused with ImageJ's reason). PNG, JPEG, GIF
 * and BMP go through the JDK's javax.imageio readers, as ImageJ opens PNG and JPEG too.</li>
 * <li><b>Gray</b> images become three equal channels.</li>
 * <li><b>Indexed</b> (palette) images go through their colour table; so do TIFFs that carry an
 * ImageJ lookup table. A TIFF whose photometric interpretation is "white is zero" is inverted.</li>
 * <li><b>16-bit and 32-bit float</b> single-channel planes are scaled linearly so that the
 * plane's own minimum becomes 0 and its maximum 255 (a constant plane becomes all 0; NaN and
 * infinite values are left out of the minimum and maximum and become 0). ImageJ shows such
 * images the same way, up to its display rounding. 16-bit RGB TIFFs are scaled the same way
 * with one minimum and maximum over the three channels; 16-bit RGB PNGs keep the high byte of
 * each sample, as PIL does.</li>
 * <li><b>Alpha</b> is dropped: the colour channels are kept as they are, with no compositing
 * onto a background (ImageJ composites PNGs onto white; PIL's {@code convert("RGB")}, which
 * the PyTorch peer uses, drops alpha like we do). A transparent palette entry keeps its colour.</li>
 * <li><b>Stacks</b>: only the first plane counts — the first page of a multi-page TIFF, the
 * first slice of a 3-D stack, the first frame of an animated GIF (at its own size: a first frame
 * smaller than the GIF's screen is not padded to it, as PIL would). For a multi-channel ImageJ
 * hyperstack the first plane is the first channel, read as gray (not through the channel's
 * display colour).</li>
 * <li><b>CMYK and YCCK JPEGs</b>, which ImageJ refuses, are converted without a colour profile
 * exactly as PIL converts them (Adobe-inverted CMYK), so the peer sees the same colours.</li>
 * <li><b>Colour profiles</b> (ICC) and PNG gamma are ignored, as ImageJ and PIL ignore them.</li>
 * <li><b>EXIF orientation</b> is ignored, as ImageJ and PIL/torchvision ignore it by default:
 * a photo stored sideways with an "orientation 6" tag is read sideways.</li>
 * <li><b>Refused</b>, with an {@link UnreadableImageException} whose message says why: empty
 * files, files that are not one of these formats, zero-sized images, truncated files (a JPEG
 * or TIFF whose data ends early is refused, not padded; PIL refuses truncated JPEGs too),
 * corrupt data, images of more than {@value #MAX_PIXELS} pixels, and images so elongated that
 * {@link Placement#of} cannot place them.</li>
 * </ul>
 * Refusals are reported through the exception only: no ImageJ dialog, Log window or console
 * output, in Fiji or headless (ImageJ's TIFF code may still update Fiji's status and progress
 * bars). Safe to call from several threads at once.
 */
public final class ImageDecoder {

	/** The largest image read, 2^28 pixels (16384×16384): a 1 GiB pixel array. */
	public static final long MAX_PIXELS = 1L << 28;

	/** The formats read, as {@link #identify} tells them from a file's first bytes. */
	public enum Format {
		PNG, JPEG, GIF, BMP, TIFF
	}

	private ImageDecoder() {
	}

	/** Reads the image by the rules above; the reason for a refusal is the exception's message. */
	public static RgbImage read(Path file) throws UnreadableImageException {
		return read(file, identify(file));
	}

	/**
	 * Reads an image whose format {@link #identify} told. Every failure to decode is an
	 * {@link UnreadableImageException} with its reason, one too large for the heap included: one file cannot end the
	 * scan of a folder, nor the drawing of its montages.
	 */
	public static RgbImage read(Path file, Format format) throws UnreadableImageException {
		try {
			RegularFile.size(file, Long.MAX_VALUE); // what the readers open must still be a regular file
		}
		catch (UnreadableFileException e) {
			throw new UnreadableImageException(e.getReason(), e);
		}
		catch (IOException e) {
			throw new UnreadableImageException(reason(e), e);
		}
		try {
			if (format == Format.TIFF)
				return ImageJTiffReader.read(file);
			return ImageIoReader.read(file, format.name().toLowerCase(Locale.ROOT));
		}
		catch (OutOfMemoryError e) {
			throw new UnreadableImageException("too large to decode in the memory Java was given (-Xmx)");
		}
	}

	/**
	 * The file's format, from its first bytes only: telling a file that is not an image costs one small read,
	 * whatever its size. Anything but a regular file (a FIFO, a device such as /dev/zero, a socket) is refused
	 * without being opened: opening a FIFO waits for a writer, and a device may never end.
	 */
	public static Format identify(Path file) throws UnreadableImageException {
		byte[] head = new byte[8];
		int length;
		try (InputStream in = RegularFile.open(file, Long.MAX_VALUE)) {
			length = in.readNBytes(head, 0, head.length);
		}
		catch (UnreadableFileException e) {
			throw new UnreadableImageException(e.getReason(), e);
		}
		catch (IOException e) {
			throw new UnreadableImageException(reason(e), e);
		}
		if (length == 0)
			throw new UnreadableImageException("empty file");
		if (startsWith(head, length, 0xff, 0xd8, 0xff))
			return Format.JPEG;
		if (startsWith(head, length, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'))
			return Format.PNG;
		if (startsWith(head, length, 'G', 'I', 'F', '8'))
			return Format.GIF;
		if (startsWith(head, length, 'B', 'M'))
			return Format.BMP;
		// Classic TIFF (42) and BigTIFF (43), either byte order; the TIFF reader says what ImageJ cannot open.
		if (startsWith(head, length, 'I', 'I', 42, 0) || startsWith(head, length, 'M', 'M', 0, 42) ||
			startsWith(head, length, 'I', 'I', 43, 0) || startsWith(head, length, 'M', 'M', 0, 43))
			return Format.TIFF;
		throw new UnreadableImageException("not an image ImageJ can read (PNG, JPEG, TIFF, GIF or BMP)");
	}

	/** An I/O error as a short reason: the usual ones in words, others by their message. */
	static String reason(IOException e) {
		if (e instanceof NoSuchFileException)
			return "file not found";
		if (e instanceof AccessDeniedException)
			return "permission denied";
		return "read error: " + describe(e);
	}

	private static boolean startsWith(byte[] head, int length, int... magic) {
		if (length < magic.length)
			return false;
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xff) != magic[i])
				return false;
		}
		return true;
	}

	/**
	 * The input size elongation is checked for here: AlexNet's. A network with a larger input refuses a few more images
	 * when it places them (reported as skipped like these).
	 */
	private static final int CHECKED_INPUT_SIZE = InputSpec.IMAGENET.size();

	/** Refuses sizes the rest of the pipeline cannot take, before any pixel is decoded. */
	static void checkSize(int width, int height) throws UnreadableImageException {
		if (width < 1 || height < 1)
			throw new UnreadableImageException("zero-sized image (" + width + "x" + height + ")");
		if ((long) width * height > MAX_PIXELS)
			throw new UnreadableImageException("too large: " + width + "x" + height + " pixels, more than " +
				MAX_PIXELS);
		if (!Placement.canPlace(width, height, CHECKED_INPUT_SIZE))
			throw new UnreadableImageException("too elongated to scale its shorter side to " + CHECKED_INPUT_SIZE +
				" (" + width + "x" + height + ")");
	}

	/** A decoder's exception as reason text: its message, or its type if it has none, then its cause's. */
	static String describe(Throwable e) {
		String message = e.getMessage();
		String text = message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
		Throwable cause = e.getCause();
		return cause == null || cause == e ? text : text + ": " + describe(cause);
	}
}
