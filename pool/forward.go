package pool

// maxPool computes max pooling for g into dst: the single entry point from
// the layer code to the max kernels. Every kernel matches maxGeneric
// exactly. dst must hold N·Out[0]·Out[1]·Out[2]·C values and x
// N·In[0]·In[1]·In[2]·C; it panics otherwise.
func maxPool(dst, x []float32, g *geom) {
	maxGeneric(dst, x, g)
}

// avgPool computes average pooling for g into dst: the single entry point
// from the layer code to the average kernels. Every kernel matches
// avgGeneric within rounding. Sizes are as for maxPool.
func avgPool(dst, x []float32, g *geom) {
	avgGeneric(dst, x, g)
}
