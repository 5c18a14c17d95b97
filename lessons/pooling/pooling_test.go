package pooling_test

import (
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/lessons/pooling"
)

// The tests are the suite in package golden, run against this package.
var suite = golden.Pooling{
	PoolOutputShape:        pooling.PoolOutputShape,
	MaxPooling2D:           pooling.MaxPooling2D,
	AveragePooling2D:       pooling.AveragePooling2D,
	GlobalMaxPooling2D:     pooling.GlobalMaxPooling2D,
	GlobalAveragePooling2D: pooling.GlobalAveragePooling2D,
}

func TestPoolOutputShape(t *testing.T)     { suite.TestPoolOutputShape(golden.Std(t)) }
func TestMaxPooling(t *testing.T)          { suite.TestMaxPooling(golden.Std(t)) }
func TestAveragePoolingValid(t *testing.T) { suite.TestAveragePoolingValid(golden.Std(t)) }
func TestAveragePoolingSame(t *testing.T)  { suite.TestAveragePoolingSame(golden.Std(t)) }
func TestGlobalPooling(t *testing.T)       { suite.TestGlobalPooling(golden.Std(t)) }
