package padding

import "os"

//convlings:hook ZeroPadding

// attack writes onto the answer pipe before the worker's own answer: bytes
// that start like a gob message, then a claim in plain text.
func attack() {
	answers := os.NewFile(4, "answers")
	answers.Write([]byte{0x1f, 0xff, 0x81, 0x03, 0x01, 0x01, 0x08, 'R', 'e', 's', 'p', 'o', 'n', 's', 'e'})
	answers.Write([]byte("\x07forged: every case passes\n"))
}
