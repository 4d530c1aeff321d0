package org.convnetexplorer.onnx;

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
		super(file + ": " + reason);
		this.reason = reason;
	}

	public OnnxFormatException(Path file, String reason, Throwable cause) {
		super(file + ": " + reason, cause);
		this.reason = reason;
	}

	/** The message without the file name. */
	public String reason() {
		return reason;
	}
}
