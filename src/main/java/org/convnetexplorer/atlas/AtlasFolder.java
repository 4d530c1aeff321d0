package org.convnetexplorer.atlas;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.results.FileProblems;

/**
 * The atlas's folder, replaced whole: a new atlas is written into a hidden folder beside it and swapped in by renames,
 * so a browser showing the old one never sees half of the new. An existing folder is replaced only when it is empty
 * or an atlas of ours holding nothing but the files its record ({@value #RECORD}) lists: anything of the user's in it
 * makes the atlas refuse, naming it, before any work.
 */
final class AtlasFolder {

	/** The files an atlas of ours wrote, relative to its folder with '/', one a line. */
	static final String RECORD = ".convnet-explorer-atlas";

	private final Path target;
	/** Where the new atlas is written until it is complete. */
	final Path building;

	private AtlasFolder(Path target, Path building) {
		this.target = target;
		this.building = building;
	}

	/** Checks that the target may be replaced and makes the folder to build in beside it. */
	static AtlasFolder prepare(Path target) throws IOException {
		Path absolute = target.toAbsolutePath().normalize();
		refuseForeign(absolute);
		Path parent = absolute.getParent();
		try {
			Files.createDirectories(parent);
			Path building = parent.resolve("." + absolute.getFileName() + ".convnet-explorer-tmp-" + UUID.randomUUID());
			Files.createDirectory(building);
			return new AtlasFolder(absolute, building);
		}
		catch (IOException e) {
			throw new IOException("cannot write the atlas beside " + absolute + " (" + FileProblems.reason(e) + ")", e);
		}
	}

	/** Records the files built, then puts the new atlas in the target's place and removes the old one. */
	void commit() throws IOException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(building)) {
			files = walk.filter(Files::isRegularFile).map(file -> building.relativize(file).toString().replace('\\', '/'))
				.sorted().collect(Collectors.toList());
		}
		Files.write(building.resolve(RECORD), (String.join("\n", files) + "\n").getBytes(StandardCharsets.UTF_8));
		refuseForeign(target); // again: something of the user's may have appeared while the atlas was written
		Path old = target.resolveSibling("." + target.getFileName() + ".convnet-explorer-old-" + UUID.randomUUID());
		boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
		if (replacing) Files.move(target, old, ATOMIC_MOVE);
		Files.move(building, target, ATOMIC_MOVE);
		if (replacing) delete(old);
	}

	/** Removes the unfinished atlas (after a failure). */
	void discard() {
		try {
			delete(building);
		}
		catch (IOException e) {
			// left behind under its hidden name; the failure being reported matters more
		}
	}

	/** Refuses a target that is a file, or a folder holding anything an atlas of ours did not write. */
	private static void refuseForeign(Path target) throws IOException {
		if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
		if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))
			throw new IOException("the atlas folder " + target + " is a file, not a folder: it is left alone");
		Set<String> recorded = new HashSet<>();
		Path record = target.resolve(RECORD);
		if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS))
			recorded.addAll(Files.readAllLines(record, StandardCharsets.UTF_8));
		try (Stream<Path> walk = Files.walk(target)) {
			for (Path entry : (Iterable<Path>) walk::iterator) {
				if (entry.equals(target) || entry.equals(record)) continue;
				boolean folder = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
				String name = target.relativize(entry).toString().replace('\\', '/');
				if (!folder && !recorded.contains(name)) throw new IOException(entry + " is in the atlas folder " + target +
					" and no atlas of ConvNet Explorer wrote it: the folder is left alone; move it, or choose another " +
					"folder (--to)");
			}
		}
	}

	private static void delete(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path entry : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList()))
				Files.deleteIfExists(entry);
		}
	}
}
