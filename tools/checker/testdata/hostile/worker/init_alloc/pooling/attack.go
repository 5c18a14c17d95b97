package pooling

var hoard [][]byte

// Allocates and touches memory until something stops it.
func init() {
	for {
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = 1
		}
		hoard = append(hoard, b)
	}
}
