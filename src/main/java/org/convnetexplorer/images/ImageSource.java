package org.convnetexplorer.images;

import java.nio.file.Path;

/** How a run's images are read again for their patches: {@link ImageDecoder#read}, or as a native-size scan saw them. */
@FunctionalInterface
public interface ImageSource {

	/** What the scan's usual decoding shows: the first plane, 8-bit RGB. */
	ImageSource DECODED = ImageDecoder::read;

	RgbImage read(Path file) throws UnreadableImageException;
}
