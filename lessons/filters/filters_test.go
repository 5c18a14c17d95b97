package filters_test

import (
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/lessons/filters"
)

// The tests are the suite in package golden, run against this package.
var suite = golden.Filters{
	ConvOutputShape: filters.ConvOutputShape,
	ConvParams:      filters.ConvParams,
	Conv2D:          filters.Conv2D,
	Conv2DStrided:   filters.Conv2DStrided,
	Conv2DDilated:   filters.Conv2DDilated,
	Conv1D:          filters.Conv1D,
}

func TestConvOutputShape(t *testing.T) { suite.TestConvOutputShape(golden.Std(t)) }
func TestConvParams(t *testing.T)      { suite.TestConvParams(golden.Std(t)) }
func TestConv2DValid(t *testing.T)     { suite.TestConv2DValid(golden.Std(t)) }
func TestConv2DStrided(t *testing.T)   { suite.TestConv2DStrided(golden.Std(t)) }
func TestConv2DDilated(t *testing.T)   { suite.TestConv2DDilated(golden.Std(t)) }
func TestConv1D(t *testing.T)          { suite.TestConv1D(golden.Std(t)) }
