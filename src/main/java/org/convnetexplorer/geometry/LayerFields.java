package org.convnetexplorer.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The receptive fields of one layer's units: one field for all of them, one per group of consecutive units (the
 * branches of a concatenation can see differently sized fields), or none, with the reason why the units' fields are no
 * boxes in the input (after a global pooling, for example).
 */
public final class LayerFields {

	/** Units {@code firstUnit} up to the next group's first unit (or the layer's last unit) share {@code field}. */
	public static final class Group {
		public final int firstUnit;
		public final ReceptiveField field;

		public Group(int firstUnit, ReceptiveField field) {
			if (firstUnit < 0) throw new IllegalArgumentException("first unit must be 0 or more, not " + firstUnit);
			this.firstUnit = firstUnit;
			this.field = field;
		}

		@Override
		public String toString() {
			return "from unit " + firstUnit + ": " + field;
		}
	}

	private final List<Group> groups;
	private final String noBoxReason;

	private LayerFields(List<Group> groups, String noBoxReason) {
		this.groups = groups;
		this.noBoxReason = noBoxReason;
	}

	/** Every unit has this field. */
	public static LayerFields uniform(ReceptiveField field) {
		return new LayerFields(List.of(new Group(0, field)), null);
	}

	/** Groups of consecutive units, the first starting at unit 0, in increasing order of their first unit. */
	public static LayerFields grouped(List<Group> groups) {
		if (groups.isEmpty() || groups.get(0).firstUnit != 0)
			throw new IllegalArgumentException("the first group must start at unit 0: " + groups);
		for (int i = 1; i < groups.size(); i++)
			if (groups.get(i).firstUnit <= groups.get(i - 1).firstUnit)
				throw new IllegalArgumentException("groups must start at increasing units: " + groups);
		return new LayerFields(List.copyOf(groups), null);
	}

	/** The units' fields are no boxes in the input, for this reason (said to the user as it is). */
	public static LayerFields none(String reason) {
		return new LayerFields(List.of(), reason);
	}

	/** Whether every unit's field is a box in the input. */
	public boolean areBoxes() {
		return noBoxReason == null;
	}

	/** Why the fields are no boxes; empty where they are. */
	public Optional<String> noBoxReason() {
		return Optional.ofNullable(noBoxReason);
	}

	/** Empty where the fields are no boxes. */
	public List<Group> groups() {
		return groups;
	}

	/** The field of a unit. @throws IllegalStateException with the reason, where the fields are no boxes */
	public ReceptiveField of(int unit) {
		if (noBoxReason != null) throw new IllegalStateException(noBoxReason);
		ReceptiveField field = groups.get(0).field;
		for (Group group : groups)
			if (group.firstUnit <= unit) field = group.field;
			else break;
		return field;
	}

	/** The longest side of any unit's field. @throws IllegalStateException where the fields are no boxes */
	public int largestSize() {
		if (noBoxReason != null) throw new IllegalStateException(noBoxReason);
		return groups.stream().mapToInt(group -> group.field.largestSize()).max().getAsInt();
	}

	/** @throws IllegalArgumentException if a group starts past the last of {@code units} units */
	public void checkFits(int units) {
		for (Group group : groups)
			if (group.firstUnit >= units)
				throw new IllegalArgumentException("a group starts at unit " + group.firstUnit + " of " + units);
	}

	/**
	 * For a layer of {@code units} units: "jump 16, start -34, size 99", "units 0-63: …; units 64-127: …" where groups
	 * differ, or "no box field: reason".
	 */
	public String describe(int units) {
		if (noBoxReason != null) return "no box field: " + noBoxReason;
		if (groups.size() == 1) return groups.get(0).field.toString();
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < groups.size(); i++) {
			int last = (i + 1 < groups.size() ? groups.get(i + 1).firstUnit : units) - 1;
			parts.add("units " + groups.get(i).firstUnit + "-" + last + ": " + groups.get(i).field);
		}
		return String.join("; ", parts);
	}
}
