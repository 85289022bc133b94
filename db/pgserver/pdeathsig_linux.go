package pgserver

import "syscall"

// setPdeathsig asks the kernel to send SIGQUIT to the child when its parent
// dies, so a crashed or SIGKILLed retain never leaves an orphan postmaster
// holding the data directory and port. SIGQUIT is PostgreSQL's immediate
// shutdown: it exits at once and the next start runs crash recovery, which is
// safe with fsync=on. The signal fires when the forking *thread* exits;
// startProc keeps that thread alive for the child's lifetime. Go applies it
// after setuid/setgid in the child, so the credential change does not clear
// it.
func setPdeathsig(a *syscall.SysProcAttr) {
	a.Pdeathsig = syscall.SIGQUIT
}
