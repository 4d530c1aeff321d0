package org.convnetexplorer.geometry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The receptive fields of a layer's units, per range of channels: each range has one {@link UnitField} (the same for
 * every position, shifted by the jump) or the reason its units have no box in the input (after a global pooling, a
 * gate mixing in whole-image values, a reshape across space, branches that do not align). Ranges with equal fields are
 * merged, so a plain layer has one range.
 * <p>
 * The operations follow a network's operators: {@link #window} for convolutions and pools that keep channels apart
 * (pooling, depthwise), {@link #mixed} for channel-mixing convolutions, {@link #concat} and {@link #merged} for branches
 * meeting, {@link #notBox} where the field stops being a box. They know nothing of any model format.
 */
public final class LayerFields {

	/** Channels [from, to) share {@code field}, or have none for {@code reason}. */
	public static final class Group {
		public final int from;
		public final int to;
		/** Null where the units have no box field. */
		public final UnitField field;
		/** Why there is no box field; null where there is. */
		public final String reason;

		Group(int from, int to, UnitField field, String reason) {
			this.from = from;
			this.to = to;
			this.field = field;
			this.reason = reason;
		}

		Group shifted(int offset) {
			return new Group(from + offset, to + offset, field, reason);
		}

		boolean sameAs(Group g) {
			return Objects.equals(field, g.field) && Objects.equals(reason, g.reason);
		}

		@Override
		public String toString() {
			return "units " + from + "-" + (to - 1) + ": " + (field != null ? field : reason);
		}
	}

	private final int channels;
	private final List<Group> groups;
	/** The global gates that scale these units (or the units they read), as their operators describe them. */
	private final List<String> gates;

	private LayerFields(int channels, List<Group> groups, List<String> gates) {
		this.channels = channels;
		this.groups = Collections.unmodifiableList(compact(groups));
		this.gates = List.copyOf(gates);
	}

	/** The network input: every channel's unit is one pixel. */
	public static LayerFields input(int channels) {
		return uniform(channels, UnitField.PIXEL);
	}

	public static LayerFields uniform(int channels, UnitField field) {
		return new LayerFields(channels, List.of(new Group(0, channels, field, null)), List.of());
	}

	/** No unit has a box field, for {@code reason}. */
	public static LayerFields notBox(int channels, String reason) {
		return new LayerFields(channels, List.of(new Group(0, channels, null, reason)), List.of());
	}

	public int channels() {
		return channels;
	}

	/** The channel ranges, in order, covering 0..channels. */
	public List<Group> groups() {
		return groups;
	}

	/** The group holding {@code channel}. */
	public Group group(int channel) {
		for (Group g : groups)
			if (channel >= g.from && channel < g.to) return g;
		throw new IndexOutOfBoundsException("channel " + channel + " of " + channels);
	}

	/** The channel's field, or null where it has none ({@link #reason(int)} says why). */
	public UnitField field(int channel) {
		return group(channel).field;
	}

	public String reason(int channel) {
		return group(channel).reason;
	}

	/** Whether every unit has a box field. */
	public boolean allBoxes() {
		return groups.stream().allMatch(g -> g.field != null);
	}

	/** The first reason a unit has no box field; null where all have one. */
	public String firstReason() {
		return groups.stream().filter(g -> g.reason != null).map(g -> g.reason).findFirst().orElse(null);
	}

	/** Each box field changed by {@code change} (a window or padding that keeps channels apart); reasons kept. */
	public LayerFields window(UnaryOperator<UnitField> change) {
		List<Group> out = new ArrayList<>();
		for (Group g : groups)
			out.add(g.field == null ? g : new Group(g.from, g.to, change.apply(g.field), null));
		return new LayerFields(channels, out, gates);
	}

	/**
	 * A layer of {@code outChannels} units in {@code groupCount} groups, each output group reading all channels of the
	 * matching input group (a convolution's groups; 1: every unit reads every channel): each output unit's field is
	 * the union of its input channels' fields, then changed by {@code change}. Channels with different steps, or with
	 * no box, give the output group no box; {@code where} names the operator in that reason.
	 */
	public LayerFields mixed(int outChannels, int groupCount, UnaryOperator<UnitField> change, String where) {
		if (channels % groupCount != 0 || outChannels % groupCount != 0)
			throw new IllegalArgumentException(groupCount + " groups for " + channels + " → " + outChannels + " channels");
		int in = channels / groupCount;
		int out = outChannels / groupCount;
		List<Group> result = new ArrayList<>();
		for (int g = 0; g < groupCount; g++) {
			Group merged = union(g * in, (g + 1) * in, where);
			UnitField field = merged.field == null ? null : change.apply(merged.field);
			result.add(new Group(g * out, (g + 1) * out, field, merged.reason));
		}
		return new LayerFields(outChannels, result, gates);
	}

	/** Each channel's field the union over channels [c − before, c + after] (clipped): a local window across channels. */
	public LayerFields acrossChannels(int before, int after, String where) {
		List<Group> result = new ArrayList<>();
		for (int c = 0; c < channels; c++) {
			Group u = union(Math.max(0, c - before), Math.min(channels, c + after + 1), where);
			result.add(new Group(c, c + 1, u.field, u.reason));
		}
		return new LayerFields(channels, result, gates);
	}

	/** The union of channels [from, to)'s fields as one group (field or reason). */
	private Group union(int from, int to, String where) {
		UnitField field = null;
		for (Group g : groups) {
			if (g.to <= from || g.from >= to) continue;
			if (g.field == null) return new Group(from, to, null, g.reason);
			if (field == null) field = g.field;
			else {
				UnitField u = field.union(g.field);
				if (u == null)
					return new Group(from, to, null, where + " joins channels whose fields step differently (" + field
						+ " and " + g.field + ")");
				field = u;
			}
		}
		return new Group(from, to, field, null);
	}

	/** Channels [from, to) alone (a split or slice along channels): each unit keeps its field. */
	public LayerFields channels(int from, int to) {
		if (from < 0 || to > channels || from >= to)
			throw new IllegalArgumentException("channels " + from + ".." + to + " of " + channels);
		List<Group> out = new ArrayList<>();
		for (Group g : groups)
			if (g.to > from && g.from < to)
				out.add(new Group(Math.max(g.from, from) - from, Math.min(g.to, to) - from, g.field, g.reason));
		return new LayerFields(to - from, out, gates);
	}

	/** The channels reordered (a channel shuffle): unit c of the result is unit {@code from[c]} of this layer. */
	public LayerFields reordered(int[] from) {
		List<Group> out = new ArrayList<>();
		for (int c = 0; c < from.length; c++) {
			Group g = group(from[c]);
			out.add(new Group(c, c + 1, g.field, g.reason));
		}
		return new LayerFields(from.length, out, gates);
	}

	/** Channels stacked: each part's units keep their fields. */
	public static LayerFields concat(List<LayerFields> parts) {
		List<Group> out = new ArrayList<>();
		int offset = 0;
		for (LayerFields part : parts) {
			for (Group g : part.groups)
				out.add(g.shifted(offset));
			offset += part.channels;
		}
		return new LayerFields(offset, out, gatesOf(parts));
	}

	/**
	 * Two branches combined unit by unit (Add, Mul, …): each unit's field is the union of its two inputs' fields. A side
	 * of one channel is broadcast over the other's channels.
	 */
	public static LayerFields merged(LayerFields a, LayerFields b, String where) {
		if (a.channels != b.channels && a.channels != 1 && b.channels != 1)
			throw new IllegalArgumentException("cannot merge " + a.channels + " and " + b.channels + " channels");
		int channels = Math.max(a.channels, b.channels);
		List<Group> out = new ArrayList<>();
		for (int c = 0; c < channels; c++) {
			Group ga = a.group(a.channels == 1 ? 0 : c);
			Group gb = b.group(b.channels == 1 ? 0 : c);
			if (ga.field == null || gb.field == null) {
				out.add(new Group(c, c + 1, null, ga.field == null ? ga.reason : gb.reason));
				continue;
			}
			UnitField u = ga.field.union(gb.field);
			out.add(new Group(c, c + 1, u, u != null ? null
				: where + " joins branches whose fields step differently (" + ga.field + " and " + gb.field + ")"));
		}
		return new LayerFields(channels, out, gatesOf(List.of(a, b)));
	}

	/** The same channels, none with a box, for {@code reason} (kept where a unit already had a reason). */
	public LayerFields notBox(String reason) {
		List<Group> out = new ArrayList<>();
		for (Group g : groups)
			out.add(g.field == null ? g : new Group(g.from, g.to, null, reason));
		return new LayerFields(channels, out, gates);
	}

	/**
	 * These units scaled by a gate computed from the whole image, one number per image and channel (a
	 * squeeze-and-excitation block): their spatial field stays the ungated one, and {@code gate} describes the gate.
	 */
	public LayerFields gated(String gate) {
		List<String> all = new ArrayList<>(gates);
		if (!all.contains(gate)) all.add(gate);
		return new LayerFields(channels, groups, all);
	}

	/** The global gates that scale these units or the units they read, in the order met; empty for none. */
	public List<String> gates() {
		return gates;
	}

	private static List<String> gatesOf(List<LayerFields> parts) {
		List<String> all = new ArrayList<>();
		for (LayerFields part : parts)
			for (String gate : part.gates)
				if (!all.contains(gate)) all.add(gate);
		return all;
	}

	private static List<Group> compact(List<Group> groups) {
		List<Group> out = new ArrayList<>();
		for (Group g : groups) {
			if (g.from == g.to) continue;
			Group last = out.isEmpty() ? null : out.get(out.size() - 1);
			if (last != null && last.sameAs(g)) out.set(out.size() - 1, new Group(last.from, g.to, last.field, last.reason));
			else out.add(g);
		}
		return out;
	}

	@Override
	public String toString() {
		return groups.size() == 1 ? (groups.get(0).field != null ? groups.get(0).field.toString() : groups.get(0).reason)
			: groups.toString();
	}
}
