package org.convnetexplorer.weights;

import java.io.IOException;
import java.nio.file.Path;

/** A weights file that cannot be used. The message names the file and the reason. */
public class WeightsException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public WeightsException(Path file, String reason) {
		this(file, reason, null);
	}

	public WeightsException(Path file, String reason, Throwable cause) {
		this("cannot load " + file + ": " + reason, file, cause);
	}

	private WeightsException(String message, Path file, Throwable cause) {
		super(message, cause);
		this.file = file;
	}

	/** For files that try to make the loader do something a state dict never asks for. */
	static WeightsException refusing(Path file, String reason) {
		return new WeightsException("refusing to load " + file + ": " + reason, file, null);
	}

	/** The file that could not be loaded. */
	public Path file() {
		return file;
	}
}
