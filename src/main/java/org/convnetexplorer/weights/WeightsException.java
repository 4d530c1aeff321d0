package org.convnetexplorer.weights;

import java.io.IOException;

/** A weight file that cannot be had or cannot be used; the message names the file (or URL) and the reason. */
public class WeightsException extends IOException {

	public WeightsException(String message) {
		super(message);
	}

	public WeightsException(String message, Throwable cause) {
		super(message, cause);
	}
}
