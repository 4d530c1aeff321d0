package org.convnetexplorer.fiji;

import net.imagej.patcher.LegacyEnvironment;

/** Child-JVM main: runs a macro in headless ImageJ 1 (ij1-patcher), which finds plugins in -Dplugins.dir. */
public final class HeadlessMacroDriver {

	public static final String RETURNED = "driver: the macro returned";

	private HeadlessMacroDriver() {}

	public static void main(String[] args) throws Exception {
		LegacyEnvironment imagej = new LegacyEnvironment(null, true);
		imagej.runMacro(args[0], "");
		System.out.println(RETURNED);
		System.exit(0);
	}
}
