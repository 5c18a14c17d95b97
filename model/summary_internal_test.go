package model

import "testing"

func TestMemorySize(t *testing.T) {
	for _, c := range []struct {
		bytes float64
		want  string
	}{
		{0, "0.00 B"},
		{4, "4.00 B"},
		{1023, "1023.00 B"},
		{1024, "1.00 KB"},
		{1120, "1.09 KB"}, // 280 params, the blog's first model; 1.09375 rounds to even
		{4 * 50330, "196.60 KB"},
		{1 << 20, "1.00 MB"},
		{1 << 30 * 3, "3.00 GB"},
		{1 << 40, "1.00 TB"},
		{1 << 50, "1.00 PB"},
		{1 << 60, "1.00 PB"}, // Keras divides once more past PB and still says PB
	} {
		if got := memorySize(c.bytes); got != c.want {
			t.Errorf("memorySize(%v) = %q, want %q", c.bytes, got, c.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0"}, {280, "280"}, {999, "999"}, {1000, "1,000"}, {50050, "50,050"}, {1234567, "1,234,567"}, {-1234, "-1,234"}} {
		if got := thousands(c.n); got != c.want {
			t.Errorf("thousands(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestSnakeCase(t *testing.T) {
	for class, want := range map[string]string{
		"Conv1D": "conv1d", "Conv2D": "conv2d", "Conv3D": "conv3d",
		"MaxPooling2D": "max_pooling2d", "AveragePooling1D": "average_pooling1d",
		"GlobalMaxPooling2D": "global_max_pooling2d", "GlobalAveragePooling3D": "global_average_pooling3d",
		"ZeroPadding2D": "zero_padding2d", "Flatten": "flatten", "Dense": "dense",
	} {
		if got := snakeCase(class); got != want {
			t.Errorf("snakeCase(%q) = %q, want %q", class, got, want)
		}
	}
}
