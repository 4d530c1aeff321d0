package org.convnetexplorer.geometry;

import java.util.Objects;

/**
 * The intervals of an exact {@link AxisField}, per index of a map of {@link #length}: through a mapping from the map
 * another field describes ({@link Mapped}), or the union of two fields ({@link Union}). Both intervals' ends are
 * non-decreasing in the index (over the units that read anything), so a mapping's interval runs from its first read
 * unit's start to its last one's end.
 */
abstract class ExactField {

	/** The first pixel of a unit that reads nothing: no interval's min takes it. */
	static final long NONE_FIRST = Long.MAX_VALUE;
	/** The end of a unit that reads nothing: no interval's max takes it. */
	static final long NONE_END = Long.MIN_VALUE;

	abstract long length();

	abstract long first(long index);

	abstract long end(long index);

	/** Output index o reads {@code inner}'s units {@code mapping.first(o)} to {@code mapping.last(o)}. */
	static final class Mapped extends ExactField {

		private final AxisField inner;
		private final IndexMapping mapping;

		Mapped(AxisField inner, IndexMapping mapping) {
			this.inner = inner;
			this.mapping = mapping;
		}

		@Override
		long length() {
			return mapping.outLength();
		}

		/** The first non-empty read unit's start: empty units (reading only padding) lie at the ends or between. */
		@Override
		long first(long index) {
			for (long i = mapping.first(index), last = mapping.last(index); i <= last; i++) {
				long first = inner.first(i);
				if (first != NONE_FIRST) return first;
			}
			return NONE_FIRST;
		}

		@Override
		long end(long index) {
			for (long i = mapping.last(index), first = mapping.first(index); i >= first; i--) {
				long end = inner.end(i);
				if (end != NONE_END) return end;
			}
			return NONE_END;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Mapped && ((Mapped) o).inner.equals(inner) && ((Mapped) o).mapping.equals(mapping);
		}

		@Override
		public int hashCode() {
			return Objects.hash(inner, mapping);
		}
	}

	/** Both fields' units at once (a branch joining another, or a unit reading channels of both). */
	static final class Union extends ExactField {

		private final AxisField a;
		private final AxisField b;

		Union(AxisField a, AxisField b) {
			this.a = a;
			this.b = b;
		}

		@Override
		long length() {
			return a.mapLength() >= 0 ? a.mapLength() : b.mapLength();
		}

		@Override
		long first(long index) {
			return Math.min(a.first(index), b.first(index));
		}

		@Override
		long end(long index) {
			return Math.max(a.end(index), b.end(index));
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Union && ((Union) o).a.equals(a) && ((Union) o).b.equals(b);
		}

		@Override
		public int hashCode() {
			return Objects.hash(a, b) + 1;
		}
	}
}
