package stacking_test

import (
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/lessons/stacking"
)

// The tests are the suite in package golden, run against this package.
var suite = golden.Stacking[stacking.Layer, stacking.Row]{
	OutputShape: stacking.OutputShape,
	ParamCount:  stacking.ParamCount,
	Summary:     stacking.Summary,
	Flatten:     stacking.Flatten,
	Dense:       stacking.Dense,
	Forward:     stacking.Forward,
}

func TestLayerOutputShape(t *testing.T) { suite.TestLayerOutputShape(golden.Std(t)) }
func TestLayerParams(t *testing.T)      { suite.TestLayerParams(golden.Std(t)) }
func TestSummary(t *testing.T)          { suite.TestSummary(golden.Std(t)) }
func TestFlattenDense(t *testing.T)     { suite.TestFlattenDense(golden.Std(t)) }
func TestForward(t *testing.T)          { suite.TestForward(golden.Std(t)) }
