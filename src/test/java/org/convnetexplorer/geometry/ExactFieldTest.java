package org.convnetexplorer.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.convnetexplorer.geometry.Resampling.Coordinates;
import org.convnetexplorer.geometry.Resampling.Interpolation;
import org.junit.jupiter.api.Test;

/**
 * Exact fields against a simulation that carries, for every position of every map, the set of input pixels it reads
 * (windows skip padding, resampling reads what it weighs by more than 0, a transposed convolution's outputs read the
 * inputs that add into them): the field's interval, clipped to the input, is the set's bounding interval everywhere.
 * The regular part of the chain covers the input and does not skip taps at its ends, where regular fields hold (past
 * the map's ends, where a window reads padding, a regular field continues in steps of its jump).
 */
class ExactFieldTest {

	private static final int INPUT = 36;

	@Test
	void upsamplingAndTransposedConvolutionsAreExactAtEveryPosition() {
		Chain encoder = Chain.input(INPUT).window(SlidingWindow.of(3, 1, 1)).window(SlidingWindow.of(2, 2, 0));
		Chain deep = encoder.window(new SlidingWindow(3, 2, 1, 1, 1, false));
		assertTrue(deep.field.isRegular());
		Chain up = deep.transposed(3, 2, 1, 1, 1, 1).resampled(Coordinates.HALF_PIXEL, Interpolation.LINEAR, 2.0);
		assertFalse(up.field.isRegular());
		Chain decoder = up.window(SlidingWindow.of(3, 1, 1));
		Chain joined = decoder.union(encoder.resampled(Coordinates.ASYMMETRIC, Interpolation.NEAREST_FLOOR,
			(double) decoder.length() / encoder.length()));
		Chain end = joined.window(new SlidingWindow(1, 1, 1, 1, 2, false)).window(new SlidingWindow(3, 3, 2, 0, 1, true))
			.transposed(4, 3, 1, 0, 2, 2).resampled(Coordinates.ALIGN_CORNERS, Interpolation.LINEAR, 1.7)
			.resampled(Coordinates.PYTORCH_HALF_PIXEL, Interpolation.NEAREST_ROUND_PREFER_CEIL, 0.6);
		for (Chain c : List.of(up, decoder, joined, end))
			c.check();
		assertTrue(end.field.toString().startsWith("exact per position over " + end.length() + ", sizes "), end.field.toString());
	}

	/** A decoder of 40 residual blocks after an upsampling: each block joins two exact fields, each still exact. */
	@Test
	void residualBlocksAfterUpsamplingStayExact() {
		Chain c = Chain.input(INPUT).window(SlidingWindow.of(3, 2, 1))
			.resampled(Coordinates.HALF_PIXEL, Interpolation.LINEAR, 2.0);
		for (int block = 0; block < 40; block++)
			c = c.window(SlidingWindow.of(3, 1, 1)).union(c);
		c.check();
		assertEquals(INPUT, c.field.inputEnd(0));
	}

	@Test
	void transposedConvolutionReadsTheInputsThatAddIntoIt() {
		TransposedWindow t = new TransposedWindow(3, 2, 1, 1, 1, 1, 4);
		assertEquals(8, t.outLength());
		assertEquals(0, t.first(0));
		assertEquals(0, t.last(0));
		assertEquals(0, t.first(1));
		assertEquals(1, t.last(1));
		assertEquals(3, t.first(7));
		assertEquals(3, t.last(7));
	}

	@Test
	void halfPixelUpsamplingClampsAtTheBorders() {
		Resampling r = new Resampling(8, 16, 2, Coordinates.HALF_PIXEL, Interpolation.LINEAR);
		assertEquals(0, r.first(0));
		assertEquals(0, r.last(0));
		assertEquals(0, r.first(1));
		assertEquals(1, r.last(1));
		assertEquals(0.75, r.weight(2), 0);
		assertEquals(7, r.first(15));
		assertEquals(7, r.last(15));
		AxisField f = new AxisField(2, -1, 4).mapped(r);
		assertEquals(-1, f.inputStart(0));
		assertEquals(3, f.inputEnd(0));
		assertEquals(5, f.inputEnd(1));
		assertEquals(6, f.largestSize());
	}

	/** One axis through a chain of maps: the field as the geometry computes it and each position's input pixels. */
	private static final class Chain {
		final AxisField field;
		final List<BitSet> reads;

		Chain(AxisField field, List<BitSet> reads) {
			this.field = field;
			this.reads = reads;
		}

		static Chain input(int n) {
			List<BitSet> reads = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				BitSet b = new BitSet();
				b.set(i);
				reads.add(b);
			}
			return new Chain(AxisField.PIXEL, reads);
		}

		int length() {
			return reads.size();
		}

		Chain window(SlidingWindow w) {
			List<BitSet> out = new ArrayList<>();
			for (long o = 0; o < w.outputLength(length()); o++) {
				BitSet b = new BitSet();
				for (int t = 0; t < w.kernel; t++) {
					long i = o * w.stride - w.padBegin + (long) w.dilation * t;
					if (i >= 0 && i < length()) b.or(reads.get((int) i));
				}
				out.add(b);
			}
			AxisField f = field.isRegular() ? w.field(field) : field.window(w);
			return new Chain(f, out);
		}

		Chain transposed(int kernel, int stride, int dilation, int padBegin, int padEnd, int outputPadding) {
			TransposedWindow t = new TransposedWindow(kernel, stride, dilation, padBegin, padEnd, outputPadding, length());
			List<BitSet> out = new ArrayList<>();
			for (int o = 0; o < t.outLength(); o++)
				out.add(new BitSet());
			for (int i = 0; i < length(); i++)
				for (int k = 0; k < kernel; k++) {
					long o = (long) i * stride - padBegin + (long) dilation * k;
					if (o >= 0 && o < out.size()) out.get((int) o).or(reads.get(i));
				}
			return new Chain(field.mapped(t), out);
		}

		Chain resampled(Coordinates coordinates, Interpolation interpolation, double scale) {
			long n = (long) Math.floor(length() * scale);
			Resampling r = new Resampling(length(), n, scale, coordinates, interpolation);
			List<BitSet> out = new ArrayList<>();
			for (long o = 0; o < n; o++) {
				double x = r.source(o);
				long lo = (long) Math.floor(x);
				double w = x - lo;
				BitSet b = new BitSet();
				if (interpolation == Interpolation.LINEAR) {
					if (w < 1) b.or(reads.get(clamp(lo)));
					if (w > 0) b.or(reads.get(clamp(lo + 1)));
				}
				else b.or(reads.get((int) r.first(o)));
				out.add(b);
			}
			return new Chain(field.mapped(r), out);
		}

		Chain union(Chain other) {
			assertEquals(length(), other.length());
			List<BitSet> out = new ArrayList<>();
			for (int i = 0; i < length(); i++) {
				BitSet b = (BitSet) reads.get(i).clone();
				b.or(other.reads.get(i));
				out.add(b);
			}
			AxisField f = field.union(other.field);
			assertNotNull(f);
			return new Chain(f, out);
		}

		private int clamp(long i) {
			return (int) Math.max(0, Math.min(length() - 1, i));
		}

		void check() {
			for (int o = 0; o < length(); o++) {
				BitSet b = reads.get(o);
				long start = Math.max(0, Math.min(INPUT, field.inputStart(o)));
				long end = Math.max(0, Math.min(INPUT, field.inputEnd(o)));
				String where = "position " + o + " of " + length() + ", field " + field;
				if (b.isEmpty()) assertEquals(start, end, where + " reads nothing");
				else assertEquals(b.nextSetBit(0) + ".." + b.length(), start + ".." + end, where);
			}
		}
	}
}
