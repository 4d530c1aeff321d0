package org.convnetexplorer.images;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.runfile.RunFile;

/** Lists the files of an image folder in a stable order. */
public final class ImageFolder {

	/** How the key that marks our run.json appears in it. */
	private static final String RUN_KEY = "\"" + RunFile.VERSION_KEY + "\"";
	/** Our run.json is a few kilobytes; the key is looked for in this much of the file. */
	private static final int RUN_FILE_HEAD = 1 << 16;

	/** What {@link #listing} found: the files to decode, and what it left out with the reason. */
	public static final class Listing {
		/** Relative paths with '/', sorted by {@link String#compareTo}. */
		public final List<String> files;
		/** {@code [relative path, reason]}, sorted by path; folders end with '/'. */
		public final List<SkippedFile> leftOut;

		Listing(List<String> files, List<SkippedFile> leftOut) {
			this.files = Collections.unmodifiableList(files);
			this.leftOut = Collections.unmodifiableList(leftOut);
		}
	}

	private ImageFolder() {
	}

	/** The files of {@link #listing}. */
	public static List<String> list(Path root, boolean recursive) throws IOException {
		return listing(root, recursive).files;
	}

	/**
	 * Lists every file under {@code root}, whatever its name or content: telling images from other files is the
	 * decoder's job, so that a file that is not an image is reported with a reason instead of silently missing.
	 * <ul>
	 * <li>Hidden files are left out: names starting with '.', and on Windows files with the hidden attribute. Hidden
	 * folders are not entered.</li>
	 * <li>A symbolic link to a file is listed; links to folders are not followed (no cycles), except {@code root}
	 * itself, and broken links are left out. FIFOs, devices and sockets are listed, for the decoder to refuse with
	 * their reason.</li>
	 * <li>Paths are relative to {@code root}, with '/' between names on every platform, sorted by
	 * {@link String#compareTo}.</li>
	 * <li>Left out, with the reason: a file whose name Java cannot turn into text and back in the file-name encoding
	 * it runs with (a name that is not valid UTF-8, or not ASCII in the C locale), since results could not name it;
	 * a folder that cannot be read; a folder holding the run.json of a ConvNet Explorer run (our results, not
	 * images).</li>
	 * </ul>
	 *
	 * @param recursive whether to descend into sub-folders
	 * @throws IOException if {@code root} is not a folder, cannot be read, or is an output folder of ours
	 */
	public static Listing listing(Path root, boolean recursive) throws IOException {
		if (!Files.isDirectory(root))
			throw new IOException("not a folder: " + root);
		// A walk that follows no links would see a linked root as a link, not a folder.
		Path start = root.toRealPath();
		if (holdsOurResults(start))
			throw new IOException(root + " holds " + RunFile.NAME + " of a ConvNet Explorer run: it is an output folder, " +
				"not a folder of images");
		ListingWalk walk = new ListingWalk(start);
		Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1, walk);
		Collections.sort(walk.files);
		walk.leftOut.sort(Comparator.comparing(entry -> entry.path));
		return new Listing(walk.files, walk.leftOut);
	}

	/** The walk of {@link #listing}: what it lists and what it leaves out, by the rules given there. */
	private static final class ListingWalk extends SimpleFileVisitor<Path> {

		final Path start;
		final List<String> files = new ArrayList<>();
		final List<SkippedFile> leftOut = new ArrayList<>();

		ListingWalk(Path start) {
			this.start = start;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
			if (dir.equals(start))
				return FileVisitResult.CONTINUE;
			if (isHidden(dir, attributes))
				return FileVisitResult.SKIP_SUBTREE;
			if (holdsOurResults(dir)) {
				leftOut.add(new SkippedFile(name(start, dir) + '/', "holds " + RunFile.NAME +
					" of an earlier ConvNet Explorer run: its results are not scanned as images"));
				return FileVisitResult.SKIP_SUBTREE;
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
			boolean listed = attributes.isSymbolicLink() ? Files.exists(file) && !Files.isDirectory(file)
				: !attributes.isDirectory();
			if (!listed || isHidden(file, attributes))
				return FileVisitResult.CONTINUE;
			String name = name(start, file);
			if (namesTheSameFile(start, name, file))
				files.add(name);
			else
				leftOut.add(new SkippedFile(name, "its name is not valid in the file-name encoding Java runs with (" +
					System.getProperty("sun.jnu.encoding") + "), so results could not name it: rename it, or " +
					"run in a UTF-8 locale"));
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
			if (file.equals(start))
				throw e;
			boolean folder = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
			leftOut.add(new SkippedFile(name(start, file) + (folder ? "/" : ""),
				(folder ? "folder not scanned: " : "") + ImageDecoder.reason(e)));
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
			if (e != null) {
				if (dir.equals(start))
					throw e;
				leftOut.add(new SkippedFile(name(start, dir) + '/', "folder only partly scanned: " +
					ImageDecoder.reason(e)));
			}
			return FileVisitResult.CONTINUE;
		}
	}

	private static String name(Path start, Path file) {
		return start.relativize(file).toString().replace(File.separatorChar, '/');
	}

	/**
	 * Whether {@code name} leads back to {@code file}. A name with bytes the file-name encoding cannot decode becomes
	 * text with replacement characters, which names another file or none.
	 */
	private static boolean namesTheSameFile(Path start, String name, Path file) {
		try {
			return start.resolve(name).equals(file);
		}
		catch (InvalidPathException e) {
			return false;
		}
	}

	/** Whether {@code dir} holds the run.json of a ConvNet Explorer run. */
	static boolean holdsOurResults(Path dir) {
		Path runFile = dir.resolve(RunFile.NAME);
		if (!Files.isRegularFile(runFile))
			return false;
		try (InputStream in = RegularFile.open(runFile, Long.MAX_VALUE)) {
			return new String(in.readNBytes(RUN_FILE_HEAD), StandardCharsets.UTF_8).contains(RUN_KEY);
		}
		catch (IOException e) {
			return false; // an unreadable run.json is no proof
		}
	}

	private static boolean isHidden(Path path, BasicFileAttributes attributes) {
		// On Windows the walk's attributes are DOS attributes already: the hidden flag costs no extra call.
		return path.getFileName().toString().startsWith(".") ||
			attributes instanceof DosFileAttributes && ((DosFileAttributes) attributes).isHidden();
	}
}
