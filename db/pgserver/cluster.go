package pgserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// initCluster runs initdb into a temporary directory beside pgdata and
// renames it into place, so a crash during initdb never leaves a half-made
// cluster that a later start would try to use.
func initCluster(ctx context.Context, binDir, dataDir, pgdata string, acct *account, noSync bool, stdout, stderr io.Writer, logger *slog.Logger) error {
	if entries, err := os.ReadDir(pgdata); err == nil {
		if len(entries) > 0 {
			return fmt.Errorf("pgserver: %s exists but is not a PostgreSQL cluster (no PG_VERSION); move it away or choose another data directory", pgdata)
		}
		if err := os.Remove(pgdata); err != nil {
			return fmt.Errorf("pgserver: %w", err)
		}
	}
	logger.Info("pgserver: creating cluster", "pgdata", pgdata, "bin", binDir)
	tmp := pgdata + ".initdb-tmp"
	base := []string{"-D", tmp, "-U", superuser, "-A", "trust", "-E", "UTF8"}
	if noSync {
		base = append(base, "--no-sync")
	}
	// C.UTF-8 gives byte-order collation with UTF-8 character classes and is
	// built into glibc >= 2.35 (and Debian's older glibc). Systems without it
	// get plain C, which is equivalent for collation.
	var failures []string
	for _, loc := range []string{"--locale=C.UTF-8", "--no-locale"} {
		if err := os.RemoveAll(tmp); err != nil {
			return fmt.Errorf("pgserver: remove leftover %s: %w", tmp, err)
		}
		var out bytes.Buffer
		cmd := exec.CommandContext(ctx, filepath.Join(binDir, exeName("initdb")), append(base, loc)...)
		cmd.Dir = dataDir
		cmd.Stdout = io.MultiWriter(&out, stdout)
		cmd.Stderr = io.MultiWriter(&out, stderr)
		cmd.SysProcAttr = sysProcAttr(acct)
		cmd.WaitDelay = 5 * time.Second
		p, err := startProc(cmd)
		if err == nil {
			<-p.done
			err = p.err
		}
		if err == nil {
			if err := os.Rename(tmp, pgdata); err != nil {
				return fmt.Errorf("pgserver: move new cluster into place: %w", err)
			}
			syncDir(dataDir)
			return nil
		}
		_ = os.RemoveAll(tmp)
		if ctx.Err() != nil {
			return fmt.Errorf("pgserver: initdb: %w", ctx.Err())
		}
		failures = append(failures, fmt.Sprintf("initdb %s: %v\n%s", loc, err, lastLines(out.String(), 20)))
		if !strings.Contains(strings.ToLower(out.String()), "locale") {
			break // not a locale problem: another locale will not help
		}
	}
	return fmt.Errorf("pgserver: initdb failed:\n%s", strings.Join(failures, "\n"))
}

// checkVersion compares the cluster's major version with the binaries'.
// A cluster only works with the major version that created it, and postgres
// reports a mismatch obscurely (e.g. as an unknown setting in
// postgresql.conf). This happens when switching between Debian's binaries
// and the npm ones. `postgres --version` is allowed as root.
func checkVersion(ctx context.Context, binDir, pgdata, clusterMajor string) error {
	out, err := exec.CommandContext(ctx, filepath.Join(binDir, exeName("postgres")), "--version").Output()
	if err != nil {
		return fmt.Errorf("pgserver: %s --version: %w", filepath.Join(binDir, exeName("postgres")), err)
	}
	// "postgres (PostgreSQL) 18.4" or "... 15.18 (Debian 15.18-0+deb12u1)".
	fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(string(out)), "postgres (PostgreSQL) "))
	if len(fields) == 0 {
		return nil
	}
	binMajor := majorOf(fields[0])
	if binMajor != clusterMajor {
		return fmt.Errorf("pgserver: the cluster in %s was created by PostgreSQL %s but the binaries in %s are PostgreSQL %s; "+
			"use matching binaries (RETAIN_PG_BIN) or move the data dir away to start afresh (dump and restore to keep the data)",
			pgdata, clusterMajor, binDir, fields[0])
	}
	return nil
}

// majorOf maps "18.4" to "18", "18beta1" to "18" and "9.6.24" to "9.6"
// (before PostgreSQL 10 the major version had two parts).
func majorOf(v string) string {
	end := strings.IndexFunc(v, func(r rune) bool { return r != '.' && (r < '0' || r > '9') })
	if end >= 0 {
		v = v[:end]
	}
	parts := strings.Split(v, ".")
	if n, err := strconv.Atoi(parts[0]); err == nil && n < 10 && len(parts) > 1 {
		return parts[0] + "." + parts[1]
	}
	return parts[0]
}

// makeDataDir creates dataDir and any missing parents. Parents it creates
// get mode 0755 regardless of the umask: as root the server runs as another
// user that must traverse them, and since we made them we may open them up.
func makeDataDir(dataDir string) error {
	var missing []string
	for d := filepath.Dir(dataDir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("pgserver: create %s: %w", missing[i], err)
		}
		if err := os.Chmod(missing[i], 0o755); err != nil {
			return fmt.Errorf("pgserver: chmod %s: %w", missing[i], err)
		}
	}
	if err := os.Mkdir(dataDir, 0o750); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("pgserver: create data dir: %w", err)
	}
	return nil
}

// syncDir makes a rename durable; best effort.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}

// clearStalePID deals with the postmaster.pid left by a server that was
// killed (SIGKILL, power loss, container restart).
//
// If its pid is alive and is a postmaster on this data directory, the data
// dir is in use and Start fails with ErrDataDirInUse. Otherwise the file is
// stale. PostgreSQL copes with a dead pid itself, but not with a pid that
// has since been reused by an unrelated process (common in containers, where
// pids restart from 1): it would refuse to start. So the file is removed.
// Removing it also drops PostgreSQL's own guard against backends that
// outlived a killed postmaster, so first we wait (via /proc) until no process
// has pgdata as its working directory. Without /proc (macOS) the file is left
// to PostgreSQL, which handles the dead-pid case safely.
func clearStalePID(pgdata, runDir string, logger *slog.Logger) error {
	pidFile := filepath.Join(pgdata, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("pgserver: read %s: %w", pidFile, err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(first))
	if pid < 0 {
		pid = -pid // a standalone backend writes its pid negated
	}
	if pid > 0 && processAlive(pid) && runsOnDataDir(pid, pgdata) {
		return fmt.Errorf("%w: postgres pid %d holds %s (another retain is probably using this data dir; stop it or choose another RETAIN_DATA_DIR)",
			ErrDataDirInUse, pid, pgdata)
	}
	if _, ok := processesInDir(pgdata); !ok {
		logger.Warn("pgserver: found postmaster.pid of a dead server; leaving it to PostgreSQL", "pid", pid, "pgdata", pgdata)
		return nil
	}
	if err := waitForOrphans(pgdata, orphanWait); err != nil {
		return err
	}
	if err := os.Remove(pidFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("pgserver: remove stale %s: %w", pidFile, err)
	}
	// The socket lock files name the same dead postmaster.
	locks, _ := filepath.Glob(filepath.Join(runDir, ".s.PGSQL.*"))
	for _, l := range locks {
		_ = os.Remove(l)
	}
	logger.Warn("pgserver: removed stale postmaster.pid (previous server did not shut down cleanly)", "pid", pid, "pgdata", pgdata)
	return nil
}

// waitForOrphans waits until no process works in pgdata (backends chdir
// there), so two sets of server processes never share a cluster.
func waitForOrphans(pgdata string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		pids, _ := processesInDir(pgdata)
		if len(pids) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: processes %v still run in %s after their postmaster died; kill them and retry",
				ErrDataDirInUse, pids, pgdata)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
