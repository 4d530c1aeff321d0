package org.convnetexplorer.weights;

/**
 * The Python callables a state dict pickle names. The unpickler never calls anything: it builds
 * the plain data that each of these would return.
 */
enum SafeGlobal {
	ORDERED_DICT("collections", "OrderedDict"),
	REBUILD_TENSOR("torch._utils", "_rebuild_tensor"),
	REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
	REBUILD_PARAMETER("torch._utils", "_rebuild_parameter");

	private final String module;
	private final String name;

	SafeGlobal(String module, String name) {
		this.module = module;
		this.name = name;
	}

	/** The callable {@code module.name}, or null if a state dict has no business naming it. */
	static SafeGlobal find(String module, String name) {
		for (SafeGlobal global : values()) {
			if (global.module.equals(module) && global.name.equals(name)) return global;
		}
		return null;
	}

	@Override
	public String toString() {
		return module + "." + name;
	}
}
