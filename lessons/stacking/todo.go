package stacking

// todo is the value an unfinished exercise panics with. The lesson tests
// recognise it and report "not implemented yet" for that exercise alone, so
// the other exercises still run. Replace each panic(todo(…)) with your code.
//
// 한국어: todo는 아직 풀지 않은 연습 문제가 panic할 때 쓰는 값입니다. 레슨
// 테스트는 이 값을 알아보고 그 연습 문제만 "not implemented yet"으로 보고하므로,
// 다른 연습 문제는 그대로 실행됩니다. panic(todo(…))를 하나씩 여러분의 코드로
// 바꾸세요.
type todo string

func (t todo) Error() string { return string(t) + " is not implemented yet" }

// NotImplemented marks todo for the lesson tests.
func (todo) NotImplemented() {}
