package conv

// geom describes one convolution in three spatial axes (depth, height,
// width). Conv1D and Conv2D use it with the missing leading axes set to
// length 1, stride 1, dilation 1 and no padding, so one set of kernels
// serves every rank.
//
//	input  N × In[0] × In[1] × In[2] × C
//	kernel K[0] × K[1] × K[2] × C × F   (Keras layout, filters innermost)
//	output N × Out[0] × Out[1] × Out[2] × F
//
// Input cell along axis a for output o and kernel tap k:
// o·Stride[a] − Pad[a] + k·Dilation[a]; cells outside [0, In[a]) are zeros.
type geom struct {
	N        int
	In       [3]int
	C        int
	K        [3]int
	F        int
	Stride   [3]int
	Dilation [3]int
	Pad      [3]int // zeros before each axis; the zeros after are implied by Out
	Out      [3]int
}

// flops returns 2·N·Out·F·K·C, the multiply-adds of the convolution counted twice.
func (g *geom) flops() int {
	return 2 * g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.F * g.K[0] * g.K[1] * g.K[2] * g.C
}
