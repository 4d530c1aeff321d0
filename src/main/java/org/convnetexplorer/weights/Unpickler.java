package org.convnetexplorer.weights;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one pickle of a PyTorch checkpoint into plain Java data, treating it as untrusted.
 * <p>
 * Python's unpickler imports and calls whatever a pickle names; this one knows only the opcodes
 * and the few globals a state dict uses ({@link SafeGlobal}, torch storage classes) and builds
 * what they would return: dicts become {@link LinkedHashMap}s, lists {@link ArrayList}s, tuples
 * unmodifiable lists, ints {@link Long}s (or {@link BigInteger}s), floats {@link Double}s,
 * storages {@link StorageRef}s and tensors {@link TensorRef}s. Any other global is refused, so
 * nothing in the file is ever executed.
 * <p>
 * Work and memory are bounded whatever the file holds: at most {@value #MAX_OPCODES} opcodes per pickle, and every
 * list, tuple and dict at most {@value #MAX_DEPTH} levels deep and {@value #MAX_TREE_SIZE} values big, counting a
 * value shared through the memo once per place it appears. A few hundred bytes that nest a list twice in the next,
 * level upon level, would otherwise stand for more values than memory holds, and anything that walked them (a hash,
 * a message) would never end. A list or dict cannot change once it is inside another, as in every pickle Python
 * writes of a state dict, so these counts stay true and no value contains itself.
 */
final class Unpickler {

	private static final int MARK = '(';
	private static final int STOP = '.';
	private static final int BINFLOAT = 'G';
	private static final int BININT = 'J';
	private static final int BININT1 = 'K';
	private static final int BININT2 = 'M';
	private static final int NONE = 'N';
	private static final int BINPERSID = 'Q';
	private static final int REDUCE = 'R';
	private static final int BINSTRING = 'T';
	private static final int SHORT_BINSTRING = 'U';
	private static final int BINUNICODE = 'X';
	private static final int APPEND = 'a';
	private static final int BUILD = 'b';
	private static final int GLOBAL = 'c';
	private static final int APPENDS = 'e';
	private static final int BINGET = 'h';
	private static final int LONG_BINGET = 'j';
	private static final int BINPUT = 'q';
	private static final int LONG_BINPUT = 'r';
	private static final int SETITEM = 's';
	private static final int TUPLE = 't';
	private static final int SETITEMS = 'u';
	private static final int EMPTY_DICT = '}';
	private static final int EMPTY_LIST = ']';
	private static final int EMPTY_TUPLE = ')';
	private static final int PROTO = 0x80;
	private static final int TUPLE1 = 0x85;
	private static final int TUPLE2 = 0x86;
	private static final int TUPLE3 = 0x87;
	private static final int NEWTRUE = 0x88;
	private static final int NEWFALSE = 0x89;
	private static final int LONG1 = 0x8a;
	private static final int SHORT_BINUNICODE = 0x8c;
	private static final int BINUNICODE8 = 0x8d;
	private static final int STACK_GLOBAL = 0x93;
	private static final int MEMOIZE = 0x94;
	private static final int FRAME = 0x95;

	private static final int HIGHEST_PROTOCOL = 5;
	/** Longer than any dotted Python name a state dict uses, short enough to read eagerly. */
	private static final int MAX_GLOBAL_NAME_LENGTH = 256;
	/** A state dict's pickle takes some 25 opcodes per tensor: room for 40,000 tensors. */
	static final int MAX_OPCODES = 1 << 20;
	/** A state dict nests some 5 levels deep. */
	static final int MAX_DEPTH = 100;
	static final int MAX_TREE_SIZE = 1 << 20;
	/** Far longer than any key or name in a state dict. */
	static final int MAX_TEXT_BYTES = 1 << 20;

	private final ByteInput in;
	private final List<Object> stack = new ArrayList<>();
	/** Stack sizes at each open MARK; nothing below the innermost may be popped. */
	private final Deque<Integer> marks = new ArrayDeque<>();
	private final Map<Long, Object> memo = new HashMap<>();
	private final Map<String, StorageRef> storages = new LinkedHashMap<>();
	/** The size and depth of each list, tuple and dict built, by identity. */
	private final Map<Object, Shape> shapes = new IdentityHashMap<>();
	private long opcodeOffset;
	private int opcodes;

	/** A container's values counted as a tree (shared ones once per place), its depth, and whether it is inside another. */
	private static final class Shape {
		long treeSize = 1;
		int depth = 1;
		boolean contained;
	}

	Unpickler(ByteInput in) {
		this.in = in;
	}

	/** Reads up to and including the next STOP, and returns the pickled object. */
	Object load() throws WeightsException {
		while (true) {
			opcodeOffset = in.position();
			if (++opcodes > MAX_OPCODES)
				throw malformed("it has more than " + MAX_OPCODES + " opcodes, far more than a state dict's pickle");
			int opcode = in.readUnsignedByte();
			switch (opcode) {
				case PROTO:
					int protocol = in.readUnsignedByte();
					if (protocol > HIGHEST_PROTOCOL) throw malformed("pickle protocol " + protocol + " is unknown");
					break;
				case FRAME:
					// Frames only group bytes for buffered reading; the opcodes inside are read as usual.
					in.readLittleEndian(8);
					break;
				case STOP:
					return pop();
				case MARK:
					marks.push(stack.size());
					break;
				case EMPTY_DICT:
					push(container(new LinkedHashMap<>()));
					break;
				case EMPTY_LIST:
					push(container(new ArrayList<>()));
					break;
				case EMPTY_TUPLE:
					push(tuple(List.of()));
					break;
				case TUPLE:
					push(tuple(popToMark()));
					break;
				case TUPLE1:
				case TUPLE2:
				case TUPLE3:
					push(tuple(popItems(opcode - TUPLE1 + 1)));
					break;
				case BINUNICODE:
					push(text(in.readLittleEndian(4), StandardCharsets.UTF_8));
					break;
				case SHORT_BINUNICODE:
					push(text(in.readUnsignedByte(), StandardCharsets.UTF_8));
					break;
				case BINUNICODE8:
					push(text(in.readLittleEndian(8), StandardCharsets.UTF_8));
					break;
				case BINSTRING:
					// Python 2 str, found in old legacy checkpoints; the length is signed.
					push(text((int) in.readLittleEndian(4), StandardCharsets.ISO_8859_1));
					break;
				case SHORT_BINSTRING:
					push(text(in.readUnsignedByte(), StandardCharsets.ISO_8859_1));
					break;
				case BININT:
					push((long) (int) in.readLittleEndian(4));
					break;
				case BININT1:
					push((long) in.readUnsignedByte());
					break;
				case BININT2:
					push(in.readLittleEndian(2));
					break;
				case LONG1:
					push(long1(in.readUnsignedByte()));
					break;
				case BINFLOAT:
					push(Double.longBitsToDouble(Long.reverseBytes(in.readLittleEndian(8))));
					break;
				case NONE:
					push(null);
					break;
				case NEWTRUE:
					push(Boolean.TRUE);
					break;
				case NEWFALSE:
					push(Boolean.FALSE);
					break;
				case GLOBAL:
					String module = readLine();
					push(global(module, readLine()));
					break;
				case STACK_GLOBAL:
					String name = popAs(String.class, "a global's name");
					push(global(popAs(String.class, "a global's module"), name));
					break;
				case REDUCE:
					List<?> arguments = popAs(List.class, "the arguments of a call");
					push(call(pop(), arguments));
					break;
				case BUILD:
					// The state BUILD would set is OrderedDict's _metadata, which the tensors don't need.
					pop();
					requireBuildTarget(peek());
					break;
				case SETITEM:
					Object value = pop();
					Object key = pop();
					dictOnTop().put(dictKey(key), insert(value, peek()));
					break;
				case SETITEMS:
					setItems(popToMark());
					break;
				case APPEND:
					Object item = pop();
					listOnTop().add(insert(item, peek()));
					break;
				case APPENDS:
					List<Object> items = popToMark();
					List<Object> list = listOnTop();
					for (Object each : items)
						list.add(insert(each, list));
					break;
				case BINPUT:
					memo.put((long) in.readUnsignedByte(), peek());
					break;
				case LONG_BINPUT:
					memo.put(in.readLittleEndian(4), peek());
					break;
				case MEMOIZE:
					memo.put((long) memo.size(), peek());
					break;
				case BINGET:
					push(memoized(in.readUnsignedByte()));
					break;
				case LONG_BINGET:
					push(memoized(in.readLittleEndian(4)));
					break;
				case BINPERSID:
					push(storage(pop()));
					break;
				default:
					throw malformed(String.format("opcode 0x%02x is not one a state dict uses", opcode));
			}
		}
	}

	/** Every storage the pickle referred to, by key, as the whole storage (not a view). */
	Map<String, StorageRef> storages() {
		return storages;
	}

	/** A short Python-like name of what an unpickled value is, for messages. */
	static String describe(Object value) {
		if (value == null) return "None";
		if (value instanceof String) return "str";
		if (value instanceof Long || value instanceof BigInteger) return "int";
		if (value instanceof Double) return "float";
		if (value instanceof Boolean) return "bool";
		if (value instanceof Map) return "dict";
		if (value instanceof ArrayList) return "list";
		if (value instanceof List) return "tuple";
		if (value instanceof TensorRef) return "tensor";
		if (value instanceof StorageRef) return "storage";
		return value.toString(); // a SafeGlobal or StorageType: its Python name
	}

	private Object global(String module, String name) throws WeightsException {
		SafeGlobal safe = SafeGlobal.find(module, name);
		if (safe != null) return safe;
		if (module.equals("torch") && name.endsWith("Storage")) {
			StorageType type = StorageType.byPythonName(name);
			if (type != null) return type;
			throw new WeightsException(in.file(), "it holds a torch." + name + ", a storage type this loader does not read");
		}
		throw WeightsException.refusing(in.file(),
			"it references " + module + "." + name + ", which a state dict never contains");
	}

	private Object call(Object callable, List<?> arguments) throws WeightsException {
		if (!(callable instanceof SafeGlobal)) {
			throw malformed("it calls a " + describe(callable) + ", which a state dict never does");
		}
		switch ((SafeGlobal) callable) {
			case ORDERED_DICT:
				return orderedDict(arguments);
			case REBUILD_TENSOR:
				requireArgumentCount(callable, arguments, 4, 4);
				return tensor(arguments);
			case REBUILD_TENSOR_V2:
				// (storage, offset, size, stride, requires_grad, backward_hooks[, metadata]); the last three don't matter here.
				requireArgumentCount(callable, arguments, 6, 7);
				return tensor(arguments);
			case REBUILD_PARAMETER:
				// (data, requires_grad, backward_hooks): a parameter is its data.
				requireArgumentCount(callable, arguments, 3, 3);
				return as(TensorRef.class, arguments.get(0), "a parameter's data");
			default:
				throw new AssertionError(callable);
		}
	}

	/** OrderedDict() as Python 3 pickles it, or OrderedDict([[key, value], ...]) as Python 2 did. */
	private Map<Object, Object> orderedDict(List<?> arguments) throws WeightsException {
		requireArgumentCount(SafeGlobal.ORDERED_DICT, arguments, 0, 1);
		Map<Object, Object> dict = new LinkedHashMap<>();
		container(dict);
		if (arguments.isEmpty()) return dict;
		for (Object pair : as(List.class, arguments.get(0), "the items of an OrderedDict")) {
			List<?> keyAndValue = as(List.class, pair, "an OrderedDict item");
			if (keyAndValue.size() != 2) throw malformed("an OrderedDict item has " + keyAndValue.size() + " parts");
			dict.put(dictKey(keyAndValue.get(0)), insert(keyAndValue.get(1), dict));
		}
		return dict;
	}

	private TensorRef tensor(List<?> arguments) throws WeightsException {
		StorageRef storage = as(StorageRef.class, arguments.get(0), "a tensor's storage");
		long offset = nonNegative(arguments.get(1), "a tensor's storage offset");
		long[] shape = nonNegatives(arguments.get(2), "a tensor's size");
		long[] stride = nonNegatives(arguments.get(3), "a tensor's stride");
		if (shape.length != stride.length) {
			throw malformed("a tensor has " + shape.length + " sizes but " + stride.length + " strides");
		}
		TensorRef tensor;
		try {
			tensor = new TensorRef(storage, offset, shape, stride);
		}
		catch (ArithmeticException e) {
			throw malformed("a tensor's size overflows");
		}
		if (!tensor.fitsInStorage()) {
			throw malformed("a tensor reaches past the end of storage " + storage.key + " of " + storage.viewSize +
				" elements");
		}
		return tensor;
	}

	/** A persistent id ('storage', storage type, key, location, numel[, view metadata]). */
	private StorageRef storage(Object persistentId) throws WeightsException {
		List<?> id = as(List.class, persistentId, "a persistent id");
		if (id.size() < 5 || id.size() > 6 || !"storage".equals(id.get(0))) {
			throw malformed("a persistent id is not a storage reference");
		}
		StorageType type = as(StorageType.class, id.get(1), "a storage type");
		String key = as(String.class, id.get(2), "a storage key");
		// id.get(3) is the device the storage was saved from; everything is read to the CPU.
		StorageRef whole = new StorageRef(key, type, nonNegative(id.get(4), "a storage size"));
		StorageRef known = storages.putIfAbsent(key, whole);
		if (known != null && !known.sameStorageAs(whole)) {
			throw malformed("storage " + key + " is declared twice with different types or sizes");
		}
		if (id.size() == 5 || id.get(5) == null) return whole;
		// Pre-1.0 torch could save views: (view key, offset, size) in elements of the root storage.
		List<?> view = as(List.class, id.get(5), "a storage view");
		if (view.size() != 3) throw malformed("a storage view has " + view.size() + " parts instead of 3");
		long viewOffset = nonNegative(view.get(1), "a storage view's offset");
		long viewSize = nonNegative(view.get(2), "a storage view's size");
		if (viewOffset > whole.numel || viewSize > whole.numel - viewOffset) {
			throw malformed("a view reaches past the end of storage " + key);
		}
		return whole.view(viewOffset, viewSize);
	}

	/** BUILD sets an object's attributes; in a state dict, only a dict's or a tensor's. */
	private void requireBuildTarget(Object target) throws WeightsException {
		if (!(target instanceof Map) && !(target instanceof TensorRef)) {
			throw malformed("it sets the state of a " + describe(target));
		}
	}

	private void setItems(List<Object> keysAndValues) throws WeightsException {
		if (keysAndValues.size() % 2 != 0) throw malformed("SETITEMS has a key without a value");
		Map<Object, Object> dict = dictOnTop();
		for (int i = 0; i < keysAndValues.size(); i += 2) {
			dict.put(dictKey(keysAndValues.get(i)), insert(keysAndValues.get(i + 1), dict));
		}
	}

	/** A new, empty list or dict. */
	private Object container(Object empty) {
		shapes.put(empty, new Shape());
		return empty;
	}

	private List<Object> tuple(List<Object> items) throws WeightsException {
		List<Object> tuple = Collections.unmodifiableList(items);
		container(tuple);
		for (Object item : items)
			insert(item, tuple);
		return tuple;
	}

	/**
	 * Counts {@code value} into {@code container}'s size and depth, refusing what would exceed the bounds, and marks
	 * it contained: from now on it may not change.
	 */
	private Object insert(Object value, Object container) throws WeightsException {
		Shape outer = shapes.get(container);
		Shape inner = shapes.get(value);
		if (inner != null) inner.contained = true;
		if (outer.contained) throw malformed("it changes a " + describe(container) + " after putting it inside another value");
		outer.treeSize += inner == null ? 1 : inner.treeSize;
		if (inner != null) outer.depth = Math.max(outer.depth, inner.depth + 1);
		if (outer.depth > MAX_DEPTH) throw malformed("it nests values more than " + MAX_DEPTH + " levels deep");
		if (outer.treeSize > MAX_TREE_SIZE) {
			throw malformed("a " + describe(container) + " holds more than " + MAX_TREE_SIZE + " values, counting those " +
				"it shares through the memo each time (a pickle bomb?)");
		}
		return value;
	}

	/** Keys are limited to values with a cheap, non-recursive hashCode: a list can contain itself. */
	private Object dictKey(Object key) throws WeightsException {
		if (key instanceof String || key instanceof Long || key instanceof BigInteger) return key;
		throw malformed("a dict key is a " + describe(key));
	}

	private Object long1(int length) throws WeightsException {
		byte[] littleEndian = in.readBytes(length);
		if (length == 0) return 0L;
		byte[] bigEndian = new byte[length];
		for (int i = 0; i < length; i++) {
			bigEndian[i] = littleEndian[length - 1 - i];
		}
		BigInteger value = new BigInteger(bigEndian);
		return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
	}

	private String text(long length, Charset charset) throws WeightsException {
		// a length past the end of the file is reported as such by readBytes
		if (length > MAX_TEXT_BYTES && length <= in.remaining()) {
			throw malformed("a string of " + length + " bytes, longer than any a state dict holds (" + MAX_TEXT_BYTES + ")");
		}
		return new String(in.readBytes(length), charset);
	}

	/** A GLOBAL operand: text up to a newline. */
	private String readLine() throws WeightsException {
		StringBuilder line = new StringBuilder();
		for (int c = in.readUnsignedByte(); c != '\n'; c = in.readUnsignedByte()) {
			if (line.length() == MAX_GLOBAL_NAME_LENGTH) throw malformed("a global's name is too long");
			line.append((char) c);
		}
		return line.toString();
	}

	private Object memoized(long index) throws WeightsException {
		if (!memo.containsKey(index)) throw malformed("it reads memo slot " + index + ", which was never written");
		return memo.get(index);
	}

	private void requireArgumentCount(Object callable, List<?> arguments, int min, int max) throws WeightsException {
		if (arguments.size() < min || arguments.size() > max) {
			throw malformed(callable + " gets " + arguments.size() + " arguments");
		}
	}

	private long nonNegative(Object value, String what) throws WeightsException {
		if (!(value instanceof Long) || (Long) value < 0) {
			throw malformed(what + " is " + (value instanceof Long ? value : "a " + describe(value)) +
				" instead of a non-negative int");
		}
		return (Long) value;
	}

	private long[] nonNegatives(Object value, String what) throws WeightsException {
		List<?> list = as(List.class, value, what);
		long[] numbers = new long[list.size()];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = nonNegative(list.get(i), what);
		}
		return numbers;
	}

	@SuppressWarnings("unchecked")
	private Map<Object, Object> dictOnTop() throws WeightsException {
		return as(Map.class, peek(), "the target of SETITEM");
	}

	@SuppressWarnings("unchecked")
	private List<Object> listOnTop() throws WeightsException {
		// Tuples are unmodifiable lists; only a real list may grow.
		return as(ArrayList.class, peek(), "the target of APPEND");
	}

	private <T> T as(Class<T> type, Object value, String what) throws WeightsException {
		if (!type.isInstance(value)) throw malformed(what + " is a " + describe(value));
		return type.cast(value);
	}

	private <T> T popAs(Class<T> type, String what) throws WeightsException {
		return as(type, pop(), what);
	}

	private void push(Object value) {
		stack.add(value);
	}

	private Object pop() throws WeightsException {
		requireItems(1);
		return stack.remove(stack.size() - 1);
	}

	private Object peek() throws WeightsException {
		requireItems(1);
		return stack.get(stack.size() - 1);
	}

	private List<Object> popItems(int count) throws WeightsException {
		requireItems(count);
		List<Object> top = stack.subList(stack.size() - count, stack.size());
		List<Object> items = new ArrayList<>(top);
		top.clear();
		return items;
	}

	private List<Object> popToMark() throws WeightsException {
		if (marks.isEmpty()) throw malformed("it closes a MARK that was never opened");
		return popItems(stack.size() - marks.pop());
	}

	private void requireItems(int count) throws WeightsException {
		int floor = marks.isEmpty() ? 0 : marks.peek();
		if (stack.size() - floor < count) throw malformed("it takes more items off the stack than it put on");
	}

	private WeightsException malformed(String problem) {
		return new WeightsException(in.file(), "malformed pickle in " + in.name() + " at offset " + opcodeOffset + ": " +
			problem);
	}
}
