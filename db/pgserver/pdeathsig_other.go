//go:build !linux

package pgserver

import "syscall"

// setPdeathsig is a no-op: only Linux (and FreeBSD, not worth a special
// case here) has a parent-death signal. Elsewhere an orphaned postmaster
// keeps running after a crash of this process; the next Start reports it
// through ErrDataDirInUse.
func setPdeathsig(*syscall.SysProcAttr) {}
