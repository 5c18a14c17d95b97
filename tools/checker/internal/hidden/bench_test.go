package hidden

import "testing"

func BenchmarkGenerate(b *testing.B) {
	for i := range b.N {
		if _, err := Generate(uint64(i)); err != nil {
			b.Fatal(err)
		}
	}
}
