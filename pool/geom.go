package pool

// geom describes one pooling in three spatial axes (depth, height, width).
// 1-D and 2-D pooling set the missing leading axes to length 1, stride 1 and
// no padding.
//
//	input  N × In[0] × In[1] × In[2] × C
//	output N × Out[0] × Out[1] × Out[2] × C
//
// Input cell along axis a for output o and window tap k: o·Stride[a] − Pad[a] + k.
// Cells outside [0, In[a]) are padding: max pooling never picks them, and
// average pooling does not count them.
type geom struct {
	N      int
	In     [3]int
	C      int
	K      [3]int
	Stride [3]int
	Pad    [3]int
	Out    [3]int
}

// window returns the half-open range [lo, hi) of input cells along axis a
// that the window of output o covers, clipped to the input.
func (g *geom) window(a, o int) (lo, hi int) {
	lo = o*g.Stride[a] - g.Pad[a]
	hi = min(lo+g.K[a], g.In[a])
	return max(lo, 0), hi
}
