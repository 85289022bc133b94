package pgserver

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// runsOnDataDir reports whether the live process pid is a postgres working
// in pgdata. The postmaster and every backend chdir into the data directory,
// which identifies them better than the command name. When /proc/PID/cwd is
// not readable (another user's process while we are not root) the command
// name decides, erring on the side of "in use".
func runsOnDataDir(pid int, pgdata string) bool {
	if isZombie(pid) {
		// Exited but not yet reaped (e.g. orphaned under a container init
		// that does not reap): holds nothing any more.
		return false
	}
	if cwd, err := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "cwd")); err == nil {
		return cwd == pgdata
	}
	comm, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	if err != nil {
		return processAlive(pid)
	}
	return strings.TrimSpace(string(comm)) == "postgres"
}

// isZombie reports whether pid has exited and awaits reaping.
func isZombie(pid int) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	// Format: "pid (comm) S ..."; comm may contain spaces and parentheses.
	i := strings.LastIndexByte(string(b), ')')
	return i >= 0 && i+2 < len(b) && b[i+2] == 'Z'
}

// processesInDir lists the processes whose working directory is dir. ok is
// false when /proc cannot be read.
func processesInDir(dir string) (pids []int, ok bool) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, false
	}
	self := os.Getpid()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		if cwd, err := os.Readlink(filepath.Join("/proc", e.Name(), "cwd")); err == nil && cwd == dir {
			pids = append(pids, pid)
		}
	}
	return pids, true
}
