package org.convnetexplorer.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.convnetexplorer.job.JobSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code convnet-explorer}: the command-line front end. Errors end in one line on stderr and a non-zero exit. */
@Command(name = "convnet-explorer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
	description = { "Shows what each unit of a convolutional network (AlexNet built in, or an ONNX model) has learned:",
		"the image patches that activate it most." },
	subcommands = { ScanCommand.class, MergeCommand.class, LayersCommand.class, ShowCommand.class, DeconvCommand.class,
		OcclusionCommand.class, NetworkBenchmarkCommand.class, AtlasCommand.class, VisualizeCommand.class })
public final class ConvNetExplorerCli {

	public static void main(String[] args) {
		System.exit(execute(new PrintWriter(System.err, true), args));
	}

	/** Runs the CLI, messages to {@code err}, and returns its exit code: 0 done, 1 the job failed, 2 bad arguments. */
	public static int execute(PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(new ConvNetExplorerCli());
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> failed(cmd.getErr(), e));
		return commandLine.execute(args);
	}

	/** Reports a failed job in one line and returns its exit code, 1. */
	static int failed(PrintWriter err, Throwable e) {
		err.println("convnet-explorer: " + oneLine(e));
		return 1;
	}

	/**
	 * The settings {@code scan} runs with for these arguments: the Spark job takes the scan's options. An option given
	 * twice takes its last value (the Spark executors put their own folder and weights file after the user's).
	 *
	 * @throws IllegalArgumentException naming what is wrong with them
	 * @throws IOException where the model cannot be used
	 */
	public static JobSettings scanSettings(String... args) throws IOException {
		ScanCommand scan = new ScanCommand();
		try {
			new CommandLine(scan).setOverwrittenOptionsAllowed(true).parseArgs(args);
			return scan.jobSettings();
		}
		catch (CommandLine.ParameterException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	private static String oneLine(Throwable e) {
		String message = e.getMessage() != null ? e.getMessage() : e.toString();
		return message.replace('\n', ' ');
	}
}
