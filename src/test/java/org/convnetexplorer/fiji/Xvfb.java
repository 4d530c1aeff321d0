package org.convnetexplorer.fiji;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A virtual X server on a free display number, started for one test. */
final class Xvfb implements AutoCloseable {

	final String display;
	private final Process process;

	private Xvfb(String display, Process process) {
		this.display = display;
		this.process = process;
	}

	/** Fails when CI=true and Xvfb is missing (CI installs it); elsewhere skips with the reason. */
	static Xvfb start(Path log) throws IOException, InterruptedException {
		if (!onPath("Xvfb")) {
			String reason = "Xvfb is not installed (apt-get install xvfb): the ImageJ window test needs it";
			if ("true".equals(System.getenv("CI"))) Assertions.fail(reason);
			Assumptions.abort(reason);
		}
		for (int number = 90; number < 190; number++) {
			if (Files.exists(Paths.get("/tmp/.X11-unix/X" + number)) || Files.exists(Paths.get("/tmp/.X" + number + "-lock")))
				continue;
			Process process = new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			for (int wait = 0; wait < 100 && process.isAlive(); wait++) {
				if (Files.exists(Paths.get("/tmp/.X11-unix/X" + number))) return new Xvfb(":" + number, process);
				Thread.sleep(100);
			}
			process.destroy();
		}
		throw new IOException("could not start Xvfb on any display :90..:189; its log: " + Files.readString(log));
	}

	private static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			if (Files.isExecutable(Paths.get(dir, program))) return true;
		return false;
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		process.waitFor();
	}
}
