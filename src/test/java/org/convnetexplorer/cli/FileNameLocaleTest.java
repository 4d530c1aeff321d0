package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file called café.png in the C locale of cron and `env -i`, where Java's file-name encoding is ASCII: the scan goes
 * on, and through the launcher's locale setting the file is scanned. Child JVMs, since the encoding is fixed at start.
 */
class FileNameLocaleTest {

	private static final Map<String, String> C_LOCALE = Map.of("LC_ALL", "C", "LANG", "C");

	@TempDir
	Path temp;

	private Path images;

	@BeforeEach
	void imagesWithANonAsciiName() throws Exception {
		images = Files.createDirectories(temp.resolve("images"));
		Files.copy(Fixtures.require(Fixtures.NATURAL224).resolve("astronaut_016.png"), images.resolve("plain.png"));
		// written by the shell: the test's own JVM may run in the C locale too
		assumeTrue(new ProcessBuilder("sh", "-c", "cp plain.png \"$(printf 'caf\\303\\251.png')\"")
			.directory(images.toFile()).start().waitFor() == 0);
	}

	private List<String> scanCommand(Path output) {
		return ChildJvm.command(ChildJvm.testClassPath(), List.of(), C_LOCALE, ConvNetExplorerCli.class.getName(), "scan",
			"--images", images.toString(), "--output", output.toString(), "--weights", Fixtures.SEED0.toString(),
			"--layers", "conv1", "--device", "cpu").command();
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(C_LOCALE);
		builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(5, TimeUnit.MINUTES));
		assertEquals(0, process.exitValue(), output);
		return output;
	}

	@Test
	void inTheCLocaleANameJavaCannotHoldIsSkippedWithTheReason() throws Exception {
		Path output = temp.resolve("plain-java");
		run(scanCommand(output));

		List<String> skipped = utf8Lines(output.resolve("skipped.csv"));
		assertEquals(2, skipped.size(), skipped.toString());
		assertTrue(skipped.get(1).startsWith("caf"), skipped.get(1));
		assertTrue(skipped.get(1).contains("its name is not valid in the file-name encoding Java runs with (ANSI_X3.4-1968)"),
			skipped.get(1));
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"images_scanned\": 1"));
	}

	@Test
	void throughTheLaunchersLocaleSettingTheFileIsScanned() throws Exception {
		Path output = temp.resolve("launcher");
		List<String> command = new ArrayList<>(List.of("bash", "-c", "set -euo pipefail; source \"$0\"; exec \"$@\"",
			Paths.get("scripts/utf8-locale.bash").toAbsolutePath().toString()));
		command.addAll(scanCommand(output));
		run(command);

		assertEquals(List.of("image,reason"), utf8Lines(output.resolve("skipped.csv")));
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"images_scanned\": 2"));
		assertTrue(utf8Lines(output.resolve("topk.csv")).stream().anyMatch(line -> line.contains(",café.png,")));
	}

	@Test
	void theLauncherChangesTheCharacterTypeAloneEvenWhereLcAllIsSet() throws Exception {
		ProcessBuilder shell = new ProcessBuilder("bash", "-c", "set -euo pipefail; source \"$0\"; " +
			"echo \"${LC_ALL-unset} ${LC_CTYPE-unset} ${LC_MESSAGES-unset} ${LC_NUMERIC-unset} $(locale charmap)\"",
			Paths.get("scripts/utf8-locale.bash").toAbsolutePath().toString()).redirectErrorStream(true);
		shell.environment().clear();
		shell.environment().putAll(Map.of("LC_ALL", "C", "PATH", System.getenv("PATH")));
		Process process = shell.start();
		String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertEquals(0, process.waitFor(), said);
		String[] values = said.split(" ");
		assertEquals(List.of("unset", "C", "C", "UTF-8"), List.of(values[0], values[2], values[3], values[4]), said);
		assertTrue(values[1].toLowerCase(Locale.ROOT).endsWith(".utf-8") || values[1].endsWith(".utf8"), said);
	}

	/** The file's lines, failing if it is not valid UTF-8. */
	private static List<String> utf8Lines(Path file) throws IOException {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString()
				.lines().collect(java.util.stream.Collectors.toList());
		}
		catch (CharacterCodingException e) {
			throw new AssertionError(file + " is not valid UTF-8", e);
		}
	}
}
