/**
 * Weights: PyTorch .pth files read as untrusted data (a bounded unpickler, nothing executed), downloads with
 * progress and resume, the cache.
 */
package org.convnetexplorer.weights;
