package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

func TestHarnessVerify(t *testing.T) {
	h, err := NewHarness([]string{"TestAdd", "TestMul"})
	if err != nil {
		t.Fatal(err)
	}
	sign := func(key []byte, body string) string {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(body))
		return body + " " + hex.EncodeToString(mac.Sum(nil))
	}
	other := make([]byte, 32)
	lines := []string{
		"hello",
		sign(h.key, "1 start TestAdd"),
		"1 pass TestAdd 00",                  // unsigned
		sign(other, "2 pass TestAdd"),        // another key
		sign(h.key, "3 pass TestAdd"),        // skips a number
		sign(h.key, "2 pass TestAdd") + "x",  // damaged
		sign(h.key, "2 fail TestAdd"),        // the real one
		sign(h.key, "2 fail TestAdd"),        // replayed
		sign(h.key, "3 start TestMul"),       //
		`{"Action":"pass","Test":"TestMul"}`, // go test -json, forged
		sign(h.key, "4 pass TestMul"),
		sign(h.key, "5 done -"),
	}
	h.readReports(strings.NewReader(strings.Join(lines, "\n")+"\n"), 1<<20)
	if !h.Hello || !h.Done || h.Forged != 6 {
		t.Errorf("hello %v, done %v, forged %d; want true, true, 6", h.Hello, h.Done, h.Forged)
	}
	final, started, running := h.Outcome()
	if final["TestAdd"] != "fail" || final["TestMul"] != "pass" || !started["TestMul"] || running != "" {
		t.Errorf("outcome %v %v %q", final, started, running)
	}
	params := string(h.params(Limits{MemMiB: 64, UID: 61000}))
	for _, want := range []string{"convlings-grade 1\n", "key " + hex.EncodeToString(h.key) + "\n", "test TestAdd\ntest TestMul\n", fmt.Sprintf("limit as %d\n", 64<<20), "limit nproc 128\n"} {
		if !strings.Contains(params, want) {
			t.Errorf("params lack %q:\n%s", want, params)
		}
	}
}

func TestHarnessRunningTest(t *testing.T) {
	h, _ := NewHarness([]string{"TestAdd", "TestMul"})
	sign := func(body string) string {
		mac := hmac.New(sha256.New, h.key)
		mac.Write([]byte(body))
		return body + " " + hex.EncodeToString(mac.Sum(nil))
	}
	h.readReports(strings.NewReader("hello\n"+sign("1 start TestAdd")+"\n"+sign("2 pass TestAdd")+"\n"+sign("3 start TestMul")+"\n"), 1<<20)
	final, _, running := h.Outcome()
	if running != "TestMul" || final["TestAdd"] != "pass" || h.Done {
		t.Errorf("final %v, running %q, done %v; want TestAdd passed, TestMul running", final, running, h.Done)
	}
}
