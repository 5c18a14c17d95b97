package padding

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Mode is a Keras padding mode for a window operation.
type Mode int

const (
	// Valid uses no padding: windows that would stick out are dropped.
	Valid Mode = iota
	// Same pads with zeros so that out = ceil(n / s).
	Same
	// Causal pads k_eff − 1 zeros before the axis and none after, so that
	// out = ceil(n / s) and output o reads no input cell after o·s. Keras
	// accepts it for Conv1D only; ParseMode never returns it.
	Causal
)

// String returns the Keras spelling, "valid", "same" or "causal".
func (m Mode) String() string {
	switch m {
	case Same:
		return "same"
	case Causal:
		return "causal"
	}
	return "valid"
}

// ParseMode reads a Keras padding string. The empty string means the Keras
// default, "valid". Keras convolution layers lower-case the string, so they
// pass foldCase = true and accept "SAME"; Keras pooling layers compare it
// exactly, so they pass false. Any other string returns an *Error of kind
// ErrInvalidPaddingMode naming layer and the argument "padding".
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func ParseMode(pkg, layer, s string, foldCase bool) (Mode, error) {
	v := s
	if foldCase {
		v = strings.ToLower(s)
	}
	switch v {
	case "", "valid":
		return Valid, nil
	case "same":
		return Same, nil
	}
	return Valid, &Error{Pkg: pkg, Layer: layer, Arg: "padding", Value: quote(s), Kind: ErrInvalidPaddingMode,
		Detail: "must be 'valid' or 'same'"}
}

// EffectiveKernel returns k_eff = (k−1)·d + 1, the number of input cells a
// window of k cells with dilation d spans.
func EffectiveKernel(k, d int) int { return (k-1)*d + 1 }

// OutputLength returns the number of windows along an axis of n cells, for a
// window of k cells with stride s and dilation d: ceil(n / s) under Same and
// Causal, whatever k and d. Under Valid the result is
// zero or negative when the window does not fit; callers turn that into an
// ErrNonPositiveOutput error. s must be positive.
func OutputLength(n, k, s, d int, mode Mode) int {
	if mode == Same || mode == Causal {
		return (n + s - 1) / s
	}
	// floor((n − k_eff) / s) + 1, with floor, not truncation, for n < k_eff.
	num := n - EffectiveKernel(k, d)
	if num < 0 {
		return -((-num + s - 1) / s) + 1
	}
	return num/s + 1
}

// SameSplit returns the zeros that 'same' padding adds before and after an
// axis of n cells, for a window of k cells with stride s and dilation d:
// total = max(0, (out−1)·s + k_eff − n), before = total/2, after = the rest.
// When total is odd, after gets the extra cell.
func SameSplit(n, k, s, d int) (before, after int) {
	out := (n + s - 1) / s
	total := max(0, (out-1)*s+EffectiveKernel(k, d)-n)
	return total / 2, total - total/2
}

// Axis returns the output length and the padding before and after one axis,
// for any mode: under Valid the padding is (0, 0), under Causal (k_eff − 1, 0).
func Axis(n, k, s, d int, mode Mode) (out, before, after int) {
	switch mode {
	case Same:
		before, after = SameSplit(n, k, s, d)
	case Causal:
		before = EffectiveKernel(k, d) - 1
	}
	return OutputLength(n, k, s, d, mode), before, after
}

// quote quotes a string argument for a message, as Go quotes it, cut after
// 60 bytes (on a character boundary) with "…", so that a message about a
// long string stays short.
func quote(s string) string {
	if len(s) <= 60 {
		return strconv.Quote(s)
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}
