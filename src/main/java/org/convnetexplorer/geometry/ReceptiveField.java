package org.convnetexplorer.geometry;

import java.util.Objects;

/**
 * Where a unit at feature-map position (fy, fx) looks in the network's input: along each axis the field starts at
 * {@code start + jump × index} and is {@code size} input pixels long, half-open. The two axes may differ (a 1×7
 * convolution, an asymmetric padding); the box may extend past the input border, where the network saw padding.
 */
public final class ReceptiveField {

	public final int jumpY;
	public final int startY;
	public final int sizeY;
	public final int jumpX;
	public final int startX;
	public final int sizeX;

	/** The same jump, start and size on both axes. */
	public ReceptiveField(int jump, int start, int size) {
		this(jump, start, size, jump, start, size);
	}

	public ReceptiveField(int jumpY, int startY, int sizeY, int jumpX, int startX, int sizeX) {
		if (jumpY < 1 || jumpX < 1 || sizeY < 1 || sizeX < 1)
			throw new IllegalArgumentException("jumps and sizes must be positive: " + describe(jumpY, startY, sizeY) +
				" by " + describe(jumpX, startX, sizeX));
		this.jumpY = jumpY;
		this.startY = startY;
		this.sizeY = sizeY;
		this.jumpX = jumpX;
		this.startX = startX;
		this.sizeX = sizeX;
	}

	/** The box in the network input's pixel coordinates. */
	public Box inputBox(int fy, int fx) {
		long x0 = startX + (long) jumpX * fx;
		long y0 = startY + (long) jumpY * fy;
		return new Box(x0, y0, x0 + sizeX, y0 + sizeY);
	}

	public boolean isSquare() {
		return jumpY == jumpX && startY == startX && sizeY == sizeX;
	}

	/** The longer side, in input pixels. */
	public int largestSize() {
		return Math.max(sizeY, sizeX);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof ReceptiveField)) return false;
		ReceptiveField f = (ReceptiveField) o;
		return jumpY == f.jumpY && startY == f.startY && sizeY == f.sizeY && jumpX == f.jumpX && startX == f.startX &&
			sizeX == f.sizeX;
	}

	@Override
	public int hashCode() {
		return Objects.hash(jumpY, startY, sizeY, jumpX, startX, sizeX);
	}

	/** "jump 16, start -34, size 99", or "y: jump …; x: jump …" where the axes differ. */
	@Override
	public String toString() {
		return isSquare() ? describe(jumpX, startX, sizeX)
			: "y: " + describe(jumpY, startY, sizeY) + "; x: " + describe(jumpX, startX, sizeX);
	}

	private static String describe(int jump, int start, int size) {
		return "jump " + jump + ", start " + start + ", size " + size;
	}
}
