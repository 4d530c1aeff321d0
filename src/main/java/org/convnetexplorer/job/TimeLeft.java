package org.convnetexplorer.job;

import java.util.Locale;

/** How long a step still takes, as progress lines say it: "0m12s", "1h05m". */
public final class TimeLeft {

	private TimeLeft() {}

	/** {@code done} of {@code total} took {@code elapsedSeconds}: the rest at the same pace. */
	public static double seconds(double elapsedSeconds, long done, long total) {
		return done > 0 ? elapsedSeconds * (total - done) / done : 0;
	}

	public static String format(double seconds) {
		long s = Math.round(seconds);
		return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
			: String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
	}
}
