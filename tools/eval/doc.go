/*
Eval runs the convlings reference library as a JSON filter: it reads an
array of cases, computes each with the library, and writes an array of
results in the same order.

Usage:

	go run ./tools/eval < cases.json > results.json

Instructors use it to author new cases; anyone can use it to check the
library against another implementation of Keras. The case logic lives in
internal/eval, which the explorer's WebAssembly build calls too, so the
page in the browser and this command give the same answers.

# Input

A JSON array of cases. A layer case runs one layer:

	{
	  "id": "conv_same_stride2",           any JSON value, echoed back
	  "layer": "Conv2D",                   the Keras class name
	  "config": {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"},
	  "input_shape": [1, 5, 5, 1],         with the batch; null for None
	  "input": [0, 1, …],                  optional: flat, row-major, in the layer's data_format
	  "weights": {"kernel": […], "bias": […]}
	}

A model case runs a Sequential model:

	{
	  "id": "post_first_model",
	  "kind": "sequential",
	  "input_shape": [10, 10, 3],          without the batch; null for None
	  "batch": 1,                          optional; null or absent for None
	  "input": […],                        optional, batch×input_shape values
	  "layers": [{"layer": "Conv2D", "config": {…}, "weights": {…}}, …]
	}

The layers are Conv1D, Conv2D, Conv3D, MaxPooling1D/2D/3D,
AveragePooling1D/2D/3D, GlobalMaxPooling1D/2D/3D,
GlobalAveragePooling1D/2D/3D, ZeroPadding1D/2D/3D, Flatten and Dense, and
Keras's aliases (MaxPool2D, AvgPool2D, GlobalMaxPool2D, GlobalAvgPool2D,
Convolution2D, …).

The config holds Keras get_config keys in snake_case: filters,
kernel_size, strides, padding, dilation_rate, groups, data_format,
use_bias (convolution); pool_size, strides, padding, data_format
(pooling); keepdims, data_format (global pooling); padding (zero
padding); units, use_bias (Dense). Sizes are an int, repeated on every
axis, or a list with one entry per axis, as Keras accepts them ([3] is an
error for Conv2D, as in Keras); zero padding also takes nested lists such
as [[1, 2], [3, 4]] or [1, [2, 3]]. null, or leaving a key out, means the
Keras default.

Three options follow Keras 3 exactly. padding "causal" (any case) is
accepted by Conv1D only: k_eff − 1 zeros before the sequence, none after,
so the output has ceil(n / strides) steps; Conv2D, Conv3D and pooling
reject it as invalid_padding_mode. groups (an int ≥ 1, default 1) must
divide filters (else nonpositive_argument) and the input channels (else
invalid_argument_shape); the kernel is then (k…, in_channels / groups,
filters). data_format is "channels_last" (the default) or
"channels_first", in any case; any other string, "" included, is
nonpositive_argument. Under channels_first the channels follow the batch
in input_shape, in the input and in the output, (N, C, H, W) for 2-D,
while the kernel keeps its (k…, in, filters) layout.

The keys name and trainable are ignored; activation must be null or
"linear", dtype null or "float32", data_format on ZeroPadding and Flatten
null or "channels_last", and keys ending in _initializer, _regularizer or
_constraint are ignored. Any other key makes the case a bad_case, so typos
do not pass silently.

Weights use Keras's layouts, flattened row-major: the convolution kernel
is (k…, in_channels / groups, filters), the Dense kernel (in, units), and the bias
has one value per filter or unit. Weights are required to compute values;
without an input, a layer needs no weights.

Keys beginning with "_", and "comment", are ignored in a case, so cases
can carry notes.

# Output

A JSON array, one result per case, one result per line. A layer case gives

	{"id": …, "output_shape": "(1, 3, 3, 2)", "shape": [1, 3, 3, 2],
	 "params": 20, "values": [ … ]}

where output_shape is printed as Keras prints a shape, shape is present
when every dimension is known, and values, the flat output, when an input
was given. A model case gives

	{"id": …, "layers": [{"class": "Conv2D", "output_shape": "(None, 8, 8, 10)",
	 "params": 280}, …], "total_params": 280, "output_shape": "(None, 8, 8, 10)",
	 "shape": [1, 8, 8, 10], "values": [ … ]}

with the batch printed as None in output_shape, as Keras prints
model.output_shape, and the given batch in shape. Values are float32,
written in the shortest form that reads back as the same float32 (as Go's
encoding/json writes a float32); a value that is not finite is written as
null.

A case that fails gives {"id": …, "error": {"kind": …, "message": …}}
with kind one of

	nonpositive_output        'valid' windows that do not fit the input
	stride_dilation_conflict  strides > 1 together with dilation_rate > 1
	invalid_padding_mode      a padding other than "valid" or "same" ("causal" for Conv1D)
	nonpositive_argument      a size, count, stride, dilation or groups ≤ 0, a negative
	                          padding, filters not divisible by groups, an unknown
	                          data_format
	invalid_argument_shape    a tuple of the wrong length, weights or input of the
	                          wrong size, channels that do not match the kernel or
	                          that groups do not divide
	input_rank                an input of the wrong rank for the layer
	missing_argument          a required argument or weight left out
	unknown_layer             a layer class eval does not know
	bad_case                  a case that is not well formed: a missing or
	                          mistyped key, an input too large, …

and a message that names the layer, the argument and the value; in a
model case, it also names the failing layer's index (from 0). A failing
case does not stop the others. Inputs and outputs are limited to 2^24
values each.

Eval follows Keras 3 where implementations differ: padding is
case-insensitive for convolutions and lower case only for pooling; an
explicit "" is invalid; AveragePooling needs pool_size; pooling strides of
0 are rejected.

# Exit status

0 when every case was read and answered, including cases that report an
error; 1 when the input is not a JSON array or cannot be read or the
output cannot be written; 2 for a usage error. Errors go to stderr,
prefixed "eval: ".

Flags:

	-h   print this manual
*/
package main
