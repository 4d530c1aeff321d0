package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.OtherUser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

	@TempDir
	Path root;

	@BeforeEach
	void makeFolder() throws IOException {
		for (String name : new String[] { "b.png", "a.png", "B.png", "notes.txt", "empty.jpg", ".hidden.png",
			"a/z.png", "a/b/c.jpg", "a/.DS_Store", ".thumbnails/t.png", "a.b/x.png" })
		{
			Path file = root.resolve(name);
			Files.createDirectories(file.getParent());
			Files.write(file, name.equals("empty.jpg") ? new byte[0] : new byte[] { 1 });
		}
		Files.createDirectories(root.resolve("empty-folder"));
		Files.createSymbolicLink(root.resolve("link.png"), root.resolve("a.png"));
		Files.createSymbolicLink(root.resolve("broken.png"), root.resolve("missing.png"));
		Files.createSymbolicLink(root.resolve("linked-folder"), root.resolve("a"));
	}

	@Test
	void listsTopLevelFilesSortedWithoutHiddenOnesOrFolders() throws IOException {
		assertEquals(Arrays.asList("B.png", "a.png", "b.png", "empty.jpg", "link.png", "notes.txt"),
			ImageFolder.list(root, false));
	}

	@Test
	void recursesWithSlashPathsInStringOrderSkippingHiddenFolders() throws IOException {
		// String order: uppercase first, and '.' (0x2e) before '/' (0x2f), so "a.png" < "a/b/c.jpg"
		assertEquals(Arrays.asList("B.png", "a.b/x.png", "a.png", "a/b/c.jpg", "a/z.png", "b.png", "empty.jpg",
			"link.png", "notes.txt"), ImageFolder.list(root, true));
	}

	@Test
	void followsALinkedRoot() throws IOException {
		assertEquals(Arrays.asList("b/c.jpg", "z.png"), ImageFolder.list(root.resolve("linked-folder"), true));
	}

	@Test
	void aNameJavaCannotTurnIntoTextAndBackIsLeftOutWithTheReason() throws Exception {
		// bytes that are no UTF-8 (nor ASCII): only a shell can write such a name, Java's strings cannot
		assumeTrue(new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377.png')\"").directory(root.toFile()).start()
			.waitFor() == 0);

		ImageFolder.Listing listing = ImageFolder.listing(root, false);

		assertFalse(listing.files.stream().anyMatch(name -> name.startsWith("bad")), listing.files.toString());
		assertEquals(1, listing.leftOut.size());
		assertTrue(listing.leftOut.get(0).reason.startsWith("its name is not valid in the file-name encoding Java runs with"),
			listing.leftOut.get(0).reason);
	}

	@Test
	void aFolderHoldingOurRunJsonIsLeftOutAndSaidSo() throws Exception {
		Path results = Files.createDirectories(root.resolve("a/old-results"));
		Files.writeString(results.resolve("run.json"), "{\n  \"images\": \"x\",\n  \"convnet_explorer_version\": \"1\"\n}\n");
		Files.write(results.resolve("conv1.tif"), new byte[] { 1 });
		// someone else's run.json is no reason to leave a folder out
		Files.writeString(root.resolve("a/b/run.json"), "{\"epochs\": 3}");

		ImageFolder.Listing listing = ImageFolder.listing(root, true);

		assertFalse(listing.files.contains("a/old-results/conv1.tif"));
		assertTrue(listing.files.contains("a/b/run.json"));
		assertEquals("a/old-results/", listing.leftOut.get(0).path);
		assertEquals("holds run.json of an earlier ConvNet Explorer run: its results are not scanned as images",
			listing.leftOut.get(0).reason);
		IOException refused = assertThrows(IOException.class, () -> ImageFolder.listing(results, true));
		assertTrue(refused.getMessage().endsWith("it is an output folder, not a folder of images"), refused.getMessage());
	}

	@Test
	void specialFilesAreListedForTheDecoderToRefuse() throws Exception {
		assumeTrue(new ProcessBuilder("mkfifo", root.resolve("pipe.png").toString()).start().waitFor() == 0);
		assertTrue(ImageFolder.list(root, false).contains("pipe.png"));
	}

	@Test
	void anUnreadableSubfolderIsLeftOutWithItsReasonAndTheListingGoesOn() throws Exception {
		Path locked = root.resolve("a/locked");
		Files.createDirectories(locked);
		Files.write(locked.resolve("inside.png"), new byte[] { 1 });
		Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
		String output;
		// root reads any folder: then the listing runs in a child JVM as the user nobody
		try (OtherUser user = OtherUser.in(root)) {
			ChildJvm child = ChildJvm.run(user.command(List.of(), Map.of(), PrintListing.class.getName(), root.toString()),
				60, root.resolve(".listing.log"));
			output = child.output;
			assertEquals(0, child.exitCode, output);
		}
		finally {
			Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
		}

		assertTrue(output.contains("file a/z.png\n"), output);
		assertTrue(output.contains("file notes.txt\n"), output);
		assertFalse(output.contains("inside.png"), output);
		assertTrue(output.contains("left out a/locked/: folder not scanned: permission denied\n"), output);
	}

	@Test
	void refusesAFileOrMissingFolderAsRoot() {
		assertThrows(IOException.class, () -> ImageFolder.list(root.resolve("a.png"), true));
		assertThrows(IOException.class, () -> ImageFolder.list(root.resolve("missing"), false));
	}
}
