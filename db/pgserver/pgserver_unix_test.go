//go:build unix

package pgserver

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Start creates missing parents itself; they must not end up unsearchable
// for the server user (umask or our own mode choice).
func TestCreatesMissingParents(t *testing.T) {
	opts := testOptions(t)
	opts.DataDir = filepath.Join(filepath.Dir(opts.DataDir), "a", "b", "data")
	old := syscall.Umask(0o077)
	s, err := Start(context.Background(), opts)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	for _, d := range []string{"a", "a/b"} {
		fi, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(opts.DataDir))), d))
		if err != nil || fi.Mode().Perm() != 0o755 {
			t.Fatalf("%s: %v %v", d, fi.Mode(), err)
		}
	}
}
