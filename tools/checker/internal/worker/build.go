package worker

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildCommand returns the go command (goCmd) that builds a worker holding the
// given lessons into out, in the module at root (the grader's build tree),
// with the generated main put in by -overlay, and replace: more overlay
// entries (the learner's files in place of the stubs). It writes the main
// and the overlay file into dir.
func BuildCommand(ctx context.Context, goCmd, root, dir, out string, lessons []string, replace map[string]string) (*exec.Cmd, func(line int) string, error) {
	src, owner := MainSource(lessons)
	mainFile := filepath.Join(dir, "convlingsworker_main.go")
	if err := os.WriteFile(mainFile, src, 0o444); err != nil {
		return nil, nil, err
	}
	r := map[string]string{filepath.Join(root, filepath.FromSlash(MainDir), "main.go"): mainFile}
	for name, text := range map[string]string{"limits_unix.go": limitsUnix, "limits_other.go": limitsOther} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(text), 0o444); err != nil {
			return nil, nil, err
		}
		r[filepath.Join(root, filepath.FromSlash(limitsDir), name)] = f
	}
	for k, v := range replace {
		r[k] = v
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{r})
	if err != nil {
		return nil, nil, err
	}
	overlay := filepath.Join(dir, "worker-overlay.json")
	if err := os.WriteFile(overlay, data, 0o444); err != nil {
		return nil, nil, err
	}
	cmd := exec.CommandContext(ctx, goCmd, "build", "-trimpath", "-ldflags=-s -w", "-overlay", overlay, "-o", out, "./"+MainDir)
	cmd.Dir = root
	return cmd, owner, nil
}
