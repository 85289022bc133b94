//go:build unix

package pgserver

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// account is the unprivileged user the server runs as when we are root.
type account struct {
	name     string
	uid, gid uint32
}

// serverAccount returns nil when not root (the server runs as the current
// user). As root it returns "postgres" if that user exists, else "nobody":
// initdb and postgres refuse to run as root.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	b, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return nil, fmt.Errorf("pgserver: running as root and cannot read /etc/passwd to find an unprivileged user: %w", err)
	}
	users := map[string]*account{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, ":")
		if len(f) < 4 {
			continue
		}
		uid, err1 := strconv.ParseUint(f[2], 10, 32)
		gid, err2 := strconv.ParseUint(f[3], 10, 32)
		if err1 != nil || err2 != nil {
			continue
		}
		users[f[0]] = &account{name: f[0], uid: uint32(uid), gid: uint32(gid)}
	}
	for _, name := range []string{"postgres", "nobody"} {
		if a := users[name]; a != nil && a.uid != 0 {
			return a, nil
		}
	}
	return nil, errors.New("pgserver: running as root, but /etc/passwd has neither a postgres nor a nobody user, " +
		"and PostgreSQL refuses to run as root; create one (useradd --system postgres) or run as a normal user")
}

// sysProcAttr builds the process attributes for initdb and postgres.
func sysProcAttr(acct *account) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{
		// Own process group: a Ctrl-C in a terminal signals only retain,
		// which then stops postgres after its own graceful shutdown instead
		// of losing the database underneath in-flight requests.
		Setpgid: true,
	}
	if acct != nil {
		// setgid/setuid in the child between fork and exec; Groups: {} also
		// drops root's supplementary groups.
		a.Credential = &syscall.Credential{Uid: acct.uid, Gid: acct.gid, Groups: []uint32{}}
	}
	setPdeathsig(a)
	return a
}

// processAlive reports whether pid exists (EPERM: exists, owned by someone
// else).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// prepareForAccount makes dataDir usable by acct: every parent directory of
// dataDir and the binaries must be traversable by it, and dataDir must belong
// to it. Directories inside the working directory (the checkout) are fixed
// with chmod; system directories are never changed behind the user's back.
func prepareForAccount(acct *account, dataDir, binDir string, logger *slog.Logger) error {
	cwd, err := os.Getwd()
	if err == nil {
		if real, err := filepath.EvalSymlinks(cwd); err == nil {
			cwd = real
		}
	}
	for _, d := range ancestors(dataDir) {
		if err := ensureTraversable(acct, d, cwd, logger); err != nil {
			return fmt.Errorf("%w; PostgreSQL runs as %q because we are root, so choose another RETAIN_DATA_DIR "+
				"whose parent directories are all searchable by others (e.g. under /var/lib or /tmp), or fix the permissions yourself",
				err, acct.name)
		}
	}
	if real, err := filepath.EvalSymlinks(binDir); err == nil {
		binDir = real
	}
	native := filepath.Dir(binDir)
	dirs := append([]string{binDir, filepath.Join(native, "lib"), filepath.Join(native, "share")}, ancestors(binDir)...)
	for _, d := range dirs {
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) && d != binDir {
			continue
		}
		if err := ensureTraversable(acct, d, cwd, logger); err != nil {
			return fmt.Errorf("%w; PostgreSQL runs as %q because we are root and must be able to reach its binaries in %s: "+
				"move them (RETAIN_PG_BIN) or the checkout to a place searchable by others",
				err, acct.name, binDir)
		}
	}
	err = filepath.WalkDir(dataDir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, int(acct.uid), int(acct.gid))
	})
	if err != nil {
		return fmt.Errorf("pgserver: chown %s to %s: %w", dataDir, acct.name, err)
	}
	return nil
}

// ensureTraversable checks the execute bit of the permission class that
// applies to acct (owner, group or other: Unix uses the first that matches).
func ensureTraversable(acct *account, dir, cwd string, logger *slog.Logger) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("pgserver: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	var bit fs.FileMode = 0o001
	switch {
	case st.Uid == acct.uid:
		bit = 0o100
	case st.Gid == acct.gid:
		bit = 0o010
	}
	perm := fi.Mode().Perm()
	if perm&bit != 0 {
		return nil
	}
	if cwd != "" && isWithin(cwd, dir) {
		if err := os.Chmod(dir, fi.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)|bit); err != nil {
			return fmt.Errorf("pgserver: chmod %s: %w", dir, err)
		}
		logger.Info("pgserver: made directory searchable for the server user", "dir", dir, "user", acct.name)
		return nil
	}
	return fmt.Errorf("pgserver: directory %s (mode %v) is not searchable by user %q", dir, perm, acct.name)
}

// ancestors returns the parent directories of p, nearest first, up to the
// root.
func ancestors(p string) []string {
	var out []string
	for {
		parent := filepath.Dir(p)
		if parent == p {
			return out
		}
		out = append(out, parent)
		p = parent
	}
}

// isWithin reports whether dir is base or below it.
func isWithin(base, dir string) bool {
	rel, err := filepath.Rel(base, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
