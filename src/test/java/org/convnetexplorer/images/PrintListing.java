package org.convnetexplorer.images;

import java.nio.file.Paths;

/** Lists a folder recursively in a child JVM (run as another user where the test runs as root): files, then what was left out. */
public final class PrintListing {

	private PrintListing() {
	}

	public static void main(String[] args) throws Exception {
		ImageFolder.Listing listing = ImageFolder.listing(Paths.get(args[0]), true);
		for (String file : listing.files)
			System.out.println("file " + file);
		for (SkippedFile entry : listing.leftOut)
			System.out.println("left out " + entry.path + ": " + entry.reason);
	}
}
