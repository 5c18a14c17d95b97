package alpha_test

import (
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/lessons/alpha"
)

func TestAdd(t *testing.T) { golden.Add(t, alpha.Add) }

func TestMul(t *testing.T) { golden.Mul(t, alpha.Mul) }
