package org.convnetexplorer.weights;

import java.io.IOException;
import java.nio.file.Path;

/** A weight file that cannot be had or cannot be used; the message names the file (or URL) and the reason. */
public class WeightsException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public WeightsException(String message) {
		this(message, null, null);
	}

	public WeightsException(String message, Throwable cause) {
		this(message, null, cause);
	}

	public WeightsException(Path file, String reason) {
		this(file, reason, null);
	}

	public WeightsException(Path file, String reason, Throwable cause) {
		this("cannot load " + file + ": " + printable(reason), file, cause);
	}

	private WeightsException(String message, Path file, Throwable cause) {
		super(message, cause);
		this.file = file;
	}

	/** For files that try to make the loader do something a state dict never asks for. */
	static WeightsException refusing(Path file, String reason) {
		return new WeightsException("refusing to load " + file + ": " + printable(reason), file, null);
	}

	/**
	 * The reason with control characters written as \\xNN: it quotes names from the file, whose line breaks would
	 * split a one-line message and whose escape sequences a terminal would obey.
	 */
	private static String printable(String reason) {
		StringBuilder text = new StringBuilder(reason.length());
		for (char c : reason.toCharArray()) {
			if (Character.isISOControl(c)) text.append(String.format("\\x%02x", (int) c));
			else text.append(c);
		}
		return text.toString();
	}

	/** The file that could not be loaded, where the error is about a file. */
	public Path file() {
		return file;
	}
}
