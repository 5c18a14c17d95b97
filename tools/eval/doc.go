/*
Eval runs the convlings reference library as a JSON filter: it reads an
array of cases, computes each with the library, and writes an array of
results in the same order.

Usage:

	go run ./tools/eval [-timeout d] < cases.json > results.json

Eval is a stream: it reads one case, computes it, writes and flushes its
result, and only then reads the next, so results appear as they are
computed and memory does not grow with the number of cases.

Instructors use it to author new cases; anyone can use it to check the
library against another implementation of Keras. The case logic lives in
internal/eval, which the explorer's WebAssembly build calls too, so the
page in the browser and this command give the same answers.

# Input

A JSON array of cases, optionally preceded by a UTF-8 byte-order mark. A
layer case runs one layer:

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
can carry notes. A key given twice in one object makes the case a
bad_case.

# Bounds

Every case is checked against these bounds while it is read, so nothing
grows past them before the case is rejected; a case that breaks one gets
an error result (too_large, or bad_case for the nesting) and the next case
is read as usual:

	2^24 entries      in one array, and values in any input or output
	2^25 numbers      in one case, over all its arrays
	2^20 other values in one case (objects, arrays, strings, keys, …)
	64 levels         of nesting of objects and arrays in one case
	2^33 operations   multiply-adds or comparisons to compute a case's
	                  values, estimated from its shapes before it runs

A case longer than 256 MiB of JSON text, or nested deeper than 2^20
levels, cannot be skipped: eval stops there with exit status 1.

A case whose computation runs longer than the time limit (-timeout, 10s by
default) gets an error result of kind timeout, and eval goes on with the
next case. Go cannot stop a computation, so the abandoned one runs on to
its end (the 2^33 bound keeps that to seconds) while the next cases run; at
most 2 computations are alive at once, and a case that needs one waits for
a free slot.

Memory. Eval holds one case at a time, with its input, weights and output,
plus at most one abandoned computation, so its peak memory depends on its
largest case, not on the number of cases: about 32 MiB, plus about 20
bytes per number of the largest case (its text, then its float32 value),
plus 8 bytes per value of its output. Measured on linux/amd64: a 1.0 GB
input of 6 million small cases peaks at 17 to 32 MiB resident (two runs);
one case with 2^24 input values (84 MB of JSON) at 342 MB.

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
	too_large                 an input, output, array or computation beyond
	                          the bounds above or the library's
	                          (tensor.MaxElements values in a tensor)
	timeout                   a computation that ran past the time limit
	unknown_layer             a layer class eval does not know
	internal_error            the library panicked: a bug, please report it
	bad_case                  a case that is not well formed: a missing,
	                          mistyped or repeated key, nesting too deep, …

and a message that names the layer, the argument and the value; in a
model case, it also names the failing layer's index (from 0). Messages
are short whatever the case holds: values in them are cut after about 80
to 200 bytes. A failing case does not stop the others. The id of a case
that breaks a bound while it is read is echoed if it came before the
fault, and null otherwise.

Eval follows Keras 3 where implementations differ: padding is
case-insensitive for convolutions and lower case only for pooling; an
explicit "" is invalid; AveragePooling needs pool_size; pooling strides of
0 are rejected.

# Exit status

0 when every case was read and answered, including cases that report an
error; 1 when the input is not a JSON array, is not well-formed JSON, has
data after the array or cannot be read, or when the output cannot be
written (including a closed pipe, as under `eval < cases.json | head`:
eval does not die of SIGPIPE); 2 for a usage error. Errors go to stderr,
prefixed "eval: ". With exit status 1 the results written before the
fault stay on stdout, and the array is closed only when the whole input
was read.

Flags:

	-h          print this manual
	-timeout d  the time limit of one case's computation, such as 30s
	            (default 10s)
*/
package main
