package org.convnetexplorer.visualize;

import java.util.Locale;

/**
 * How the image is optimised: lucid's recipe (Olah et al. 2017) or the Deep Visualization Toolbox's regularised
 * gradient ascent (Yosinski et al. 2015); docs/feature-visualization.md compares them.
 */
public enum Method {
	/** Fourier basis scaled by 1/frequency, decorrelated colour, sigmoid, random jitter/scale/rotation, Adam. */
	LUCID,
	/** Pixels, gradient ascent with L2 decay, a Gaussian blur every few steps and small-norm pixels clipped to grey. */
	DEEPVIS;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException naming the values there are */
	public static Method fromId(String id) {
		for (Method method : values())
			if (method.id().equals(id.trim().toLowerCase(Locale.ROOT))) return method;
		throw new IllegalArgumentException("unknown method '" + id + "': expected lucid or deepvis");
	}
}
