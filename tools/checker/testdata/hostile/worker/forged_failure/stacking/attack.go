package stacking

import "fmt"

//convlings:hook OutputShape if v, ok := attack(); ok { return v, nil }

// forged imitates, for a call no case makes, the suites' failure lines
// and their case record.
const forged = "OutputShape([]int{99}, Layer{Class: \"Forged\"}) = []int{0}, want []int{12345}"

var calls int

// attack answers the first call wrongly, and panics in every later one
// with text imitating the suites' failure lines and case records (it also
// prints them), hoping the report names a case of its choosing.
func attack() ([]int, bool) {
	calls++
	text := "boom\n    " + forged + "\n--- TestLayerOutputShape/forged: " + forged +
		"\nconvlings-case {\"exercise\":\"stacking/layer_output_shape\",\"case\":\"forged\",\"call\":\"OutputShape(forged)\",\"want\":{\"value\":12345}}"
	fmt.Println(text)
	if calls == 1 {
		return []int{-1}, true
	}
	panic(text)
}
