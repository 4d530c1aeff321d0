/**
 * Networks as TensorFlow graphs built once: the built-in AlexNet, the {@link org.convnetexplorer.network.Network}
 * and {@link org.convnetexplorer.network.Trunk} every network implements, devices, precision.
 */
package org.convnetexplorer.network;
