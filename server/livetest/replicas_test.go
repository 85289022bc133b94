package livetest_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db/dbtest"
	"github.com/retain-crm/retain/server/servertest"
)

// retainBinary builds the server once, or uses RETAIN_TEST_BINARY.
func retainBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("RETAIN_TEST_BINARY"); p != "" {
		return p
	}
	bin := filepath.Join(t.TempDir(), "retain")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/retain-crm/retain/cmd/retain")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// replica is one `retain serve` process.
type replica struct {
	URL string
	cmd *exec.Cmd
}

func startReplica(t *testing.T, bin, dsn string) *replica {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn, "RETAIN_ADDR="+addr, "RETAIN_SEED_DEMO=never",
		"RETAIN_SWEEP_INTERVAL=0", "RETAIN_LOG_LEVEL=warn", "RETAIN_BCRYPT_COST=4")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &replica{URL: "http://" + addr, cmd: cmd}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(r.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("replica at %s did not become ready", addr)
	return nil
}

// TestDeliveryAcrossReplicas runs two server processes on one database: an
// alert caused through one reaches a subscriber on the other exactly once,
// even when the writing replica dies right after its commit.
func TestDeliveryAcrossReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	t.Parallel()
	bin := retainBinary(t)
	database := dbtest.New(t)
	ctx := context.Background()
	_, _, err := database.CreateWorkspace(ctx, "Replicated", "replicated",
		retain.UserInput{Email: "admin@replicated.test", Name: "Admin", Role: retain.RoleAdmin, Password: servertest.Password}, auth.Passwords{Cost: 4})
	if err != nil {
		t.Fatal(err)
	}
	dsn := dbtest.DSN(t, database)
	r1, r2 := startReplica(t, bin, dsn), startReplica(t, bin, dsn)

	env := &servertest.Env{T: t, URL: r1.URL}
	tok := loginAt(t, env, "admin@replicated.test")
	sub := mustDial(t, r1.URL)
	sub.init(tok)
	sub.subscribe("s", `subscription{alertRaised{id kind customer{name}}}`, nil)
	time.Sleep(200 * time.Millisecond)

	writer := &servertest.Env{T: t, URL: r2.URL}
	wtok := loginAt(t, writer, "admin@replicated.test")
	var types struct{ RelationshipTypes []struct{ ID string } }
	writer.Do(wtok, `{relationshipTypes{id}}`, nil).Decode(t, &types)
	var me struct{ Me struct{ ID string } }
	writer.Do(wtok, `{me{id}}`, nil).Decode(t, &me)

	for round := 0; round < 2; round++ {
		var c struct{ CreateCustomer struct{ ID string } }
		writer.Do(wtok, `mutation($n:String!,$rt:ID!,$o:ID!){createCustomer(input:{name:$n,relationshipTypeId:$rt,ownerId:$o}){id}}`,
			map[string]any{"n": fmt.Sprintf("Replica Co %d", round), "rt": types.RelationshipTypes[0].ID, "o": me.Me.ID}).Decode(t, &c)
		start := time.Now()
		writer.Do(wtok, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:QUALITY,severity:CRITICAL,description:"x"}){id}}`,
			map[string]any{"c": c.CreateCustomer.ID}).Decode(t, &struct{}{})
		if round == 1 {
			// The writer dies at once: whichever relay drains the outbox, the
			// alert must still arrive.
			_ = r2.cmd.Process.Signal(syscall.SIGKILL)
		}
		var got struct{ AlertRaised struct{ ID, Kind string } }
		if !sub.next("s", 5*time.Second, &got) || got.AlertRaised.Kind != "CRITICAL_COMPLAINT" {
			t.Fatalf("round %d: the other replica's subscriber got no alert: %+v", round, got)
		}
		t.Logf("round %d: commit to frame across replicas %s", round, time.Since(start))
		if sub.next("s", 700*time.Millisecond, &got) {
			t.Fatalf("round %d: alert delivered twice: %+v", round, got)
		}
	}
}

func loginAt(t *testing.T, env *servertest.Env, email string) string {
	t.Helper()
	var out struct{ Login struct{ AccessToken string } }
	env.Do("", `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken}}`,
		map[string]any{"e": email, "p": servertest.Password}).Decode(t, &out)
	return out.Login.AccessToken
}
