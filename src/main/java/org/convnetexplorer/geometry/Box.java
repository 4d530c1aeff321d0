package org.convnetexplorer.geometry;

/** Axis-aligned integer box, half-open: x0 ≤ x &lt; x1, y0 ≤ y &lt; y1. */
public final class Box {

	public final long x0;
	public final long y0;
	public final long x1;
	public final long y1;

	public Box(long x0, long y0, long x1, long y1) {
		this.x0 = x0;
		this.y0 = y0;
		this.x1 = x1;
		this.y1 = y1;
	}

	public long width() {
		return x1 - x0;
	}

	public long height() {
		return y1 - y0;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Box)) return false;
		Box b = (Box) o;
		return x0 == b.x0 && y0 == b.y0 && x1 == b.x1 && y1 == b.y1;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(((x0 * 31 + y0) * 31 + x1) * 31 + y1);
	}

	@Override
	public String toString() {
		return "[" + x0 + "," + y0 + ")-[" + x1 + "," + y1 + ")";
	}
}
