package pgserver

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"
)

// Pdeathsig fires when the forking thread exits. Start from a goroutine
// that dies with its thread locked (so the runtime kills the thread); the
// server must survive.
func TestServerSurvivesCallerThreadExit(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	var s *Server
	var err error
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		s, err = Start(context.Background(), opts)
		close(done)
	}()
	<-done
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })
	time.Sleep(500 * time.Millisecond)
	select {
	case <-s.Done():
		t.Fatalf("server died with the thread that called Start: %v\n%s", s.proc.err, s.tail.lastLines(10))
	default:
	}
	if _, err := simpleQuery(s.Port(), "SELECT 1"); err != nil {
		t.Fatal(err)
	}
}

// The server must not outlive a SIGKILLed owner process.
func TestParentDeathStopsServer(t *testing.T) {
	t.Parallel()
	opts := testOptions(t)
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), helperEnv+"="+opts.DataDir)
	helper.Stderr = os.Stderr
	stdout, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = helper.Process.Kill()
		t.Fatalf("helper: %v", err)
	}
	var pgPid, port int
	if _, err := fmt.Sscanf(line, "READY %d %d", &pgPid, &port); err != nil {
		_ = helper.Process.Kill()
		t.Fatalf("helper said %q", line)
	}
	if _, err := simpleQuery(port, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	_ = helper.Process.Kill()
	_ = helper.Wait()
	deadline := time.Now().Add(15 * time.Second)
	for !exited(pgPid) {
		if time.Now().After(deadline) {
			if p, err := os.FindProcess(pgPid); err == nil {
				_ = p.Kill()
			}
			t.Fatalf("postgres %d still running after its parent was killed", pgPid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// And the data dir is usable again right away.
	s := mustStart(t, Options{DataDir: opts.DataDir, Settings: fastSettings(), Logger: testLogger(t)})
	if s.Initialized {
		t.Fatal("re-initialized after parent death")
	}
}

// exited reports whether pid is gone or a zombie (its new parent, maybe a
// container init, may not reap it).
func exited(pid int) bool {
	return !processAlive(pid) || isZombie(pid)
}
