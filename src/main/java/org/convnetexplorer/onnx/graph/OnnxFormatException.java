package org.convnetexplorer.onnx.graph;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ONNX model that cannot be used: unreadable, malformed, hostile, or using what the importer does not support. The
 * message is one line naming the file and the reason. An {@link IOException}, as every file a job cannot use is.
 */
public final class OnnxFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	public OnnxFormatException(Path file, String reason) {
		this(file, reason, null);
	}

	public OnnxFormatException(Path file, String reason, Throwable cause) {
		super(file + ": " + oneLine(reason), cause);
		this.reason = oneLine(reason);
	}

	/** The reason with the control characters a model's names may hold written as escapes: one line, whatever names. */
	private static String oneLine(String reason) {
		StringBuilder line = new StringBuilder(reason.length());
		reason.codePoints().forEach(c -> {
			if (Character.isISOControl(c)) line.append(String.format("\\u%04x", c));
			else line.appendCodePoint(c);
		});
		return line.toString();
	}

	/** The message without the file name. */
	public String reason() {
		return reason;
	}
}
