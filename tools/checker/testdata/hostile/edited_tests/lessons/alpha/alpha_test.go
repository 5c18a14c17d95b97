package alpha_test

import "testing"

func TestAdd(t *testing.T) {}

func TestMul(t *testing.T) {}
