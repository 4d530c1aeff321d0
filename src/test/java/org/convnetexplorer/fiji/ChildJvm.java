package org.convnetexplorer.fiji;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a main class in a fresh JVM: ImageJ 1 as users start it, TensorFlow's natives loaded by its class loader. */
final class ChildJvm {

	final int exitCode;
	final String output;

	private ChildJvm(int exitCode, String output) {
		this.exitCode = exitCode;
		this.output = output;
	}

	static ChildJvm run(List<Path> classPath, List<String> jvmOptions, Map<String, String> environment,
		long timeoutSeconds, Path log, String mainClass, String... args) throws IOException, InterruptedException
	{
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx2g");
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
		command.add(mainClass);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
		Process process = builder.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError(mainClass + " did not finish in " + timeoutSeconds + " s; its output:\n" +
				Files.readString(log));
		}
		return new ChildJvm(process.exitValue(), Files.readString(log));
	}
}
