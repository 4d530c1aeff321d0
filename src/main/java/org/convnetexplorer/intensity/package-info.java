/**
 * Intensity normalisation as bioimage.io's preprocessing, per image and per channel (or over all channels together):
 * {@link org.convnetexplorer.intensity.Normalization} is a list of
 * {@link org.convnetexplorer.intensity.NormalizationStep}s (scale_range with percentiles, zero_mean_unit_variance,
 * scale_linear, clip) applied to an image's raw values, channels first; {@link org.convnetexplorer.intensity.Percentiles}
 * computes percentiles as numpy's default (linear interpolation); {@link org.convnetexplorer.intensity.DisplayRange} is
 * the range of raw values one image's patches are shown with. Plain Java: no window, no network.
 */
package org.convnetexplorer.intensity;
