//go:build !linux

package pgserver

// runsOnDataDir cannot tell a reused pid from a postmaster without /proc, so
// a live pid is assumed to be a postmaster on this data directory.
func runsOnDataDir(pid int, pgdata string) bool { return true }

// processesInDir cannot be answered without /proc.
func processesInDir(dir string) (pids []int, ok bool) { return nil, false }
