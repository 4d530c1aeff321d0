package org.convnetexplorer.geometry;

/** A unit's receptive field in both axes: the box {@code y.inputStart(fy) .. y.inputEnd(fy)} by {@code x.…(fx)} of the input. */
public final class UnitField {

	/** An input pixel. */
	public static final UnitField PIXEL = new UnitField(AxisField.PIXEL, AxisField.PIXEL);

	public final AxisField y;
	public final AxisField x;

	public UnitField(AxisField y, AxisField x) {
		this.y = y;
		this.x = x;
	}

	/** After a window given per axis. */
	public UnitField window(SlidingWindow alongY, SlidingWindow alongX) {
		return new UnitField(alongY.field(y), alongX.field(x));
	}

	/** After padding the map by {@code top} rows and {@code left} columns at its start, {@code bottom}, {@code right} at its end. */
	public UnitField padded(int top, int left, int bottom, int right) {
		return new UnitField(y.padded(top, bottom), x.padded(left, right));
	}

	/** After a mapping given per axis (upsampling, a transposed convolution): see {@link AxisField#mapped}. */
	public UnitField mapped(IndexMapping alongY, IndexMapping alongX) {
		return new UnitField(y.mapped(alongY), x.mapped(alongX));
	}

	/** The smallest field covering both; null where their steps differ (no single box). */
	public UnitField union(UnitField other) {
		AxisField uy = y.union(other.y);
		AxisField ux = x.union(other.x);
		return uy == null || ux == null ? null : new UnitField(uy, ux);
	}

	/** The box, half-open, in input pixels, of the unit at feature-map position (fy, fx). */
	public Box inputBox(int fy, int fx) {
		return new Box(x.inputStart(fx), y.inputStart(fy), x.inputEnd(fx), y.inputEnd(fy));
	}

	/** The same jump, start and size on both axes. */
	public static UnitField square(long jump, long start, long size) {
		AxisField axis = new AxisField(jump, start, size);
		return new UnitField(axis, axis);
	}

	/** The longer side, in input pixels. */
	public long largestSize() {
		return Math.max(y.largestSize(), x.largestSize());
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof UnitField && ((UnitField) o).y.equals(y) && ((UnitField) o).x.equals(x);
	}

	@Override
	public int hashCode() {
		return y.hashCode() * 31 + x.hashCode();
	}

	/** "jump 4, start -2, size 11" where both axes agree, else "y: …; x: …". */
	@Override
	public String toString() {
		return y.equals(x) ? y.toString() : "y: " + y + "; x: " + x;
	}
}
