package org.convnetexplorer.geometry;

/** A unit's receptive field in both axes: the box {@code y.inputStart(fy) .. , x.inputStart(fx) ..} of the input. */
public final class UnitField {

	/** An input pixel. */
	public static final UnitField PIXEL = new UnitField(AxisField.PIXEL, AxisField.PIXEL);

	public final AxisField y;
	public final AxisField x;

	public UnitField(AxisField y, AxisField x) {
		this.y = y;
		this.x = x;
	}

	/** After a window: kernel, stride, dilation and leading padding per axis (y first). */
	public UnitField window(int kernelY, int kernelX, int strideY, int strideX, int dilationY, int dilationX, int padTop,
		int padLeft)
	{
		return new UnitField(y.window(kernelY, strideY, dilationY, padTop), x.window(kernelX, strideX, dilationX, padLeft));
	}

	/** After padding the map by {@code top} rows and {@code left} columns at its start. */
	public UnitField padded(int top, int left) {
		return new UnitField(y.padded(top), x.padded(left));
	}

	/** The smallest field covering both; null where their steps differ (no single box). */
	public UnitField union(UnitField other) {
		AxisField uy = y.union(other.y);
		AxisField ux = x.union(other.x);
		return uy == null || ux == null ? null : new UnitField(uy, ux);
	}

	/** The box, half-open, in input pixels, of the unit at feature-map position (fy, fx). */
	public Box inputBox(int fy, int fx) {
		long x0 = x.inputStart(fx);
		long y0 = y.inputStart(fy);
		return new Box(x0, y0, x0 + x.size, y0 + y.size);
	}

	/** The same jump, start and size on both axes. */
	public static UnitField square(long jump, long start, long size) {
		AxisField axis = new AxisField(jump, start, size);
		return new UnitField(axis, axis);
	}

	/** The longer side, in input pixels. */
	public long largestSize() {
		return Math.max(y.size, x.size);
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
