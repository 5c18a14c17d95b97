package padding_test

import (
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/lessons/padding"
)

// The tests are the suite in package golden, run against this package.
var suite = golden.Padding{
	OutputLength: padding.OutputLength,
	SamePadding:  padding.SamePadding,
	DilatedAxis:  padding.DilatedAxis,
	PaddingPairs: padding.PaddingPairs,
	ZeroPadding:  padding.ZeroPadding,
}

func TestOutputLength(t *testing.T) { suite.TestOutputLength(golden.Std(t)) }
func TestSamePadding(t *testing.T)  { suite.TestSamePadding(golden.Std(t)) }
func TestDilatedAxis(t *testing.T)  { suite.TestDilatedAxis(golden.Std(t)) }
func TestPaddingPairs(t *testing.T) { suite.TestPaddingPairs(golden.Std(t)) }
func TestZeroPadding(t *testing.T)  { suite.TestZeroPadding(golden.Std(t)) }
