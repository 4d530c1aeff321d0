package org.convnetexplorer.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.files.RegularFile;

/** SHA-256 of files and streams, as lower-case hex, and the hex prefixes that name expected hashes. */
public final class Sha256 {

	private Sha256() {}

	/** Hashes the rest of {@code in}; does not close it. */
	static String hexOf(InputStream in) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[1 << 16];
		for (int n; (n = in.read(buffer)) != -1;) {
			digest.update(buffer, 0, n);
		}
		return hex(digest.digest());
	}

	public static String hexOf(byte[] data) {
		return hex(newDigest().digest(data));
	}

	private static String hex(byte[] hash) {
		StringBuilder hex = new StringBuilder(64);
		for (byte b : hash) {
			hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		}
		return hex.toString();
	}

	/** The file's hash; fails with the reason in words ("no such file or folder"), not the bare path. */
	public static String hexOf(Path file) throws IOException {
		try (InputStream in = RegularFile.open(file, Long.MAX_VALUE)) {
			return hexOf(in);
		}
		catch (IOException e) {
			throw new IOException(FileProblems.reason(e), e);
		}
	}

	/**
	 * Checks that {@code prefix} is 8 to 64 hex digits (8 is what torchvision puts in its file names; fewer would
	 * hardly check anything) and returns it in lower case, the form {@link #hexOf} produces.
	 */
	static String requirePrefix(String prefix) {
		if (prefix == null || !prefix.matches("[0-9a-fA-F]{8,64}")) {
			throw new IllegalArgumentException("Expected SHA-256 must be 8 to 64 hex digits, not " + prefix);
		}
		return prefix.toLowerCase(Locale.ROOT);
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime must provide SHA-256", e);
		}
	}
}
