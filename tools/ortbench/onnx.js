'use strict';

// A minimal ONNX model writer: just enough of the protobuf encoding of
// onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
// TensorProto, ValueInfoProto) to describe one layer, so that the benchmark
// needs no package besides onnxruntime-node. Field numbers are onnx.proto's.

// varint encodes a non-negative integer (up to 2^53) as a protobuf varint.
function varint(n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`onnx: cannot encode ${n} as a varint`);
  const out = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Buffer.from(out);
}

const key = (field, wire) => varint(field * 8 + wire);
const int = (field, n) => Buffer.concat([key(field, 0), varint(n)]);
const bytes = (field, b) => Buffer.concat([key(field, 2), varint(b.length), b]);
const str = (field, s) => bytes(field, Buffer.from(s, 'utf8'));
const msg = (field, parts) => bytes(field, Buffer.concat(parts));

// AttributeProto: name = 1, i = 3, ints = 8, type = 20 (INT = 2, INTS = 7).
function attrInt(name, v) {
  return msg(5, [str(1, name), int(3, v), int(20, 2)]);
}
function attrInts(name, vs) {
  return msg(5, [str(1, name), ...vs.map((v) => int(8, v)), int(20, 7)]);
}

// NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
function node(op, inputs, outputs, attrs) {
  return msg(1, [...inputs.map((s) => str(1, s)), ...outputs.map((s) => str(2, s)), str(3, outputs[0]), str(4, op), ...attrs]);
}

// TensorProto as an initializer: dims = 1, data_type = 2 (FLOAT = 1),
// name = 8, raw_data = 9 (little-endian).
function initializer(name, dims, data) {
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return msg(5, [...dims.map((d) => int(1, d)), int(2, 1), str(8, name), bytes(9, raw)]);
}

// ValueInfoProto: name = 1, type = 2 → TypeProto.tensor_type = 1 →
// elem_type = 1, shape = 2 → TensorShapeProto.dim = 1 → dim_value = 1.
function valueInfo(field, name, dims) {
  const shape = dims.map((d) => msg(1, [int(1, d)]));
  return msg(field, [str(1, name), msg(2, [msg(1, [int(1, 1), msg(2, shape)])])]);
}

// model returns the bytes of a ModelProto (ir_version = 1, graph = 7,
// opset_import = 8) whose graph (node = 1, name = 2, initializer = 5,
// input = 11, output = 12) holds nodes, reading "x" of shape inShape and
// writing outputs of shape outShape.
function model(nodes, inits, inShape, outputs, outShape) {
  const graph = [
    ...nodes,
    str(2, 'ortbench'),
    ...inits,
    valueInfo(11, 'x', inShape),
    ...outputs.map((o) => valueInfo(12, o, outShape)),
  ];
  return Buffer.concat([int(1, 8), msg(7, graph), msg(8, [str(1, ''), int(2, 17)])]);
}

// layerModel builds the ONNX model of one exported layer (see
// TestExportLayers in conv and pool), channels first, with `replicas`
// copies of the layer that all read x: one session run then computes the
// layer replicas times, which spreads onnxruntime's per-run overhead.
// weights is the kernel in ONNX's layout (F, C, k…) and bias its F values.
function layerModel(spec, replicas, weights, bias) {
  const inShape = [spec.n, spec.c, ...spec.in];
  const outC = spec.op === 'Conv' ? spec.f : spec.c;
  const outShape = [spec.n, outC, ...spec.out];
  const nodes = [];
  const outs = [];
  const inits = [];
  if (spec.op === 'Conv') {
    inits.push(initializer('w', [spec.f, spec.c / (spec.groups || 1), ...spec.kernel], weights));
    inits.push(initializer('b', [spec.f], bias));
  }
  for (let r = 0; r < replicas; r++) {
    const y = `y${r}`;
    outs.push(y);
    switch (spec.op) {
      case 'Conv':
        nodes.push(node('Conv', ['x', 'w', 'b'], [y], [
          attrInts('kernel_shape', spec.kernel), attrInts('strides', spec.strides),
          attrInts('dilations', spec.dilation), attrInts('pads', spec.pads), attrInt('group', spec.groups || 1),
        ]));
        break;
      case 'MaxPool':
      case 'AveragePool':
        nodes.push(node(spec.op, ['x'], [y], [
          attrInts('kernel_shape', spec.kernel), attrInts('strides', spec.strides), attrInts('pads', spec.pads),
          ...(spec.op === 'AveragePool' ? [attrInt('count_include_pad', 0)] : []),
        ]));
        break;
      case 'GlobalAveragePool':
        nodes.push(node('GlobalAveragePool', ['x'], [y], []));
        break;
      default:
        throw new Error(`onnx: unknown op ${spec.op}`);
    }
  }
  const shape = spec.op === 'GlobalAveragePool' ? [spec.n, spec.c, ...spec.in.map(() => 1)] : outShape;
  return model(nodes, inits, inShape, outs, shape);
}

// identityModel is the smallest model, for measuring the cost of one run.
function identityModel() {
  return model([node('Identity', ['x'], ['y0'], [])], [], [1], ['y0'], [1]);
}

module.exports = { layerModel, identityModel };
