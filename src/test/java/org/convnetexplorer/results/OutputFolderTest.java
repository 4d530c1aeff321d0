package org.convnetexplorer.results;

import static org.convnetexplorer.files.TryLockChild.heldForOtherProcesses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The output folder's promises: one run at a time, only our files replaced, no result cut short under its name. */
class OutputFolderTest {

	@TempDir
	Path temp;

	private static Set<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
		}
	}

	@Test
	@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // reading a pipe ignores interrupts
	void anotherProcessHoldingTheFolderIsRefusedAtOnceAndKillingItFreesTheFolder() throws Exception {
		Path folder = temp.resolve("out");
		Process holder = ChildJvm.command(ChildJvm.testClassPath(), List.of(), Map.of(),
			OutputFolderChild.class.getName(), "hold", folder.toString()).start();
		try {
			BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
				StandardCharsets.UTF_8));
			for (String line; !OutputFolderChild.HELD.equals(line = lines.readLine());)
				assertTrue(line != null, "the child ended before holding the folder");
			IOException refused = assertThrows(IOException.class, () -> OutputFolder.claim(folder, true, List.of()));
			assertEquals("output folder " + folder + " is in use by another ConvNet Explorer run; wait for it to end or " +
				"choose another folder", refused.getMessage());
		}
		finally {
			holder.destroyForcibly(); // SIGKILL: no cleanup runs in the child
			assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
		}
		assertTrue(Files.exists(folder.resolve(OutputFolder.LOCK_FILE)), "a killed run leaves its lock file");
		try (OutputFolder claimed = OutputFolder.claim(folder, false, List.of(TopkCsv.FILE))) {
			claimed.write(TopkCsv.FILE, file -> Files.writeString(file, "x"));
		}
		assertEquals(Set.of(TopkCsv.FILE, OutputFolder.MANIFEST_FILE, OutputFolder.LOCK_FILE), names(folder),
			"not stuck: claimed and released");
	}

	@Test
	void aSecondClaimInTheSameJvmIsRefused() throws Exception {
		Path folder = temp.resolve("out");
		try (OutputFolder first = OutputFolder.claim(folder, false, List.of())) {
			assertThrows(IOException.class, () -> OutputFolder.addTo(folder, List.of("conv1-deconv.tif")));
			assertThrows(IOException.class, () -> OutputFolder.claim(folder, true, List.of()));
			assertTrue(heldForOtherProcesses(folder.resolve(OutputFolder.LOCK_FILE)),
				"the refused runs did not drop the first one's lock");
		}
		OutputFolder.addTo(folder, List.of("conv1-deconv.tif")).close();
	}

	@Test
	void overwriteRemovesOnlyWhatARunOfOursRecorded() throws Exception {
		Path folder = temp.resolve("out");
		try (OutputFolder first = OutputFolder.claim(folder, false, List.of("conv1.tif", "run.json"))) {
			first.write("conv1.tif", file -> Files.writeString(file, "ours"));
			first.write("run.json", file -> Files.writeString(file, "{}"));
		}
		Files.writeString(folder.resolve("conv2.tif"), "the user's");
		Files.writeString(folder.resolve("notes.txt"), "the user's");
		try (OutputFolder second = OutputFolder.claim(folder, true, List.of("conv1.tif", "run.json"))) {
			assertEquals(Set.of("conv2.tif", "notes.txt", OutputFolder.LOCK_FILE), names(folder),
				"the earlier run's files went first, the user's stayed");
		}
		IOException refused = assertThrows(IOException.class,
			() -> OutputFolder.claim(folder, true, List.of("conv2.tif")));
		assertEquals(folder.resolve("conv2.tif") + " is in the way of a result of the same name, and no run of " +
			"ConvNet Explorer wrote it: it is left alone; move it, or choose another output folder", refused.getMessage());
		assertEquals("the user's", Files.readString(folder.resolve("conv2.tif")));
		assertEquals(Set.of("conv2.tif", "notes.txt", OutputFolder.LOCK_FILE), names(folder),
			"a refused claim leaves nothing behind (the lock file is the earlier runs')");
	}

	@Test
	void aRefusedFolderIsLeftAsItWasAndOneHoldingOnlyTheLockFileCountsAsEmpty() throws Exception {
		Path folder = Files.createDirectories(temp.resolve("images"));
		Files.writeString(folder.resolve("conv1.tif"), "the user's");
		assertThrows(IOException.class, () -> OutputFolder.claim(folder, false, List.of()));
		assertThrows(IOException.class, () -> OutputFolder.claim(folder, true, List.of("conv1.tif")));
		assertEquals(Set.of("conv1.tif"), names(folder), "no lock file made in a folder refused");

		Path out = temp.resolve("out");
		OutputFolder.claim(out, false, List.of()).close();
		assertEquals(Set.of(OutputFolder.LOCK_FILE), names(out), "the lock file stays");
		OutputFolder.claim(out, false, List.of()).close(); // a rerun without --overwrite
	}

	@Test
	void aManifestCannotNameFilesOutsideTheFolder() throws Exception {
		Path outside = Files.writeString(temp.resolve("precious.txt"), "keep");
		Path folder = Files.createDirectories(temp.resolve("out"));
		Files.writeString(folder.resolve(OutputFolder.MANIFEST_FILE), "../precious.txt\n" + outside + "\n");
		assertThrows(IOException.class, () -> OutputFolder.claim(folder, true, List.of()));
		assertEquals("keep", Files.readString(outside));
	}

	@Test
	void aManifestChangedSinceItWasWrittenIsRefusedAndNothingItNamesIsRemoved() throws Exception {
		Path folder = temp.resolve("out");
		try (OutputFolder output = OutputFolder.claim(folder, false, List.of(TopkCsv.FILE))) {
			output.write(TopkCsv.FILE, file -> Files.writeString(file, "ours"));
		}
		Path precious = Files.writeString(folder.resolve("precious.txt"), "the user's");
		Path manifest = folder.resolve(OutputFolder.MANIFEST_FILE);
		Files.writeString(manifest, Files.readString(manifest) + "precious.txt\n");
		IOException refused = assertThrows(IOException.class, () -> OutputFolder.claim(folder, true, List.of()));
		assertEquals(manifest + " is not a list of files ConvNet Explorer wrote that it can trust: its checksum does " +
			"not match its content (changed or damaged since it was written); remove it to use this folder, and the " +
			"files it named count as yours", refused.getMessage());
		assertEquals("the user's", Files.readString(precious));
		assertEquals("ours", Files.readString(folder.resolve(TopkCsv.FILE)));
	}

	@Test
	@Timeout(120)
	void aFileSizeLimitFailsTheWriteNamingTheFileAndLeavesNoCutFile() throws Exception {
		// ulimit -f: the kernel refuses to grow a file past the limit (EFBIG), as a full disk refuses (ENOSPC)
		assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "needs bash for ulimit");
		Path folder = temp.resolve("out");
		List<String> java = new ArrayList<>(ChildJvm.command(ChildJvm.testClassPath(), List.of(), Map.of(),
			OutputFolderChild.class.getName(), "write", folder.toString(), String.valueOf(1 << 20)).command());
		String command = "ulimit -f 256 && exec " + java.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'")
			.collect(Collectors.joining(" "));
		Process child = new ProcessBuilder("/bin/bash", "-c", command).redirectErrorStream(true).start();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(child.waitFor(60, TimeUnit.SECONDS));
		assertEquals(1, child.exitValue(), output);
		assertTrue(output.contains("error: could not write " + folder.resolve(TopkCsv.FILE) + " (File too large)"),
			output);
		assertFalse(Files.exists(folder.resolve(TopkCsv.FILE)), "no cut file under the result's name");
		assertEquals(Set.of(OutputFolder.LOCK_FILE), names(folder), "the temporary file is removed too");
	}

	@Test
	void aFullDiskFailsTheWriteNamingTheFileAndTheReason() throws Exception {
		Path mount = Files.createDirectories(temp.resolve("small-disk"));
		assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()) == 0,
			"mounting a tmpfs needs root");
		try {
			Path folder = mount.resolve("out");
			try (OutputFolder output = OutputFolder.claim(folder, false, List.of(TopkCsv.FILE, RunJson.FILE))) {
				output.write(RunJson.FILE, file -> Files.writeString(file, "{}"));
				IOException full = assertThrows(IOException.class,
					() -> output.write(TopkCsv.FILE, file -> Files.write(file, new byte[1 << 20])));
				assertEquals("could not write " + folder.resolve(TopkCsv.FILE) + " (No space left on device)",
					full.getMessage());
			}
			assertEquals(Set.of(RunJson.FILE, OutputFolder.MANIFEST_FILE, OutputFolder.LOCK_FILE), names(folder));
		}
		finally {
			run("umount", mount.toString());
		}
	}

	private static int run(String... command) throws IOException, InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor();
		}
		catch (IOException e) {
			return -1; // no such program
		}
	}
}
