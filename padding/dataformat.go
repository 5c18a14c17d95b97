package padding

import "strings"

// ParseDataFormat reads a Keras data_format argument as Keras's
// standardize_data_format does: lower-cased, "channels_last" or
// "channels_first"; the empty string means the Keras default,
// "channels_last" (Keras reads it from keras.json; convlings always uses
// channels_last). It reports whether the format is channels_first. Any other
// string returns an *Error of kind ErrNonPositiveArgument ("argument out of
// range") naming layer and the argument "data_format".
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func ParseDataFormat(pkg, layer, s string) (channelsFirst bool, err error) {
	switch strings.ToLower(s) {
	case "", "channels_last":
		return false, nil
	case "channels_first":
		return true, nil
	}
	return false, &Error{Pkg: pkg, Layer: layer, Arg: "data_format", Value: quote(s), Kind: ErrNonPositiveArgument,
		Detail: "must be one of {'channels_first', 'channels_last'}"}
}

// DataFormat returns the Keras spelling of a data format: "channels_first"
// or "channels_last".
func DataFormat(channelsFirst bool) string {
	if channelsFirst {
		return "channels_first"
	}
	return "channels_last"
}
