package org.convnetexplorer.images;

import java.util.Objects;

/**
 * A file the scan could not use, and why: what skipped.csv lists, whether the listing left it out (a folder's path
 * ends with '/') or the decoder refused it.
 */
public final class SkippedFile {

	/** Relative to the images folder, with '/'. */
	public final String path;
	public final String reason;

	public SkippedFile(String path, String reason) {
		this.path = path;
		this.reason = reason;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SkippedFile && path.equals(((SkippedFile) other).path) &&
			reason.equals(((SkippedFile) other).reason);
	}

	@Override
	public int hashCode() {
		return Objects.hash(path, reason);
	}

	@Override
	public String toString() {
		return path + ": " + reason;
	}
}
