package org.convnetexplorer.images;

import java.io.IOException;

/**
 * A file that {@link ImageDecoder} cannot turn into an image. The message is the reason only (for
 * example "empty file" or "truncated JPEG"), on one line, ready for a skipped-files table; the
 * caller adds the file name.
 */
public class UnreadableImageException extends IOException {

	private static final long serialVersionUID = 1L;

	public UnreadableImageException(String reason) {
		super(oneLine(reason));
	}

	public UnreadableImageException(String reason, Throwable cause) {
		super(oneLine(reason), cause);
	}

	// Reasons quote decoder messages, and ImageJ's contain line breaks: a table row needs one line.
	private static String oneLine(String reason) {
		return reason.replaceAll("\\s+", " ").trim();
	}
}
