package conv

// forward computes the convolution described by g into dst: the single
// entry point from the layer code to the kernels. It chooses the fastest
// kernel that applies; every kernel matches forwardGeneric within rounding.
// bias may be nil. dst must hold N·Out[0]·Out[1]·Out[2]·F values, x
// N·In[0]·In[1]·In[2]·C and w K[0]·K[1]·K[2]·C·F; it panics otherwise.
func forward(dst, x, w, bias []float32, g *geom) {
	forwardGeneric(dst, x, w, bias, g)
}
