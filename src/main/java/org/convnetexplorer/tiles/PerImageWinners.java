package org.convnetexplorer.tiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.geometry.UnitField;
import org.convnetexplorer.network.Layer;

/**
 * A unit's winners in one image: at most N positions, chosen greedily (the highest value first, ties by row-major
 * position; then each next highest whose field overlaps none already chosen by more than half), only values &gt; 0.
 * Two fields overlap by more than half where their intersection covers more than half of the smaller one's area
 * (fields as the boxes in the source image, not clipped to it).
 * <p>
 * Exact from each unit's {@link #candidates} highest positions: a winner suppresses at most
 * {@link #suppressed} positions, so the i-th winner ranks at most (i − 1) × that + 1 in the image.
 */
public final class PerImageWinners {

	private PerImageWinners() {}

	/** Whether two fields overlap by more than half of the smaller one's area. */
	public static boolean overlapMoreThanHalf(Box a, Box b) {
		long w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
		long h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
		long smaller = Math.min(a.width() * a.height(), b.width() * b.height());
		return 2 * w * h > smaller;
	}

	/** The most positions one winner of the layer's units suppresses (itself included). */
	static int suppressed(Layer layer) {
		int most = 1;
		for (int unit = 0; unit < layer.units(); unit = layer.fields().group(unit).to) {
			UnitField field = layer.field(unit);
			Box centre = field.inputBox(0, 0);
			int reachY = (int) (centre.height() / field.y.jump) + 1;
			int reachX = (int) (centre.width() / field.x.jump) + 1;
			int count = 0;
			for (int dy = -reachY; dy <= reachY; dy++)
				for (int dx = -reachX; dx <= reachX; dx++)
					if (overlapMoreThanHalf(centre, field.inputBox(dy, dx))) count++;
			most = Math.max(most, count);
		}
		return most;
	}

	/** The highest positions per unit that hold its {@code perImage} winners. */
	static int candidates(Layer layer, int perImage) {
		return (int) Math.min(1L << 20, (perImage - 1L) * suppressed(layer) + 1);
	}

	/** One candidate: a value at map position (fy, fx). */
	static final class Candidate {
		final float value;
		final int fy;
		final int fx;

		Candidate(float value, int fy, int fx) {
			this.value = value;
			this.fy = fy;
			this.fx = fx;
		}
	}

	/** The winners among a unit's candidates (every position of the image that may win), in rank order. */
	static List<Candidate> choose(Layer layer, int unit, List<Candidate> candidates, int perImage) {
		Candidate[] sorted = candidates.toArray(new Candidate[0]);
		Arrays.sort(sorted, (a, b) -> a.value != b.value ? Float.compare(b.value, a.value)
			: a.fy != b.fy ? Integer.compare(a.fy, b.fy) : Integer.compare(a.fx, b.fx));
		UnitField field = layer.field(unit);
		List<Candidate> chosen = new ArrayList<>();
		List<Box> boxes = new ArrayList<>();
		for (Candidate c : sorted) {
			if (chosen.size() == perImage || !(c.value > 0)) break;
			Box box = field.inputBox(c.fy, c.fx);
			if (boxes.stream().anyMatch(other -> overlapMoreThanHalf(box, other))) continue;
			chosen.add(c);
			boxes.add(box);
		}
		return chosen;
	}
}
