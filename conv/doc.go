// Package conv implements the Keras 3 convolution layers Conv1D, Conv2D and
// Conv3D: their configuration, output shape, parameter count and forward
// pass, exactly as Keras computes them for float32 data, channels_last or
// channels_first, with groups and Conv1D's causal padding.
//
// Shapes. Inputs and outputs are row-major with channels last:
//
//	Conv1D  N×W×C      → N×W'×F
//	Conv2D  N×H×W×C    → N×H'×W'×F
//	Conv3D  N×D×H×W×C  → N×D'×H'×W'×F
//
// where F is the number of filters. The kernel has Keras's layout
// (k…, C, F), kh×kw×C×F for Conv2D with the filters innermost, and the bias
// has F values. With DataFormat "channels_first" the channels follow the
// batch, N×C×H×W → N×F×H'×W' for Conv2D, and the kernel layout does not
// change, so weights move between the two formats unchanged.
//
// Computation. A Keras convolution is a cross-correlation: the kernel is
// not flipped. For output position o, filter f and each spatial axis with
// stride s, dilation d and 'before' padding p,
//
//	y[n, o, f] = bias[f] + Σ_k Σ_c x[n, o·s − p + k·d, c] · kernel[k, c, f]
//
// where input cells outside the input are zeros.
//
// Output length along an axis of n cells with k_eff = (k−1)·d + 1:
//
//	valid:  floor((n − k_eff) / s) + 1   (an error when ≤ 0)
//	same:   ceil(n / s)
//	causal: ceil(n / s)                  (Conv1D only)
//
// Under 'same' the zeros are split as TensorFlow splits them: the total is
// max(0, (out−1)·s + k_eff − n), floor(total/2) go before and the rest,
// which holds the odd cell, after (see package padding). Under 'causal'
// k_eff − 1 zeros go before the sequence and none after, so output o reads
// no input after position o·s; Keras accepts it for Conv1D only, and so
// does this package.
//
// Groups. With Config.Groups = G the input channels and the filters are
// split into G contiguous blocks, and the filters of block g read only the
// channels of block g: the kernel is (k…, C/G, F) and
//
//	y[n, o, f] = bias[f] + Σ_k Σ_c' x[n, o·s − p + k·d, g·C/G + c'] · kernel[k, c', f],  g = f / (F/G)
//
// G must divide F (checked by the constructors) and C (checked against the
// input). Grouped channels-last layers run in place: groups whose filters
// fill whole vectors on the dense kernels; narrower groups a few at a time
// with a block-diagonal kernel, or, for depthwise layers (one channel per
// group) and other groups of up to 8 channels and filters, on channel-wise
// kernels that run the vector along the filters, each lane reading its own
// channel. Other grouped layers and channels_first layers move the data
// into the kernels' one layout, channels-last with one group, and back:
// one pass over the input and one over the output, beside the
// convolution's work.
//
// Configuration follows Keras's constructor arguments and defaults: strides
// and dilation_rate default to 1, padding to "valid" (compared
// case-insensitively, as Keras lower-cases it), groups to 1, data_format to
// channels_last, and the bias is used unless Config.NoBias is set. A stride
// above 1 on any axis together with a dilation above 1 on any axis is
// rejected, as Keras rejects it. Weights are never
// initialised randomly: set them in the Config or with SetWeights before
// calling Forward.
//
// Errors are *padding.Error values that name the layer, the argument and
// the value, and wrap one of the padding.Err* kinds; test them with
// errors.Is.
package conv
