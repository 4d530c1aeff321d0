package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.ij1.DeconvProjectionsPlugin;
import org.convnetexplorer.ij1.OcclusionSensitivityPlugin;
import org.convnetexplorer.ij1.TopPatchesPlugin;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.options.DeconvOptions;
import org.convnetexplorer.options.NetworkOptions;
import org.convnetexplorer.options.OcclusionOptions;
import org.convnetexplorer.options.ScanOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each option's default is stated once: picocli's {@code defaultValue}, the SciJava command's field and the ImageJ 1
 * dialog all start from the options object of the job, whose values are the job's constants; and a value past an
 * option's upper bound gets the same message from every front end.
 */
class OptionsStatedOnceTest {

	@TempDir
	Path temp;

	private final Context context = new Context();

	@AfterEach
	void dispose() {
		context.dispose();
	}

	@Test
	void everyFrontEndStartsFromTheJobsDefaults() throws Exception {
		ScanOptions scan = new ScanOptions();
		JobSettings job = new JobSettings();
		assertEquals(List.of(job.top, job.batch, job.cell, job.threads, job.decoders, job.units),
			List.of(scan.top, scan.batch, scan.cell, scan.threads, scan.decoders, JobSettings.parseUnits(scan.units)));
		assertEquals(new DeconvJob.Settings().batch, new DeconvOptions().batch);
		assertEquals(new OcclusionJob.Settings().stride, new OcclusionOptions().stride);

		sameDefaults(TopPatchesCommand.class, ScanOptions.KEYS, TopPatchesPlugin.dialogDefaults(), "scan", scan);
		sameDefaults(DeconvProjectionsCommand.class, DeconvOptions.KEYS, DeconvProjectionsPlugin.dialogDefaults(),
			"deconv", new DeconvOptions());
		sameDefaults(OcclusionSensitivityCommand.class, OcclusionOptions.KEYS,
			OcclusionSensitivityPlugin.dialogDefaults(), "occlusion", new OcclusionOptions());
	}

	/** Each key's default: the SciJava field's, the dialog's, the CLI's (where it states one) and the options'. */
	private void sameDefaults(Class<? extends Command> command, List<String> keys, Map<String, String> dialog,
		String cliName, Object options) throws Exception
	{
		Module fiji = new CommandInfo(command).createModule();
		CommandSpec cli = new CommandLine(new ConvNetExplorerCli()).getSubcommands().get(cliName).getCommandSpec();
		for (String key : keys) {
			String expected = text(options.getClass().getField(key).get(options));
			String where = cliName + " " + key;
			assertEquals(expected, text(fiji.getInput(key)), where + " in Fiji");
			assertEquals(expected, dialog.get(key), where + " in the ImageJ 1 dialog");
			OptionSpec option = cli.findOption("--" + (key.equals("input") ? "input-size" : key));
			if (key.equals("weights")) {
				// the CLI's deliberate difference: its default is the demo network, ImageJ's the real one
				assertEquals(JobSettings.WEIGHTS, option.defaultValue(), where);
				assertEquals(NetworkOptions.WEIGHTS_IN_IMAGEJ, expected, where);
			}
			else if (option.defaultValue() != null) assertEquals(expected, option.defaultValue(), where + " in the CLI");
			else if (key.equals("layer")) // the CLI leaves it to the job, as a model needs one given
				assertEquals(new OcclusionJob.Settings().layer.name(), expected, where);
			else assertTrue(option.required() || expected.isEmpty() || expected.equals("false"),
				where + ": the CLI states no default but the options have " + expected);
		}
	}

	private static String text(Object value) {
		return value == null ? "" : value instanceof File ? ((File) value).getPath() : String.valueOf(value);
	}

	/** Bounds no heap check comes before: threads in the CLI, an occlusion's batch in the CLI and Fiji. */
	@Test
	@Timeout(120)
	void aValuePastItsUpperBoundGetsTheSameMessageEverywhere() throws Exception {
		StringWriter messages = new StringWriter();
		assertEquals(2, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images",
			Fixtures.NATURAL224.toString(), "--output", temp.resolve("scan").toString(), "--threads", "100000"));
		assertTrue(messages.toString().contains("threads must be at most " + JobSettings.THREADS_MAX + ", not 100000"),
			messages.toString());

		String batchBound = "batch must be at most " + OcclusionJob.Settings.BATCH_MAX + ", not 5000";
		messages.getBuffer().setLength(0);
		assertEquals(2, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "occlusion", "--image",
			Fixtures.NATURAL224.resolve("astronaut_032.png").toString(), "--unit", "7", "--output",
			temp.resolve("cli").toString(), "--batch", "5000"));
		assertTrue(messages.toString().contains(batchBound), messages.toString());

		Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", Fixtures.NATURAL224.resolve("astronaut_032.png").toFile());
		inputs.put("unit", 7);
		inputs.put("weights", "demo");
		inputs.put("output", temp.resolve("fiji").toFile());
		inputs.put("batch", 5000);
		ExecutionException failure = assertThrows(ExecutionException.class, () -> context.service(CommandService.class)
			.run(OcclusionSensitivityCommand.class, true, inputs).get());
		Throwable cause = failure;
		while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("batch"))
			cause = cause.getCause();
		assertTrue(cause.getMessage().contains("ConvNet Explorer occlusion failed: " + batchBound), failure.toString());
	}
}
