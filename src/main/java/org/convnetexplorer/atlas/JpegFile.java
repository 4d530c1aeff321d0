package org.convnetexplorer.atlas;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.convnetexplorer.images.RgbImage;

/**
 * Writes RGB pixels as JPEG files with Java's own encoder, one encoder per thread (setting one up costs more than
 * encoding a strip of patches).
 */
final class JpegFile {

	/** High enough that fine texture in 32-64 px patches survives; the atlas's size is mostly these files. */
	private static final float QUALITY = 0.88f;

	private static final ThreadLocal<ImageWriter> WRITER = ThreadLocal.withInitial(() -> {
		var writers = ImageIO.getImageWritersByFormatName("jpeg");
		if (!writers.hasNext()) throw new IllegalStateException("no JPEG writer in this Java");
		return writers.next();
	});

	private JpegFile() {}

	static void write(RgbImage image, Path file) throws IOException {
		BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
		buffered.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
		ImageWriter writer = WRITER.get();
		ImageWriteParam param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(QUALITY);
		try (OutputStream bytes = new BufferedOutputStream(Files.newOutputStream(file));
			ImageOutputStream out = new MemoryCacheImageOutputStream(bytes))
		{
			writer.setOutput(out);
			writer.write(null, new IIOImage(buffered, null, null), param);
		}
		finally {
			writer.reset();
		}
	}
}
