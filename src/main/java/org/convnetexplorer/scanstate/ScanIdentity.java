package org.convnetexplorer.scanstate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.images.InputSpec;

/**
 * What a scan's numbers depend on: the images (folder, and the sorted listing by count and SHA-256), the network
 * (its name, the SHA-256 of its weights or model, its input, the precision), the layers, k and the batch size (a chunk of the listing is one batch, and
 * the batch an image is computed in decides the last bits of its activations). Two checkpoints or shards with the same
 * identity are parts of one scan; a resume or merge names the fields that differ.
 */
public final class ScanIdentity implements Serializable {

	private static final long serialVersionUID = 1L;

	/** Field names, in the order they are written and compared. */
	public static final List<String> FIELDS = List.of("images", "recursive", "files", "listing_sha256", "network",
		"network_sha256", "input", "precision", "layers", "top", "batch");

	private final LinkedHashMap<String, String> fields;

	private ScanIdentity(Map<String, String> fields) {
		this.fields = new LinkedHashMap<>(fields);
	}

	/**
	 * The identity of a scan of {@code listing} (sorted relative paths) from the folder or URI {@code images}.
	 *
	 * @param networkSha256 the SHA-256 of what the network computes with: {@link #networkSha256} of its provenance
	 */
	public static ScanIdentity of(String images, boolean recursive, List<String> listing, String network,
		String networkSha256, InputSpec input, String precision, List<String> layers, int top, int batch)
	{
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("images", images);
		fields.put("recursive", String.valueOf(recursive));
		fields.put("files", String.valueOf(listing.size()));
		fields.put("listing_sha256", listingSha256(listing));
		fields.put("network", network);
		fields.put("network_sha256", networkSha256);
		fields.put("input", input.toString());
		fields.put("precision", precision);
		fields.put("layers", String.join(",", layers));
		fields.put("top", String.valueOf(top));
		fields.put("batch", String.valueOf(batch));
		return new ScanIdentity(fields);
	}

	/** The SHA-256 values of a trunk's provenance (weights, model), in its order, joined by commas. */
	public static String networkSha256(Map<String, Object> provenance) {
		return provenance.entrySet().stream().filter(fact -> fact.getKey().endsWith("sha256"))
			.map(fact -> String.valueOf(fact.getValue())).collect(Collectors.joining(","));
	}

	/** SHA-256 of the paths, each ended by a NUL (a file name cannot hold one). */
	static String listingSha256(List<String> listing) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String path : listing) {
				digest.update(path.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			StringBuilder hex = new StringBuilder();
			for (byte b : digest.digest())
				hex.append(String.format("%02x", b));
			return hex.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("no SHA-256 in this Java", e);
		}
	}

	/** The images folder (or URI) as the scan named it. */
	public String images() {
		return fields.get("images");
	}

	public boolean recursive() {
		return Boolean.parseBoolean(fields.get("recursive"));
	}

	/** How many files the listing held. */
	public int files() {
		return Integer.parseInt(fields.get("files"));
	}

	/** The network's name ("AlexNet", a model's file name). */
	public String network() {
		return fields.get("network");
	}

	/** {@link #networkSha256(Map)} of the network's provenance. */
	public String networkSha256() {
		return fields.get("network_sha256");
	}

	/** The input, as {@link InputSpec#toString} says it. */
	public String input() {
		return fields.get("input");
	}

	public String precision() {
		return fields.get("precision");
	}

	public List<String> layers() {
		return List.of(fields.get("layers").split(","));
	}

	public int top() {
		return Integer.parseInt(fields.get("top"));
	}

	public int batch() {
		return Integer.parseInt(fields.get("batch"));
	}

	/** The fields that differ, as "top (9 in A, 5 in B)"; empty when the two are parts of one scan. */
	public List<String> differences(ScanIdentity other, String thisName, String otherName) {
		List<String> differences = new ArrayList<>();
		for (String field : FIELDS)
			if (!fields.get(field).equals(other.fields.get(field)))
				differences.add(field + " (" + describe(field, fields.get(field)) + " in " + thisName + ", " +
					describe(field, other.fields.get(field)) + " in " + otherName + ")");
		return differences;
	}

	private static String describe(String field, String value) {
		if (value == null) return "none";
		return field.endsWith("sha256") && value.length() > 12 ? value.substring(0, 12) + "…" : value;
	}

	void write(DataOutput out) throws IOException {
		out.writeInt(FIELDS.size());
		for (String field : FIELDS) {
			StateFile.writeString(out, field);
			StateFile.writeString(out, fields.get(field));
		}
	}

	static ScanIdentity read(DataInput in) throws IOException {
		int count = StateFile.readCount(in, 1000, "identity fields");
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < count; i++)
			fields.put(StateFile.readString(in), StateFile.readString(in));
		for (String field : FIELDS)
			if (!fields.containsKey(field)) throw new IOException("its identity lacks '" + field + "'");
		return new ScanIdentity(fields);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ScanIdentity && ((ScanIdentity) other).fields.equals(fields);
	}

	@Override
	public int hashCode() {
		return fields.hashCode();
	}
}
