package stacking

import "github.com/convlings/convlings/tensor"

// None is how a shape in this lesson writes Keras's None: an unknown size,
// in practice the batch axis.
//
// 한국어: None은 이 레슨의 모양에서 Keras의 None, 즉 알 수 없는 크기를 나타냅니다.
// 실제로는 배치 축에 씁니다.
const None = -1

// Layer describes one layer of a Sequential model, with the arguments the
// post passes in Python. Only the fields that the layer's Class uses matter;
// the zero value of a field means Keras's default.
//
//	Conv2D(filters=10, kernel_size=(3,3), strides=(1,1), padding='same')
//	  → Layer{Class: "Conv2D", Units: 10, Size: [2]int{3, 3}, Strides: []int{1, 1}, Padding: "same"}
//	MaxPooling2D(pool_size=(2,2), padding='valid')
//	  → Layer{Class: "MaxPooling2D", Size: [2]int{2, 2}, Padding: "valid"}
//	ZeroPadding2D(padding=(1,1)) → Layer{Class: "ZeroPadding2D", Pads: [2][2]int{{1, 1}, {1, 1}}}
//	GlobalMaxPooling2D()         → Layer{Class: "GlobalMaxPooling2D"}
//	Flatten()                    → Layer{Class: "Flatten"}
//	Dense(50)                    → Layer{Class: "Dense", Units: 50}
//
// 한국어: Layer는 Sequential 모델의 레이어 하나를 글이 파이썬에서 넘기는 인자
// 그대로 나타냅니다. 레이어의 Class가 쓰는 필드만 의미가 있고, 필드의 제로 값은
// Keras의 기본값을 뜻합니다. 위의 예는 파이썬 코드와 그에 해당하는 Layer 값입니다.
type Layer struct {
	// Class is the Keras class name: "Conv2D", "ZeroPadding2D",
	// "MaxPooling2D", "AveragePooling2D", "GlobalMaxPooling2D",
	// "GlobalAveragePooling2D", "Flatten" or "Dense". Any other is an error.
	Class string
	// Units is a Conv2D's filters or a Dense layer's units.
	Units int
	// Size is a Conv2D's kernel_size or a pooling layer's pool_size.
	// MaxPooling2D treats {0, 0} as Keras's default (2, 2); Keras 3 has no
	// default for AveragePooling2D, so there {0, 0} is an error.
	Size [2]int
	// Strides is a Conv2D's or pooling layer's strides, two values; nil
	// means Keras's default: (1, 1) for Conv2D, Size for pooling.
	Strides []int
	// Padding is "valid" or "same"; "" means "valid". Conv2D accepts any
	// case, as Keras lower-cases it; pooling layers want lower case.
	Padding string
	// Pads is a ZeroPadding2D's padding, ((top, bottom), (left, right)).
	// Unlike Keras's default of 1 on every side, the zero value pads nothing.
	Pads [2][2]int
	// NoBias is Keras's use_bias=False, for Conv2D and Dense.
	NoBias bool
	// Kernel holds the weights Forward uses: kh×kw×C×Units for Conv2D and
	// in×Units for Dense. OutputShape and ParamCount do not need it.
	Kernel *tensor.Tensor
	// Bias holds Units values for Forward; it must be nil with NoBias.
	Bias []float32
}

// Row is one line of a Keras model.summary(): the layer's name and class,
// its output shape as Keras prints it, and its number of parameters.
//
//	conv2d (Conv2D)    (None, 8, 8, 10)    280
//
// 한국어: Row는 Keras model.summary()의 한 줄로, 레이어의 이름과 클래스, Keras가
// 출력하는 형식의 출력 모양, 파라미터 수를 담습니다.
type Row struct {
	Layer       string // "conv2d (Conv2D)": the name, then the class in brackets
	OutputShape string // "(None, 8, 8, 10)"
	Params      int    // 280
}
