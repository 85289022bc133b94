package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// child is a process the harness started and stops itself (by its pid).
type child struct {
	name string
	cmd  *exec.Cmd
	done chan error
}

func start(name string, env []string, logPath string, args ...string) (*child, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = repoRoot
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, err
	}
	c := &child{name: name, cmd: cmd, done: make(chan error, 1)}
	go func() { c.done <- cmd.Wait(); f.Close() }()
	return c, nil
}

// stop interrupts the process and waits for it (killing it after a bound).
func (c *child) stop() {
	if c == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(40 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// startPostgres runs `retain postgres` on the bench data dir and returns its
// admin URL.
func startPostgres(ctx context.Context) (*child, string, error) {
	urlFile := filepath.Join(dataDir, "pg.url")
	_ = os.Remove(urlFile)
	c, err := start("postgres", []string{"RETAIN_DATA_DIR=" + pgDir}, filepath.Join(dataDir, "postgres.log"), retainBin, "postgres", "--url-file", urlFile)
	if err != nil {
		return nil, "", err
	}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(urlFile); err == nil && len(b) > 0 {
			return c, strings.TrimSpace(string(b)), nil
		}
		select {
		case err := <-c.done:
			return nil, "", fmt.Errorf("retain postgres exited: %v (see %s/postgres.log)", err, dataDir)
		case <-time.After(200 * time.Millisecond):
		}
	}
	c.stop()
	return nil, "", fmt.Errorf("retain postgres did not start")
}

// freeAddr picks a free loopback port.
func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// server is one `retain serve` replica.
type server struct {
	*child
	addr, pprof string
}

// serverEnv is added to every server's environment (-server-env).
var serverEnv []string

func startServer(name, dsn string, extra ...string) (*server, error) {
	addr, pp := freeAddr(), freeAddr()
	env := append([]string{"DATABASE_URL=" + dsn, "RETAIN_ADDR=" + addr, "RETAIN_PPROF_ADDR=" + pp, "RETAIN_SWEEP_INTERVAL=0",
		"RETAIN_SEED_DEMO=never", "RETAIN_LOG_LEVEL=warn", "RETAIN_STATIC_DIR=/nonexistent"}, extra...)
	env = append(env, serverEnv...)
	c, err := start(name, env, filepath.Join(dataDir, name+".log"), retainBin, "serve")
	if err != nil {
		return nil, err
	}
	s := &server{child: c, addr: addr, pprof: pp}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
		select {
		case err := <-c.done:
			return nil, fmt.Errorf("%s exited: %v (see %s/%s.log)", name, err, dataDir, name)
		case <-time.After(200 * time.Millisecond):
		}
	}
	s.stop()
	return nil, fmt.Errorf("%s did not become ready", name)
}

// procStat reads a process's CPU time (user+system) and resident memory.
func procStat(pid int) (cpu time.Duration, rss int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		f := strings.Fields(s[i+2:])
		if len(f) > 13 {
			ut, _ := strconv.ParseInt(f[11], 10, 64)
			st, _ := strconv.ParseInt(f[12], 10, 64)
			cpu = time.Duration(ut+st) * time.Second / 100 // USER_HZ
		}
	}
	return cpu, rssOf(pid)
}

func rssOf(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmRSS:") {
			n, _ := strconv.ParseInt(strings.Fields(sc.Text())[1], 10, 64)
			return n * 1024
		}
	}
	return 0
}

// postgresCPU sums the CPU time of every process of the PostgreSQL server
// (postmaster and backends: the children of its pid).
func postgresCPU(postmaster int) time.Duration {
	total, _ := procStat(postmaster)
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+2:])
		if len(f) > 1 && f[1] == strconv.Itoa(postmaster) {
			c, _ := procStat(pid)
			total += c
		}
	}
	return total
}

// postmasterPID reads the PostgreSQL server's pid from its data directory.
func postmasterPID() int {
	b, err := os.ReadFile(filepath.Join(pgDir, "pgdata", "postmaster.pid"))
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	return n
}
