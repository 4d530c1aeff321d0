package org.convnetexplorer.weights;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 that serves one file, honouring {@code Range: bytes=N-}, and can misbehave the way
 * servers and networks do: cut responses, ignore Range, stall after the headers, answer with an error status,
 * redirect. Written on a raw socket so that a cut is a real mid-body close. One request per connection.
 */
final class LoopbackHttpServer implements AutoCloseable {

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

	private final ServerSocket listener;
	private final String filePath;
	private final byte[] content;
	private final List<String> rangeHeaders = Collections.synchronizedList(new ArrayList<>());
	private final Map<String, String> redirects = new ConcurrentHashMap<>();
	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
	private final AtomicInteger bodiesSent = new AtomicInteger();
	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile int errorStatus;
	private volatile boolean ignoresRange;
	private volatile boolean stalls;
	private volatile int bodiesToCut;
	private volatile int cutAfterBytes;
	private volatile int stallAfterBytes = -1;
	private volatile long millisPerByte;
	private volatile boolean endless;

	LoopbackHttpServer(String filePath, byte[] content) throws IOException {
		this.filePath = filePath;
		this.content = content;
		listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "loopback-http-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The URL of the file. */
	String url() {
		return url(filePath);
	}

	String url(String path) {
		return "http://127.0.0.1:" + listener.getLocalPort() + path;
	}

	/** Answers requests for the file with this status and no body. */
	LoopbackHttpServer failingWith(int status) {
		errorStatus = status;
		return this;
	}

	/** Sends the whole file with 200 even when asked for a range. */
	LoopbackHttpServer ignoringRange() {
		ignoresRange = true;
		return this;
	}

	/** Sends the response headers, then nothing until closed. */
	LoopbackHttpServer stallingAfterHeaders() {
		stalls = true;
		return this;
	}

	/** Sends the headers and {@code bytes} bytes of the body, then nothing until closed. */
	LoopbackHttpServer stallingAfter(int bytes) {
		stallAfterBytes = bytes;
		return this;
	}

	/** Sends the body one byte at a time, {@code millis} apart: never silent for long, never done. */
	LoopbackHttpServer trickling(long millis) {
		millisPerByte = millis;
		return this;
	}

	/** Answers 200 without a Content-Length and sends the file over and over, until the client goes. */
	LoopbackHttpServer endless() {
		endless = true;
		return this;
	}

	/** Closes the connection after {@code bytes} bytes of the body in the first {@code responses} responses. */
	LoopbackHttpServer cuttingFirstResponses(int responses, int bytes) {
		bodiesToCut = responses;
		cutAfterBytes = bytes;
		return this;
	}

	/** Answers requests for {@code from} with 302 and {@code Location: to}. */
	LoopbackHttpServer redirecting(String from, String to) {
		redirects.put(from, to);
		return this;
	}

	/** The Range header of each request for the file so far, in order; null where there was none. */
	List<String> rangeHeaders() {
		synchronized (rangeHeaders) {
			return new ArrayList<>(rangeHeaders);
		}
	}

	@Override
	public void close() throws IOException {
		closed.countDown();
		listener.close();
		for (Socket connection : connections) {
			connection.close();
		}
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				Socket connection = listener.accept();
				connections.add(connection);
				Thread handler = new Thread(() -> serve(connection), "loopback-http-serve");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException e) {
				// Closed.
			}
		}
	}

	private void serve(Socket connection) {
		try (Socket socket = connection) {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), ISO_8859_1));
			String requestLine = in.readLine();
			if (requestLine == null) {
				return;
			}
			String path = requestLine.split(" ")[1];
			String range = null;
			for (String line; (line = in.readLine()) != null && !line.isEmpty();) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Range")) {
					range = line.substring(colon + 1).trim();
				}
			}
			OutputStream out = new BufferedOutputStream(socket.getOutputStream());
			if (redirects.containsKey(path)) {
				writeHead(out, "302 Found", "Location: " + redirects.get(path), "Content-Length: 0");
			}
			else if (!path.equals(filePath)) {
				writeHead(out, "404 Not Found", "Content-Length: 0");
			}
			else {
				rangeHeaders.add(range);
				serveFile(out, range);
			}
			out.flush();
		}
		catch (IOException | InterruptedException e) {
			// The client went away, or the server was closed.
		}
		finally {
			connections.remove(connection);
		}
	}

	private void serveFile(OutputStream out, String range) throws IOException, InterruptedException {
		if (errorStatus != 0) {
			writeHead(out, errorStatus + " Failing On Purpose", "Content-Length: 0");
			return;
		}
		if (endless) {
			writeHead(out, "200 OK");
			while (closed.getCount() > 0) {
				out.write(content); // until the client closes the connection: then this throws
			}
			return;
		}
		Matcher rangeStart = RANGE.matcher(range == null || ignoresRange ? "" : range);
		int start = rangeStart.matches() ? Integer.parseInt(rangeStart.group(1)) : 0;
		if (start >= content.length && rangeStart.matches()) {
			writeHead(out, "416 Range Not Satisfiable", "Content-Range: bytes */" + content.length, "Content-Length: 0");
			return;
		}
		int length = content.length - start;
		if (rangeStart.matches()) {
			writeHead(out, "206 Partial Content", "Content-Range: bytes " + start + "-" + (content.length - 1) + "/" +
				content.length, "Content-Length: " + length);
		}
		else {
			writeHead(out, "200 OK", "Content-Length: " + length);
		}
		if (stalls) {
			out.flush();
			closed.await();
			return;
		}
		if (stallAfterBytes >= 0) {
			out.write(content, start, Math.min(length, stallAfterBytes));
			out.flush();
			closed.await();
			return;
		}
		if (millisPerByte > 0) {
			for (int i = start; i < content.length && !closed.await(millisPerByte, TimeUnit.MILLISECONDS); i++) {
				out.write(content[i]);
				out.flush();
			}
			return;
		}
		if (bodiesSent.getAndIncrement() < bodiesToCut) {
			length = Math.min(length, cutAfterBytes);
		}
		out.write(content, start, length);
	}

	private static void writeHead(OutputStream out, String status, String... headers) throws IOException {
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		out.write(head.toString().getBytes(ISO_8859_1));
	}
}
