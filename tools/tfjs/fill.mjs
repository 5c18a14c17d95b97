// Deterministic numbers for the cross-check cases.
//
// fill(n, seed) is tensor.Fill from the Go library, reproduced exactly:
// a SplitMix64 generator starts from state = seed, and for each element
//
//	state += 0x9E3779B97F4A7C15
//	z := state
//	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
//	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
//	z ^= z >> 31
//	value = (z % 17 - 8) / 4
//
// on wrapping uint64 arithmetic. Every value is one of the 17 quarters from
// -2 to 2. Quarters are exact in float32 and so are their products (sixteenths)
// and every sum that the cases reach, so the Go library and tfjs must agree
// to the bit on conv, dense, max pooling and global max pooling whatever their
// summation order; only a division (average pooling) can round.
//
// seedOf(id, role) names the stream of one tensor of one case: the 64-bit
// FNV-1a hash of the UTF-8 bytes of `${id}/${role}` (role "input", "kernel",
// "bias", or "layer<i>/kernel" in a model case). Adding, removing or
// reordering cases therefore never changes the numbers of the other cases.

const MASK = (1n << 64n) - 1n;

export function fill(n, seed) {
  let state = BigInt.asUintN(64, BigInt(seed));
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    z ^= z >> 31n;
    out[i] = (Number(z % 17n) - 8) / 4;
  }
  return out;
}

export function seedOf(id, role) {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(`${id}/${role}`)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & MASK;
  }
  return h;
}
