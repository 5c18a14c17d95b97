// Package padding stands in for the kit's library: lesson code must not import it.
package padding

// Length is the answer to the beta lesson's Length exercise.
func Length(n, k int) (int, error) { return n - k + 1, nil }
