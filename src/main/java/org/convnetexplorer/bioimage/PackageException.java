package org.convnetexplorer.bioimage;

import java.io.IOException;
import java.nio.file.Path;

/** A bioimage.io package that cannot be used: one line naming the package and the reason. */
public final class PackageException extends IOException {

	private static final long serialVersionUID = 1L;

	public PackageException(Path location, String reason) {
		super(location + ": " + reason);
	}
}
