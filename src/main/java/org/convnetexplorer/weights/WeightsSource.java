package org.convnetexplorer.weights;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.convnetexplorer.files.CheckedText;
import org.convnetexplorer.files.RegularFile;

/**
 * Turns the weights a user asked for into a local {@code .pth} file. The spec is one of:
 * <dl>
 * <dt>{@value #IMAGENET}</dt>
 * <dd>torchvision's ImageNet-trained AlexNet, downloaded from {@value #IMAGENET_URL} into the cache folder as
 * {@code alexnet-owt-7be5be79.pth} the first time, and taken from there, without network, afterwards. Users behind a
 * mirror set the system property {@value #IMAGENET_URL_PROPERTY} or the environment variable
 * {@value #IMAGENET_URL_ENV} to the same file's URL there (the property wins); its SHA-256 is checked all the same.
 * Without network, the error says where to put a file downloaded by hand.</dd>
 * <dt>{@value #DEMO}</dt>
 * <dd>the small network in this jar, copied into the cache folder the first time.</dd>
 * <dt>anything else</dt>
 * <dd>the path of a weight file, which must be a readable regular file. (A file named {@code imagenet} or
 * {@code demo} in the working folder is given as {@code ./imagenet} or {@code ./demo}.)</dd>
 * </dl>
 */
public final class WeightsSource {

	public static final String IMAGENET = "imagenet";
	public static final String DEMO = "demo";

	public static final String IMAGENET_URL = "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth";
	public static final String IMAGENET_URL_PROPERTY = "convnetexplorer.imagenet.url";
	public static final String IMAGENET_URL_ENV = "CONVNET_EXPLORER_IMAGENET_URL";

	/** Start of the SHA-256 of torchvision's file, which torchvision puts in the file's name. */
	static final String IMAGENET_SHA256_PREFIX = "7be5be79";
	/**
	 * torchvision's AlexNet holds 61,100,840 float32 parameters; with the pickle around them the file is a little
	 * larger. A server sending more than a megabyte beyond them is not sending this file.
	 */
	static final long IMAGENET_MAX_BYTES = 61_100_840L * Float.BYTES + (1 << 20);
	static final String DEMO_RESOURCE = "/org/convnetexplorer/weights/demo-alexnet.pth";

	private static final String RECORD_KIND = "ConvNet Explorer verified weights";
	private static final int RECORD_VERSION = 2;
	/** Appended to a downloaded file's name for the record that the file's content was verified. */
	static final String VERIFIED_SUFFIX = ".verified";

	private static final String SPEC_HINT = "weights are '" + IMAGENET + "', '" + DEMO + "' or the path of a .pth file";

	private final WeightsDownloader downloader;
	private final String imagenetUrl;
	private final String imagenetSha256Prefix;
	private final String demoResource;

	/**
	 * Downloads with the default timeouts, from {@value #IMAGENET_URL} or the mirror named by
	 * {@value #IMAGENET_URL_PROPERTY} or {@value #IMAGENET_URL_ENV}.
	 */
	public WeightsSource() {
		this(new WeightsDownloader(), configuredImagenetUrl(System.getProperty(IMAGENET_URL_PROPERTY), System.getenv(
			IMAGENET_URL_ENV)));
	}

	/** @param imagenetUrl where to download torchvision's ImageNet AlexNet from: {@link #IMAGENET_URL} or a mirror */
	public WeightsSource(WeightsDownloader downloader, String imagenetUrl) {
		this(downloader, imagenetUrl, IMAGENET_SHA256_PREFIX, DEMO_RESOURCE);
	}

	/** Lets tests stand another file in for torchvision's and another resource for the demo network. */
	WeightsSource(WeightsDownloader downloader, String imagenetUrl, String imagenetSha256Prefix, String demoResource) {
		this.downloader = downloader;
		this.imagenetUrl = imagenetUrl;
		this.imagenetSha256Prefix = Sha256.requirePrefix(imagenetSha256Prefix);
		this.demoResource = demoResource;
	}

	/** The first of the property and the environment variable that is set, else {@link #IMAGENET_URL}. */
	static String configuredImagenetUrl(String property, String environment) {
		for (String url : new String[] { property, environment }) {
			if (url != null && !url.trim().isEmpty()) {
				return url.trim();
			}
		}
		return IMAGENET_URL;
	}

	/**
	 * @param spec {@value #IMAGENET}, {@value #DEMO} or a file path
	 * @param cacheDir where downloaded and extracted files are kept, usually {@link WeightsCache#defaultDirectory()};
	 *          created when needed
	 * @param progress told about a download, if one is needed; {@link DownloadProgress#NONE} for silence
	 * @return a readable weight file
	 * @throws WeightsException naming the file or URL and what went wrong
	 */
	public Path resolve(String spec, Path cacheDir, DownloadProgress progress) throws WeightsException {
		if (IMAGENET.equals(spec)) {
			return imagenet(cacheDir, progress);
		}
		if (DEMO.equals(spec)) {
			return demo(cacheDir);
		}
		return existingFile(spec);
	}

	/** The name torchvision gives the file, {@code alexnet-owt-<start of its SHA-256>.pth}. */
	String imagenetFileName() {
		return "alexnet-owt-" + imagenetSha256Prefix + ".pth";
	}

	private Path imagenet(Path cacheDir, DownloadProgress progress) throws WeightsException {
		Path file = cacheDir.resolve(imagenetFileName());
		if (Files.exists(file)) {
			verifyOnce(file);
			return file;
		}
		String sha256 = downloader.download(imagenetUrl, file, imagenetSha256Prefix, IMAGENET_MAX_BYTES, progress);
		recordVerified(file, sha256);
		return file;
	}

	/**
	 * The downloader only ever renames a verified file to this name, but the user may have put one there by hand, as
	 * the offline error tells them to, and that may be a truncated download or a saved error page. So the file is
	 * hashed once (about a second for 233 MB), and a small record next to it, holding its hash and size, spares
	 * later runs the hashing while the size stays the same.
	 */
	private void verifyOnce(Path file) throws WeightsException {
		Path record = recordOf(file);
		try {
			String size = String.valueOf(Files.size(file));
			if (Files.isRegularFile(record)) {
				String[] hashAndSize = recorded(record).trim().split(" ");
				if (hashAndSize.length == 2 && hashAndSize[0].startsWith(imagenetSha256Prefix) && hashAndSize[1]
					.equals(size))
				{
					return;
				}
			}
			String sha256 = Sha256.hexOf(file);
			if (!sha256.startsWith(imagenetSha256Prefix)) {
				throw new WeightsException(file + " is not the expected weight file: its SHA-256 is " + sha256 +
					", expected one starting with " + imagenetSha256Prefix +
					". Delete it to have it downloaded again from " + imagenetUrl + ".");
			}
			recordVerified(file, sha256);
		}
		catch (WeightsException e) {
			throw e;
		}
		catch (IOException e) {
			throw new WeightsException("Could not read " + file + " (" + WeightsDownloader.describe(e) + ").", e);
		}
	}

	/**
	 * The hash and size a record holds; nothing if it is of another version, changed or damaged (a record vouches for
	 * a file unhashed, so one that does not check out is ignored, and the file is hashed again).
	 */
	private static String recorded(Path record) throws IOException {
		try {
			return CheckedText.read(RECORD_KIND, RECORD_VERSION, RegularFile.readAll(record, 1 << 10));
		}
		catch (CheckedText.Mismatch e) {
			return "";
		}
	}

	private static void recordVerified(Path file, String sha256) {
		try {
			Files.write(recordOf(file), CheckedText.write(RECORD_KIND, RECORD_VERSION, sha256 + " " + Files.size(file) +
				"\n"));
		}
		catch (IOException e) {
			// A read-only cache folder: the file is simply verified again next time.
		}
	}

	private static Path recordOf(Path file) {
		return file.resolveSibling(file.getFileName() + VERIFIED_SUFFIX);
	}

	/**
	 * Copies the bundled network into the cache folder unless it is there already. The name holds the content's hash,
	 * so another version of the plugin, with another demo network, uses another file. A file of that name is trusted:
	 * only a complete copy is ever renamed to it, and nobody is told to put one there by hand.
	 */
	private Path demo(Path cacheDir) throws WeightsException {
		try {
			String sha256;
			try (InputStream in = openDemo()) {
				sha256 = Sha256.hexOf(in);
			}
			Path file = cacheDir.resolve("demo-alexnet-" + sha256.substring(0, 8) + ".pth");
			if (Files.isRegularFile(file)) {
				return file;
			}
			Files.createDirectories(cacheDir);
			Path copy = Files.createTempFile(cacheDir, file.getFileName().toString(), WeightsDownloader.PART_SUFFIX);
			try (InputStream in = openDemo()) {
				Files.copy(in, copy, REPLACE_EXISTING);
				Files.move(copy, file, ATOMIC_MOVE, REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(copy);
			}
			return file;
		}
		catch (WeightsException e) {
			throw e;
		}
		catch (IOException e) {
			throw new WeightsException("Could not copy the demo network into " + cacheDir + " (" + WeightsDownloader
				.describe(e) + ").", e);
		}
	}

	private InputStream openDemo() throws WeightsException {
		InputStream in = WeightsSource.class.getResourceAsStream(demoResource);
		if (in == null) {
			throw new WeightsException("This build of ConvNet Explorer has no demo network (resource " + demoResource +
				" is missing); use '" + IMAGENET + "' or the path of a .pth file.");
		}
		return in;
	}

	private static Path existingFile(String spec) throws WeightsException {
		Path file;
		try {
			file = Paths.get(spec);
		}
		catch (InvalidPathException e) {
			throw new WeightsException("Not a file path: '" + spec + "' (" + SPEC_HINT + ").", e);
		}
		Path absolute = file.toAbsolutePath();
		if (!Files.exists(absolute)) {
			throw new WeightsException("Weight file " + absolute + " does not exist (" + SPEC_HINT + ").");
		}
		if (!Files.isRegularFile(absolute)) {
			throw new WeightsException("Weight file " + absolute + " is not a regular file.");
		}
		if (!Files.isReadable(absolute)) {
			throw new WeightsException("Weight file " + absolute + " cannot be read (no permission).");
		}
		return file;
	}
}
