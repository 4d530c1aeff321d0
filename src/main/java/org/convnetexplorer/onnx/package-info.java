/**
 * ONNX models: a bounded protobuf reader, the graph, and the walk that imports the graph into TensorFlow with each
 * tensor's receptive fields; the operators themselves are in {@code onnx.ops}.
 */
package org.convnetexplorer.onnx;
