package org.convnetexplorer.files;

/**
 * Named moments of a run at which a test can make the process die at once, as a kill -9 or a node failure would: no
 * finally block, shutdown hook or buffered write runs. Set {@value #PROPERTY} to a point's name; unset (always, outside
 * the tests that prove every moment of a scan can be resumed), {@link #reached} does nothing.
 */
public final class CrashPoint {

	public static final String PROPERTY = "convnetexplorer.crashAt";
	/** The exit status of a process killed by SIGKILL, which a halt here imitates. */
	public static final int KILLED_STATUS = 137;

	private static final String CRASH_AT = System.getProperty(PROPERTY);

	private CrashPoint() {}

	/** Halts the process if {@code point} is the one asked for. */
	public static void reached(String point) {
		if (point.equals(CRASH_AT)) Runtime.getRuntime().halt(KILLED_STATUS);
	}
}
