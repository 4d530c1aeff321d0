package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Child-JVM main for {@link OutputFolderTest}: {@code hold DIR} claims the folder and keeps it until killed;
 * {@code write DIR BYTES} writes a topk.csv of that size into it, and prints the error's message if that fails.
 */
public final class OutputFolderChild {

	public static final String HELD = "child: holding the folder";

	private OutputFolderChild() {}

	public static void main(String[] args) throws Exception {
		Path folder = Paths.get(args[1]);
		if (args[0].equals("hold")) {
			try (OutputFolder held = OutputFolder.claim(folder, false, List.of())) {
				System.out.println(HELD);
				System.out.flush();
				Thread.sleep(Long.MAX_VALUE); // until killed
			}
		}
		byte[] content = new byte[Integer.parseInt(args[2])];
		try (OutputFolder output = OutputFolder.claim(folder, false, List.of(TopkCsv.FILE))) {
			output.write(TopkCsv.FILE, file -> Files.write(file, content));
			System.out.println("written");
		}
		catch (IOException e) {
			System.out.println("error: " + e.getMessage());
			System.exit(1);
		}
	}
}
