package org.convnetexplorer.scanstate;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often a scan writes its checkpoint: {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}; {@code 0} never. */
public final class CheckpointInterval {

	private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	/** A few minutes: at most that much work is lost, and a 4,000-image scan on 2 cores writes none. */
	public static final String DEFAULT_TEXT = "5m";
	public static final Duration DEFAULT = parse(DEFAULT_TEXT);

	private CheckpointInterval() {}

	/** @return the interval, {@link Duration#ZERO} for never */
	public static Duration parse(String text) {
		Matcher matcher = FORMAT.matcher(text == null ? "" : text.trim());
		if (!matcher.matches()) throw new IllegalArgumentException(
			"checkpoint interval must be a number with ms, s, m or h (e.g. 30s, 5m), or 0 for none, not '" + text + "'");
		long amount = Long.parseLong(matcher.group(1));
		String unit = matcher.group(2) == null ? "s" : matcher.group(2);
		switch (unit) {
		case "ms": return Duration.ofMillis(amount);
		case "m": return Duration.ofMinutes(amount);
		case "h": return Duration.ofHours(amount);
		default: return Duration.ofSeconds(amount);
		}
	}
}
