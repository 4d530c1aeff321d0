package org.convnetexplorer.results;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.files.ExclusiveFileLock;
import org.convnetexplorer.files.CrashPoint;

/**
 * The folder results go to, held by one run at a time. A run locks the folder (an OS lock on {@value #LOCK_FILE},
 * which dies with the process, so a killed run leaves nothing stuck; the file itself stays); writes each result to a temporary name and
 * renames it when complete; and records, in {@value #MANIFEST_FILE} and before it creates a file, the name of every
 * file it writes. Only recorded files are ever replaced or removed: a file of the user's with a name we would write is
 * refused, named, and left alone.
 */
public final class OutputFolder implements AutoCloseable {

	/**
	 * Held locked while a run uses the folder. Never removed, as a run that opened it just before could then lock a
	 * file no longer there while another run locks its successor; a folder holding only it counts as empty.
	 */
	public static final String LOCK_FILE = ".convnet-explorer.lock";
	/** The names of the files runs of ours wrote here, one a line. */
	public static final String MANIFEST_FILE = ".convnet-explorer-files";
	/** Appended to a result's name (after a leading dot) while it is being written. */
	static final String TEMPORARY_SUFFIX = ".convnet-explorer-tmp";

	/** Writes a result's whole content to the file it is given. */
	@FunctionalInterface
	public interface Content {
		void writeTo(Path file) throws IOException;
	}

	private final Path folder;
	private final ExclusiveFileLock lock;
	/** Files here that runs of ours wrote: the manifest's lines. */
	private final Set<String> recorded;
	/** Results begun by this run and not yet renamed to their names. */
	private final Set<String> unfinished = new LinkedHashSet<>();

	private OutputFolder(Path folder, ExclusiveFileLock lock, Set<String> recorded) {
		this.folder = folder;
		this.lock = lock;
		this.recorded = recorded;
	}

	/**
	 * For a new run (a scan, an occlusion map): creates the folder if needed and locks it; refuses a folder that holds
	 * anything but the lock file unless {@code overwrite}; refuses any file that has one of {@code resultNames} and
	 * that no run of ours recorded; then, with {@code overwrite}, removes the files earlier runs of ours recorded (so
	 * none passes for this run's).
	 *
	 * @throws IOException naming the folder or file and the reason
	 */
	public static OutputFolder claim(Path folder, boolean overwrite, Collection<String> resultNames) throws IOException {
		if (Files.exists(folder) && !Files.isDirectory(folder))
			throw new IOException("output " + folder + " is a file, not a folder");
		try {
			Files.createDirectories(folder);
		}
		catch (IOException e) {
			throw new IOException("cannot write to output folder " + folder + " (" + FileProblems.reason(e) + ")", e);
		}
		// Checked before a lock file is made, so that a refused folder is left as it was; and again once locked.
		if (!Files.exists(folder.resolve(LOCK_FILE), LinkOption.NOFOLLOW_LINKS))
			new OutputFolder(folder, null, Manifest.read(folder)).refuseToClaim(overwrite, resultNames);
		OutputFolder output = lock(folder);
		try {
			output.refuseToClaim(overwrite, resultNames);
			if (overwrite) output.removeRecorded();
			return output;
		}
		catch (IOException | RuntimeException e) {
			output.close();
			throw e;
		}
	}

	private void refuseToClaim(boolean overwrite, Collection<String> resultNames) throws IOException {
		if (!overwrite && !othersThanOurLock().isEmpty()) throw new IOException("output folder " + folder +
			" is not empty; choose an empty or new folder, or allow overwriting (--overwrite / overwrite=true)");
		refuseCollisions(resultNames); // before removing anything: an earlier run's files count as ours
	}

	/**
	 * For adding to a finished run (deconvnet projections): locks the existing folder; a result replaces an earlier
	 * file of ours of its name, and a file of the user's with one of {@code resultNames} is refused.
	 */
	public static OutputFolder addTo(Path folder, Collection<String> resultNames) throws IOException {
		if (!Files.isDirectory(folder)) throw new IOException("output folder " + folder + " does not exist");
		OutputFolder output = lock(folder);
		try {
			output.refuseCollisions(resultNames);
			return output;
		}
		catch (IOException | RuntimeException e) {
			output.close();
			throw e;
		}
	}

	/**
	 * Whether everything here is ours: the lock, the manifest, files runs of ours recorded and the temporary files of
	 * both.
	 */
	public boolean holdsOnlyOurs() throws IOException {
		Set<String> ours = new LinkedHashSet<>(recorded);
		ours.add(MANIFEST_FILE);
		for (String name : new ArrayList<>(ours))
			ours.add(temporaryOf(name).getFileName().toString());
		return othersThanOurLock().stream().allMatch(entry -> ours.contains(entry.getFileName().toString()));
	}

	public Path folder() {
		return folder;
	}

	public Path resolve(String name) {
		return folder.resolve(name);
	}

	/** Writes a result: to a temporary name, renamed to {@code name} once complete. */
	public void write(String name, Content content) throws IOException {
		Path temporary = begin(name);
		try {
			content.writeTo(temporary);
		}
		catch (IOException | RuntimeException e) {
			Files.deleteIfExists(temporary); // a full disk gets its space back
			unfinished.remove(name);
			if (e instanceof RuntimeException) throw (RuntimeException) e;
			throw new IOException("could not write " + resolve(name) + " (" + FileProblems.reason((IOException) e) + ")",
				e);
		}
		CrashPoint.reached("written " + name);
		finish(name);
	}

	/**
	 * Starts a result written over time (skipped.csv): records its name and returns the temporary file to write;
	 * {@link #finish} gives it its name.
	 */
	public Path begin(String name) throws IOException {
		refuseCollisions(List.of(name));
		if (recorded.add(name)) writeManifest();
		Path temporary = temporaryOf(name);
		Files.deleteIfExists(temporary); // left by a run of ours that was killed: the name is recorded
		unfinished.add(name);
		return temporary;
	}

	/** Renames a complete result to its name, replacing an earlier run's file of that name. */
	public void finish(String name) throws IOException {
		refuseCollisions(List.of(name)); // a file that appeared since: the user's, not to be replaced
		try {
			Files.move(temporaryOf(name), resolve(name), ATOMIC_MOVE, REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new IOException("could not write " + resolve(name) + " (" + FileProblems.reason(e) + ")", e);
		}
		unfinished.remove(name);
		CrashPoint.reached("renamed " + name);
	}

	/** Removes this run's unfinished temporary files, then releases the lock. */
	@Override
	public void close() throws IOException {
		try {
			for (String name : unfinished)
				Files.deleteIfExists(temporaryOf(name));
			unfinished.clear();
			recorded.removeIf(name -> !Files.exists(resolve(name), LinkOption.NOFOLLOW_LINKS));
			if (recorded.isEmpty()) Files.deleteIfExists(resolve(MANIFEST_FILE));
			else writeManifest();
		}
		finally {
			lock.close();
		}
	}

	/** Locks the folder at once or refuses: a second run must not wait, nor share it. */
	private static OutputFolder lock(Path folder) throws IOException {
		ExclusiveFileLock lock;
		try {
			lock = ExclusiveFileLock.tryLock(folder.resolve(LOCK_FILE));
		}
		catch (IOException e) {
			throw new IOException("cannot write to output folder " + folder + " (" + FileProblems.reason(e) + ")", e);
		}
		if (lock == null) throw new IOException("output folder " + folder +
			" is in use by another ConvNet Explorer run; wait for it to end or choose another folder");
		try {
			return new OutputFolder(folder, lock, Manifest.read(folder));
		}
		catch (IOException | RuntimeException e) {
			lock.close();
			throw e;
		}
	}

	private void writeManifest() throws IOException {
		Path temporary = temporaryOf(MANIFEST_FILE);
		try {
			Files.write(temporary, Manifest.text(recorded));
			Files.move(temporary, resolve(MANIFEST_FILE), ATOMIC_MOVE, REPLACE_EXISTING);
		}
		catch (IOException e) {
			Files.deleteIfExists(temporary);
			throw new IOException("could not write " + resolve(MANIFEST_FILE) + " (" + FileProblems.reason(e) + ")", e);
		}
	}

	private List<Path> othersThanOurLock() throws IOException {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.filter(entry -> !entry.getFileName().toString().equals(LOCK_FILE))
				.collect(Collectors.toList());
		}
	}

	/** Removes what earlier runs of ours recorded here, their unfinished temporary files included. */
	private void removeRecorded() throws IOException {
		for (String name : new ArrayList<>(recorded)) {
			Path file = resolve(name);
			if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) continue; // never ours: refused below if in the way
			try {
				Files.deleteIfExists(file);
				Files.deleteIfExists(temporaryOf(name));
			}
			catch (IOException e) {
				throw new IOException("cannot remove " + file + ", an earlier run's result (" + FileProblems.reason(e) +
					")", e);
			}
			recorded.remove(name);
		}
		if (recorded.isEmpty()) Files.deleteIfExists(resolve(MANIFEST_FILE));
		else writeManifest();
	}

	/** Refuses any existing file (or folder) of those names that no run of ours recorded writing. */
	private void refuseCollisions(Collection<String> names) throws IOException {
		for (String name : names) {
			Path file = resolve(name);
			if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) continue;
			boolean folderInTheWay = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
			if (folderInTheWay || !recorded.contains(name)) throw new IOException((folderInTheWay ? "a folder " : "") +
				file + " is in the way of a result of the same name, and no run of ConvNet Explorer wrote it: " +
				"it is left alone; move it, or choose another output folder");
		}
	}

	private Path temporaryOf(String name) {
		return resolve("." + Objects.requireNonNull(name) + TEMPORARY_SUFFIX);
	}
}
