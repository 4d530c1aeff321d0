package org.convnetexplorer.network;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.UnitField;
import org.convnetexplorer.weights.Sha256;

/**
 * A layer a user can choose, as its {@link Network} describes it at the network's input size: its name as the user
 * gives it ("conv3", "/features/features.3/Concat"), its units (channels), the height and width of its feature map,
 * and its units' receptive fields.
 */
public final class Layer {

	/** Names kept as they are in file names; others are made safe by {@link #fileNameOf}. */
	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.]{0,79}");

	private final String name;
	private final int units;
	private final int height;
	private final int width;
	private final LayerFields fields;

	/** @throws IllegalArgumentException where a size is not positive or the fields are not of {@code units} units */
	public Layer(String name, int units, int height, int width, LayerFields fields) {
		if (name == null || name.isEmpty()) throw new IllegalArgumentException("a layer needs a name");
		if (units < 1 || height < 1 || width < 1)
			throw new IllegalArgumentException(name + ": units and map size must be positive, not " + units + " units of " +
				height + "×" + width);
		if (fields.channels() != units)
			throw new IllegalArgumentException(name + ": fields of " + fields.channels() + " units for " + units);
		this.name = name;
		this.units = units;
		this.height = height;
		this.width = width;
		this.fields = fields;
	}

	/** The name as the user gives it: topk.csv's layer column, run.json, window titles. */
	public String name() {
		return name;
	}

	/** {@link #fileNameOf} the name: what its TIFF files are called, without extension. */
	public String fileName() {
		return fileNameOf(name);
	}

	public int units() {
		return units;
	}

	/** Feature-map height at the network's input size. */
	public int height() {
		return height;
	}

	/** Feature-map width at the network's input size. */
	public int width() {
		return width;
	}

	public LayerFields fields() {
		return fields;
	}

	/** The unit's receptive field. @throws IllegalStateException with the reason where it is no box */
	public UnitField field(int unit) {
		UnitField field = fields.field(unit);
		if (field == null) throw new IllegalStateException(name + " unit " + unit + " has no box field: " +
			fields.reason(unit));
		return field;
	}

	/** Why some of the units have no box field; null where all have one. */
	public String noBoxReason() {
		return fields.allBoxes() ? null : fields.firstReason();
	}

	/** The longest side of any unit's field, in input pixels. @throws IllegalStateException where one is no box */
	public long largestFieldSize() {
		long largest = 0;
		for (int unit = 0; unit < units; unit = fields.group(unit).to)
			largest = Math.max(largest, field(unit).largestSize());
		return largest;
	}

	/**
	 * A name as it may appear in a file name: names of a letter or digit followed by up to 79 letters, digits, '_' and
	 * '.' stay as they are (conv1..conv5); others have every other character replaced by '_', are cut to 60 characters
	 * and end in '-' and 8 hex digits of their SHA-256, so that two names never share a file.
	 */
	public static String fileNameOf(String name) {
		if (SAFE.matcher(name).matches()) return name;
		StringBuilder safe = new StringBuilder();
		for (char c : name.toCharArray())
			safe.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.') ? c : '_');
		String kept = safe.toString().replaceFirst("^[_.]+", "");
		if (kept.length() > 60) kept = kept.substring(0, 60);
		return kept + "-" + Sha256.hexOf(name.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Layer)) return false;
		Layer l = (Layer) o;
		return name.equals(l.name) && units == l.units && height == l.height && width == l.width;
	}

	@Override
	public int hashCode() {
		return Objects.hash(name, units, height, width);
	}

	/** The name. */
	@Override
	public String toString() {
		return name;
	}
}
