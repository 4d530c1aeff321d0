package org.convnetexplorer.files;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The text state files of ours (the output manifest, the record of verified weights): a first line naming what the
 * file is, its version and a CRC-32C of the body that follows. Read back, a file of another kind or version, or whose
 * body does not match its checksum, is refused with the reason, never trusted.
 */
public final class CheckedText {

	private static final String VERSION = ", version ";
	private static final String CHECKSUM = ", CRC-32C ";

	private CheckedText() {}

	/** A refusal: what is wrong with the text, in words. */
	public static final class Mismatch extends Exception {
		private static final long serialVersionUID = 1L;

		Mismatch(String reason) {
			super(reason, null, false, false);
		}
	}

	/** {@code body} under its first line: "# KIND, version N, CRC-32C xxxxxxxx". */
	public static byte[] write(String kind, int version, String body) {
		return ("# " + kind + VERSION + version + CHECKSUM + checksum(body) + "\n" + body).getBytes(StandardCharsets.UTF_8);
	}

	/** The body of a text {@link #write} wrote with this kind and version. */
	public static String read(String kind, int version, byte[] bytes) throws Mismatch {
		String text = new String(bytes, StandardCharsets.UTF_8);
		int firstLineEnd = text.indexOf('\n');
		String firstLine = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
		String body = firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1);
		if (!firstLine.startsWith("# " + kind + VERSION)) throw new Mismatch("it does not start with its version");
		String rest = firstLine.substring(("# " + kind + VERSION).length());
		int comma = rest.indexOf(CHECKSUM);
		String written = comma < 0 ? rest : rest.substring(0, comma);
		if (!written.equals(String.valueOf(version)))
			throw new Mismatch("it is version " + written + ", this ConvNet Explorer reads version " + version);
		if (comma < 0 || !rest.substring(comma + CHECKSUM.length()).equals(checksum(body)))
			throw new Mismatch("its checksum does not match its content (changed or damaged since it was written)");
		return body;
	}

	private static String checksum(String body) {
		CRC32C crc = new CRC32C();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		return String.format("%08x", crc.getValue());
	}
}
