package org.convnetexplorer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Child JVMs for tests of file permissions, which root ignores: run as root, the child runs as the user nobody (via
 * setpriv; the test is skipped without it), otherwise as the current user. Only the test's own temporary folder is
 * opened to others (read and search), for the time of the test: {@link #close} restores it. The class path (jars in
 * a local Maven repository, the project's class folders in a clone that may lie in a folder only its owner can enter)
 * is hard-linked into that folder, file by file, or copied where links cannot reach.
 */
public final class OtherUser implements AutoCloseable {

	private static final String NOBODY = "65534";

	public final boolean asRoot = "root".equals(System.getProperty("user.name"));

	private final Path temp;
	private final Set<PosixFilePermission> tempPermissions;

	private OtherUser(Path temp) throws IOException {
		this.temp = temp;
		this.tempPermissions = Files.getPosixFilePermissions(temp);
	}

	/** For a test whose files are all in {@code temp} (its {@code @TempDir}). */
	public static OtherUser in(Path temp) throws IOException, InterruptedException {
		OtherUser user = new OtherUser(temp);
		if (user.asRoot) {
			assumeTrue(new ProcessBuilder("setpriv", "--version").start().waitFor() == 0, "setpriv to drop root");
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		return user;
	}

	/** Gives {@code file}, inside the temporary folder, to the child's user, so its owner's permissions are the child's. */
	public void own(Path file) throws IOException {
		if (!file.toAbsolutePath().normalize().startsWith(temp.toAbsolutePath().normalize()))
			throw new IllegalArgumentException(file + " is not in the test's folder " + temp);
		if (asRoot) Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(NOBODY));
	}

	/** {@link ChildJvm#command} on the tests' class path, as the other user. */
	public ProcessBuilder command(List<String> jvmOptions, Map<String, String> environment, String mainClass,
		String... args) throws IOException
	{
		List<Path> classPath = ChildJvm.testClassPath();
		if (asRoot) classPath = reachableCopy(classPath);
		ProcessBuilder command = ChildJvm.command(classPath, jvmOptions, environment, mainClass, args);
		if (asRoot) command.command().addAll(0, List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
			"--clear-groups"));
		return command;
	}

	private List<Path> reachableCopy(List<Path> classPath) throws IOException {
		Path links = Files.createDirectories(temp.resolve(".class-path"));
		List<Path> reachable = new ArrayList<>();
		for (Path entry : classPath) {
			if (!Files.exists(entry)) continue;
			Path link = links.resolve(reachable.size() + "-" + entry.getFileName());
			if (Files.isDirectory(entry)) {
				try (Stream<Path> tree = Files.walk(entry)) {
					for (Path file : (Iterable<Path>) tree::iterator)
						if (Files.isDirectory(file)) Files.createDirectories(link.resolve(entry.relativize(file).toString()));
						else linkOrCopy(file, link.resolve(entry.relativize(file).toString()));
				}
			}
			else linkOrCopy(entry, link);
			reachable.add(link);
		}
		return reachable;
	}

	private static void linkOrCopy(Path file, Path link) throws IOException {
		try {
			Files.createLink(link, file);
		}
		catch (FileSystemException | UnsupportedOperationException e) { // another file system
			Files.copy(file, link, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Override
	public void close() throws IOException {
		Files.setPosixFilePermissions(temp, tempPermissions);
	}
}
