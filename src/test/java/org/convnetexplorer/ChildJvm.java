package org.convnetexplorer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a main class in a fresh JVM: ImageJ 1 as users start it, TensorFlow's natives loaded by its class loader, the
 * command line as a user's shell starts it.
 */
public final class ChildJvm {

	public final int exitCode;
	public final String output;

	private ChildJvm(int exitCode, String output) {
		this.exitCode = exitCode;
		this.output = output;
	}

	/** The tests' class path: the project's classes and every dependency. */
	public static List<Path> testClassPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator)).map(Paths::get).collect(Collectors.toList());
	}

	/** The command, not started: for callers that watch its output as it comes. Output and errors in one stream. */
	public static ProcessBuilder command(List<Path> classPath, List<String> jvmOptions, Map<String, String> environment,
		String mainClass, String... args)
	{
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx2g");
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
		command.add(mainClass);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
		return builder;
	}

	/** Runs the command to its end (failing after {@code timeoutSeconds}), its output into {@code log}. */
	public static ChildJvm run(List<Path> classPath, List<String> jvmOptions, Map<String, String> environment,
		long timeoutSeconds, Path log, String mainClass, String... args) throws IOException, InterruptedException
	{
		return run(command(classPath, jvmOptions, environment, mainClass, args), timeoutSeconds, log);
	}

	/** Runs a {@link #command} to its end (failing after {@code timeoutSeconds}), its output into {@code log}. */
	public static ChildJvm run(ProcessBuilder command, long timeoutSeconds, Path log) throws IOException,
		InterruptedException
	{
		Process process = command.redirectOutput(log.toFile()).start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			String mainClass = command.command().get(command.command().indexOf("-cp") + 2);
			throw new AssertionError(mainClass + " did not finish in " + timeoutSeconds + " s; its output:\n" +
				Files.readString(log));
		}
		return new ChildJvm(process.exitValue(), Files.readString(log));
	}
}
