//go:build unix

package pgserver

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDataDir takes an exclusive flock on DataDir/pgserver.lock for as long
// as this process owns a server there. It closes the window that
// postmaster.pid leaves open: two processes starting at the same moment on a
// fresh data dir would otherwise both run initdb into the same temp dir. The
// kernel drops the lock when we die, so it can never go stale; the file is
// opened close-on-exec, so postgres does not inherit it.
func lockDataDir(dataDir string) (unlock func(), err error) {
	path := filepath.Join(dataDir, "pgserver.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("pgserver: open %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: another process holds %s (another retain is probably using this data dir; stop it or choose another RETAIN_DATA_DIR)",
				ErrDataDirInUse, path)
		}
		return nil, fmt.Errorf("pgserver: lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}
