package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
)

// family is what a layer class needs from its config.
type family int

const (
	famConv family = iota
	famPool
	famGlobal
	famZeroPad
	famFlatten
	famDense
)

type classInfo struct {
	name string // canonical Keras class name
	fam  family
	rank int
	avg  bool
}

// classes maps every Keras class name and alias eval knows to its layer.
var classes = map[string]classInfo{}

func init() {
	for r := 1; r <= 3; r++ {
		d := fmt.Sprintf("%dD", r)
		add := func(info classInfo, aliases ...string) {
			classes[info.name] = info
			for _, a := range aliases {
				classes[a] = info
			}
		}
		add(classInfo{"Conv" + d, famConv, r, false}, "Convolution"+d)
		add(classInfo{"MaxPooling" + d, famPool, r, false}, "MaxPool"+d)
		add(classInfo{"AveragePooling" + d, famPool, r, true}, "AvgPool"+d)
		add(classInfo{"GlobalMaxPooling" + d, famGlobal, r, false}, "GlobalMaxPool"+d)
		add(classInfo{"GlobalAveragePooling" + d, famGlobal, r, true}, "GlobalAvgPool"+d)
		add(classInfo{"ZeroPadding" + d, famZeroPad, r, false})
	}
	classes["Flatten"] = classInfo{"Flatten", famFlatten, 0, false}
	classes["Dense"] = classInfo{"Dense", famDense, 0, false}
}

// config reads a layer's Keras config.
type config struct {
	class  string
	fields map[string]any
}

// keys lists the config keys each family reads.
var keys = map[family][]string{
	famConv:    {"filters", "kernel_size", "strides", "padding", "dilation_rate", "groups", "data_format", "use_bias"},
	famPool:    {"pool_size", "strides", "padding", "data_format"},
	famGlobal:  {"keepdims", "data_format"},
	famZeroPad: {"padding"},
	famFlatten: {},
	famDense:   {"units", "use_bias"},
}

// check rejects config keys the layer does not read, except those Keras
// writes with values eval can honour.
func (c *config) check(info classInfo) error {
	for _, k := range sortedKeys(c.fields) {
		raw := c.fields[k]
		if contains(keys[info.fam], k) {
			continue
		}
		var ok bool
		switch {
		case k == "name" || k == "trainable":
			ok = true
		case strings.HasSuffix(k, "_initializer") || strings.HasSuffix(k, "_regularizer") || strings.HasSuffix(k, "_constraint"):
			ok = true
		case k == "data_format":
			s, _ := str(raw)
			ok = isNull(raw) || s == "channels_last"
		case k == "dtype":
			s, _ := str(raw)
			_, obj := object(raw)
			ok = isNull(raw) || s == "float32" || obj
		case k == "activation" && (info.fam == famConv || info.fam == famDense):
			s, _ := str(raw)
			ok = isNull(raw) || s == "linear"
		default:
			return badCase("%s config: unknown key %s (known: %s)", c.class, clipQuote(k), strings.Join(keys[info.fam], ", "))
		}
		if !ok {
			return badCase("%s config: %s=%s is not supported", c.class, k, compact(raw))
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// tuple reads a Keras tuple argument: an int, a list of rank ints, or null (nil).
func (c *config) tuple(name string, rank int) ([]int, error) {
	raw := c.fields[name]
	if isNull(raw) {
		return nil, nil
	}
	bad := &padding.Error{Pkg: "eval", Layer: c.class, Arg: name, Value: compact(raw), Kind: padding.ErrInvalidArgumentShape,
		Detail: fmt.Sprintf("must be an int or a tuple of %d integers", rank)}
	if n, ok := integer(raw); ok {
		return []int{n}, nil
	}
	// Keras repeats a bare int, but a list must have one entry per axis:
	// [3] for Conv2D is an error, unlike the Go Config's []int{3}.
	if n, ok := listLen(raw); !ok || n != rank {
		return nil, bad
	}
	x, _ := list(raw)
	out := make([]int, len(x))
	for i, e := range x {
		n, ok := integer(e)
		if !ok {
			return nil, bad
		}
		out[i] = n
	}
	return out, nil
}

// integer reads a scalar int argument; present is false for null or absent.
func (c *config) integer(name string) (n int, present bool, err error) {
	raw := c.fields[name]
	if isNull(raw) {
		return 0, false, nil
	}
	if n, ok := integer(raw); ok {
		return n, true, nil
	}
	return 0, true, badCase("%s config: %s must be an int, got %s", c.class, name, compact(raw))
}

// boolean reads a bool argument, def when null or absent.
func (c *config) boolean(name string, def bool) (bool, error) {
	raw := c.fields[name]
	if isNull(raw) {
		return def, nil
	}
	b, ok := raw.(bool)
	if !ok {
		return false, badCase("%s config: %s must be true, false or null, got %s", c.class, name, compact(raw))
	}
	return b, nil
}

// paddingMode reads the padding string: "" when null or absent, an error
// for an explicit "" or a value that is not a string.
func (c *config) paddingMode() (string, error) {
	raw := c.fields["padding"]
	if isNull(raw) {
		return "", nil
	}
	s, ok := str(raw)
	if !ok || s == "" {
		return "", &padding.Error{Pkg: "eval", Layer: c.class, Arg: "padding", Value: compact(raw),
			Kind: padding.ErrInvalidPaddingMode, Detail: "must be 'valid' or 'same'"}
	}
	return s, nil
}

// dataFormat reads the data_format string: "" when null or absent (the
// default, channels_last). An explicit "" or a value that is not a string
// is an error, as Keras's standardize_data_format rejects it; the library
// checks the spelling of other strings.
func (c *config) dataFormat() (string, error) {
	raw := c.fields["data_format"]
	if isNull(raw) {
		return "", nil
	}
	s, ok := str(raw)
	if !ok || s == "" {
		return "", &padding.Error{Pkg: "eval", Layer: c.class, Arg: "data_format", Value: compact(raw),
			Kind: padding.ErrNonPositiveArgument, Detail: "must be one of {'channels_first', 'channels_last'}"}
	}
	return s, nil
}

// groups reads the conv groups: 0 (the default, 1) when null or absent.
// An explicit 0 is an error, as in Keras; the library rejects negative counts.
func (c *config) groups() (int, error) {
	n, present, err := c.integer("groups")
	if err != nil {
		return 0, err
	}
	if present && n == 0 {
		return 0, &padding.Error{Pkg: "eval", Layer: c.class, Arg: "groups", Value: "0",
			Kind: padding.ErrNonPositiveArgument, Detail: "the number of groups must be a positive integer"}
	}
	return n, nil
}

type weights struct {
	kernel, bias []float32
}

func readWeights(class string, raw any) (weights, error) {
	var w weights
	if isNull(raw) {
		return w, nil
	}
	f, ok := object(raw)
	if !ok {
		return w, badCase("%s weights must be an object {\"kernel\": [...], \"bias\": [...]}", class)
	}
	if err := checkKeys(class+" weights", f, "kernel", "bias"); err != nil {
		return w, err
	}
	var err error
	if !isNull(f["kernel"]) {
		if w.kernel, err = floats(f["kernel"]); err != nil {
			return w, badCase("%s weights: kernel %v", class, err)
		}
	}
	if !isNull(f["bias"]) {
		if w.bias, err = floats(f["bias"]); err != nil {
			return w, badCase("%s weights: bias %v", class, err)
		}
	}
	return w, nil
}

// buildLayer makes the layer a case names from its Keras config and weights.
func buildLayer(class string, cfgRaw, wRaw any) (model.Layer, error) {
	info, ok := classes[class]
	if !ok {
		return nil, &caseError{kind: "unknown_layer", msg: fmt.Sprintf("eval: unknown layer class %s", clipQuote(class))}
	}
	c := &config{class: info.name}
	if !isNull(cfgRaw) {
		var ok bool
		if c.fields, ok = object(cfgRaw); !ok {
			return nil, badCase("%s config must be an object, got %s", info.name, compact(cfgRaw))
		}
	}
	if err := c.check(info); err != nil {
		return nil, err
	}
	w, err := readWeights(info.name, wRaw)
	if err != nil {
		return nil, err
	}
	if info.fam != famConv && info.fam != famDense && (w.kernel != nil || w.bias != nil) {
		return nil, &padding.Error{Pkg: "eval", Layer: info.name, Arg: "weights", Value: compact(wRaw),
			Kind: padding.ErrInvalidArgumentShape, Detail: "the layer has no weights"}
	}
	switch info.fam {
	case famConv:
		return buildConv(c, info, w)
	case famPool:
		return buildPool(c, info)
	case famGlobal:
		keep, err := c.boolean("keepdims", false)
		if err != nil {
			return nil, err
		}
		df, err := c.dataFormat()
		if err != nil {
			return nil, err
		}
		// The global constructors report a bad data_format only from
		// OutputShape; check it here, as Keras's constructor does.
		if _, err := padding.ParseDataFormat("pool", info.name, df); err != nil {
			return nil, err
		}
		g := pool.GlobalConfig{Keepdims: keep, DataFormat: df}
		switch {
		case info.avg && info.rank == 1:
			return pool.NewGlobalAveragePooling1D(g), nil
		case info.avg && info.rank == 2:
			return pool.NewGlobalAveragePooling2D(g), nil
		case info.avg:
			return pool.NewGlobalAveragePooling3D(g), nil
		case info.rank == 1:
			return pool.NewGlobalMaxPooling1D(g), nil
		case info.rank == 2:
			return pool.NewGlobalMaxPooling2D(g), nil
		}
		return pool.NewGlobalMaxPooling3D(g), nil
	case famZeroPad:
		var arg any
		if raw := c.fields["padding"]; !isNull(raw) {
			// No padding form has more than 3 entries: a longer list is an
			// error, reported with its first entries.
			if n, ok := listLen(raw); ok && n > 64 {
				items, _ := list(raw)
				raw = items[:64]
			}
			arg = plain(raw)
		}
		switch info.rank {
		case 1:
			return padding.NewZeroPadding1D(arg)
		case 2:
			return padding.NewZeroPadding2D(arg)
		}
		return padding.NewZeroPadding3D(arg)
	case famFlatten:
		return model.NewFlatten(), nil
	}
	units, present, err := c.integer("units")
	if err != nil {
		return nil, err
	}
	if !present {
		return nil, &padding.Error{Pkg: "eval", Layer: "Dense", Arg: "units", Value: "None",
			Kind: padding.ErrMissingArgument, Detail: "units is required"}
	}
	useBias, err := c.boolean("use_bias", true)
	if err != nil {
		return nil, err
	}
	return model.NewDense(model.DenseConfig{Units: units, NoBias: !useBias, Kernel: w.kernel, Bias: w.bias})
}

func buildConv(c *config, info classInfo, w weights) (model.Layer, error) {
	var cfg conv.Config
	var err error
	// Read in the order Keras checks them.
	if cfg.KernelSize, err = c.tuple("kernel_size", info.rank); err != nil {
		return nil, err
	}
	if cfg.Strides, err = c.tuple("strides", info.rank); err != nil {
		return nil, err
	}
	if cfg.DilationRate, err = c.tuple("dilation_rate", info.rank); err != nil {
		return nil, err
	}
	if cfg.Padding, err = c.paddingMode(); err != nil {
		return nil, err
	}
	if cfg.DataFormat, err = c.dataFormat(); err != nil {
		return nil, err
	}
	filters, present, err := c.integer("filters")
	if err != nil {
		return nil, err
	}
	if !present {
		return nil, &padding.Error{Pkg: "eval", Layer: info.name, Arg: "filters", Value: "None",
			Kind: padding.ErrMissingArgument, Detail: "filters is required"}
	}
	cfg.Filters = filters
	if cfg.Groups, err = c.groups(); err != nil {
		return nil, err
	}
	useBias, err := c.boolean("use_bias", true)
	if err != nil {
		return nil, err
	}
	cfg.NoBias = !useBias
	cfg.Kernel, cfg.Bias = w.kernel, w.bias
	switch info.rank {
	case 1:
		return conv.NewConv1D(cfg)
	case 2:
		return conv.NewConv2D(cfg)
	}
	return conv.NewConv3D(cfg)
}

func buildPool(c *config, info classInfo) (model.Layer, error) {
	var cfg pool.Config
	var err error
	if cfg.PoolSize, err = c.tuple("pool_size", info.rank); err != nil {
		return nil, err
	}
	if cfg.Strides, err = c.tuple("strides", info.rank); err != nil {
		return nil, err
	}
	if cfg.Padding, err = c.paddingMode(); err != nil {
		return nil, err
	}
	if cfg.DataFormat, err = c.dataFormat(); err != nil {
		return nil, err
	}
	ctor := map[[2]int]func(pool.Config) (*pool.Pool, error){
		{1, 0}: pool.NewMaxPooling1D, {2, 0}: pool.NewMaxPooling2D, {3, 0}: pool.NewMaxPooling3D,
		{1, 1}: pool.NewAveragePooling1D, {2, 1}: pool.NewAveragePooling2D, {3, 1}: pool.NewAveragePooling3D,
	}
	avg := 0
	if info.avg {
		avg = 1
	}
	return ctor[[2]int{info.rank, avg}](cfg)
}
