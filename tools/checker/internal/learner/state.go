package learner

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/convlings/convlings/internal/kit"
)

// StateFile is the learner's state, at the kit's root. It is in .gitignore:
// it is the learner's, not the kit's.
const StateFile = ".convlings-state.json"

// State is what the checker remembers between runs.
type State struct {
	Format int            `json:"format"`
	Hints  map[string]int `json:"hints"`          // exercise id → hint levels shown so far
	Next   string         `json:"next,omitempty"` // the next exercise after the last run
}

// LoadState reads the state file; a missing or unreadable file is a fresh
// state (a learner who deletes it starts the hints over, nothing worse).
func LoadState(root string) *State {
	s := &State{Format: 1, Hints: map[string]int{}}
	data, err := os.ReadFile(filepath.Join(root, StateFile))
	if err != nil {
		return s
	}
	var read State
	if json.Unmarshal(data, &read) != nil || read.Format != 1 {
		return s
	}
	if read.Hints == nil {
		read.Hints = map[string]int{}
	}
	return &read
}

// UpdateState applies change to the state and writes it back atomically.
func UpdateState(root string, change func(*State)) error {
	s := LoadState(root)
	change(s)
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return kit.WriteFileAtomic(filepath.Join(root, StateFile), append(data, '\n'))
}
