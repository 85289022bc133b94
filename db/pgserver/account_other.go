//go:build !unix

package pgserver

import (
	"log/slog"
	"os"
	"syscall"
)

// account is unused outside Unix: there is no root to step down from.
type account struct{ name string }

func serverAccount() (*account, error) { return nil, nil }

func sysProcAttr(*account) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{}
	setPdeathsig(a)
	return a
}

func processAlive(pid int) bool {
	p, err := os.FindProcess(pid) // opens a handle on Windows: fails if gone
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}

func prepareForAccount(*account, string, string, *slog.Logger) error { return nil }
