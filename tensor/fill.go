package tensor

// Fill overwrites t.Data with reproducible values chosen by seed and returns t.
//
// The algorithm, so that any other implementation can reproduce it: a 64-bit
// SplitMix64 generator starts from state = seed. For each element in order,
//
//	state += 0x9E3779B97F4A7C15
//	z := state
//	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
//	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
//	z ^= z >> 31
//	value = float32(int(z % 17) - 8) / 4
//
// (all arithmetic on uint64, wrapping). Every value is one of the 17 quarters
// from -2 to 2, so each is exact in float32, a printed tensor stays readable,
// and the sums that small layers compute are exact whatever their order.
func Fill(t *Tensor, seed uint64) *Tensor {
	state := seed
	for i := range t.Data {
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		z ^= z >> 31
		t.Data[i] = float32(int(z%17)-8) / 4
	}
	return t
}
