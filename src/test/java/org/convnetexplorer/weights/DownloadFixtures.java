package org.convnetexplorer.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test data and checks shared by the weights tests. */
final class DownloadFixtures {

	private DownloadFixtures() {}

	/** Stands in for a weight file: a few MB, so that a download takes many chunks. */
	static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static String sha256(byte[] bytes) {
		try {
			return Sha256.hexOf(new ByteArrayInputStream(bytes));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A URL on 127.0.0.1 at a port where nothing listens, so that connecting is refused. */
	static String refusingUrl(String path) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort() + path;
		}
	}

	/** The names of the files in {@code dir}, sorted. */
	static List<String> fileNames(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
