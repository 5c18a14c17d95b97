package beta_test

import (
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/solutions/beta"
)

func TestTotal(t *testing.T) { golden.Total(t, beta.Total) }

func TestLength(t *testing.T) { golden.Length(t, beta.Length) }
