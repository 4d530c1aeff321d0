package org.convnetexplorer.geometry;

/**
 * Where a unit at feature-map position (fy, fx) looks in the network's input: a square box starting at
 * {@code start + jump × index} (per axis) of side {@code size}, in input pixels, half-open. It may extend past the input
 * border, where the network saw zero padding.
 */
public final class ReceptiveField {

	public final int jump;
	public final int start;
	public final int size;

	public ReceptiveField(int jump, int start, int size) {
		this.jump = jump;
		this.start = start;
		this.size = size;
	}

	/** First input pixel (x or y) covered by the unit at feature-map index {@code index} along that axis. */
	public int inputStart(int index) {
		return start + jump * index;
	}

	/** The box in the network input's pixel coordinates. */
	public Box inputBox(int fy, int fx) {
		int x0 = inputStart(fx);
		int y0 = inputStart(fy);
		return new Box(x0, y0, x0 + size, y0 + size);
	}
}
