package org.convnetexplorer.weights;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes pickles opcode by opcode: files torch would write, and files it never would. */
final class PickleBuilder {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/** Raw bytes: opcodes and their operands. */
	PickleBuilder op(int... bytes) {
		for (int b : bytes) out.write(b);
		return this;
	}

	PickleBuilder raw(byte[] bytes) {
		out.writeBytes(bytes);
		return this;
	}

	PickleBuilder proto(int protocol) {
		return op(0x80, protocol);
	}

	PickleBuilder mark() {
		return op('(');
	}

	PickleBuilder tuple() {
		return op('t');
	}

	PickleBuilder emptyTuple() {
		return op(')');
	}

	PickleBuilder emptyDict() {
		return op('}');
	}

	PickleBuilder emptyList() {
		return op(']');
	}

	PickleBuilder reduce() {
		return op('R');
	}

	PickleBuilder setItem() {
		return op('s');
	}

	PickleBuilder setItems() {
		return op('u');
	}

	PickleBuilder appends() {
		return op('e');
	}

	PickleBuilder none() {
		return op('N');
	}

	PickleBuilder bool(boolean value) {
		return op(value ? 0x88 : 0x89);
	}

	PickleBuilder persistentId() {
		return op('Q');
	}

	PickleBuilder stop() {
		return op('.');
	}

	/** BINUNICODE, as protocol 2 writes str. */
	PickleBuilder unicode(String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		op('X');
		littleEndian(utf8.length, 4);
		out.writeBytes(utf8);
		return this;
	}

	/** SHORT_BINUNICODE, as protocol 4 writes short str. */
	PickleBuilder shortUnicode(String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		op(0x8c, utf8.length);
		out.writeBytes(utf8);
		return this;
	}

	/** SHORT_BINSTRING, as Python 2 wrote str. */
	PickleBuilder python2String(String text) {
		byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
		op('U', latin1.length);
		out.writeBytes(latin1);
		return this;
	}

	/** The shortest int opcode Python would pick. */
	PickleBuilder integer(long value) {
		if (value >= 0 && value < 0x100) return op('K', (int) value);
		if (value >= 0 && value < 0x10000) {
			op('M');
			return littleEndian(value, 2);
		}
		if (value == (int) value) {
			op('J');
			return littleEndian(value, 4);
		}
		return long1(BigInteger.valueOf(value));
	}

	PickleBuilder long1(BigInteger value) {
		byte[] bigEndian = value.toByteArray();
		op(0x8a, bigEndian.length);
		for (int i = bigEndian.length - 1; i >= 0; i--) out.write(bigEndian[i]);
		return this;
	}

	/** A tuple of ints, as sizes and strides are pickled. */
	PickleBuilder ints(long... values) {
		mark();
		for (long value : values) integer(value);
		return tuple();
	}

	PickleBuilder global(String module, String name) {
		op('c');
		out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
		return this;
	}

	PickleBuilder stackGlobal(String module, String name) {
		return shortUnicode(module).shortUnicode(name).op(0x93);
	}

	/** torch._utils._rebuild_tensor_v2 of a storage, exactly as torch.save writes it. */
	PickleBuilder tensor(String storageType, String key, long storageNumel, long offset, long[] shape, long[] stride) {
		global("torch._utils", "_rebuild_tensor_v2").mark();
		storageReference(storageType, key, storageNumel).integer(offset).ints(shape).ints(stride);
		bool(false).global("collections", "OrderedDict").emptyTuple().reduce();
		return tuple().reduce();
	}

	/** The persistent id ('storage', torch.<type>, key, 'cpu', numel) of the zip format. */
	PickleBuilder storageReference(String storageType, String key, long numel) {
		mark().unicode("storage").global("torch", storageType).unicode(key).unicode("cpu").integer(numel);
		return tuple().persistentId();
	}

	PickleBuilder littleEndian(long value, int bytes) {
		for (int i = 0; i < bytes; i++) out.write((int) (value >>> (8 * i)));
		return this;
	}

	byte[] bytes() {
		return out.toByteArray();
	}
}
