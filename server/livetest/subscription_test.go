package livetest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/retain-crm/retain/server/servertest"
)

const alertSub = `subscription{alertRaised{id kind customer{id name} scoreAfter levelAfter reasons{key text(lang:"zh")}}}`

type raised struct {
	AlertRaised struct {
		ID       string
		Kind     string
		Customer struct{ ID, Name string }
	}
}

// createCustomer makes a customer owned by an agent and returns its id.
func createCustomer(t *testing.T, env *servertest.Env, token, name string) string {
	t.Helper()
	var out struct{ CreateCustomer struct{ ID string } }
	env.Do(token, `mutation($n:String!,$rt:ID!){createCustomer(input:{name:$n,relationshipTypeId:$rt,tier:TKA}){id}}`,
		map[string]any{"n": name, "rt": env.W1.RelationshipTypeID}).Decode(t, &out)
	return out.CreateCustomer.ID
}

// openCritical opens a critical complaint, which raises an alert.
func openCritical(t *testing.T, env *servertest.Env, token, customerID string) {
	t.Helper()
	env.Do(token, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:QUALITY,severity:CRITICAL,description:"broken"}){id}}`,
		map[string]any{"c": customerID}).Decode(t, &struct{}{})
}

func TestCloseCodes(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	tok := env.Login(env.W1, "agentA")

	t.Run("init timeout 4408", func(t *testing.T) {
		c := mustDial(t, env.URL)
		if got := c.closeCode(5 * time.Second); got != 4408 {
			t.Fatalf("close = %d, want 4408", got)
		}
	})
	t.Run("bad token 4403", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.sendRaw(`{"type":"connection_init","payload":{"authorization":"Bearer forged"}}`)
		if got := c.closeCode(5 * time.Second); got != 4403 {
			t.Fatalf("close = %d, want 4403", got)
		}
	})
	t.Run("subscribe before ack 4401", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.subscribe("1", alertSub, nil)
		if got := c.closeCode(5 * time.Second); got != 4401 {
			t.Fatalf("close = %d, want 4401", got)
		}
	})
	t.Run("second init 4429", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.init(tok)
		c.sendRaw(`{"type":"connection_init","payload":{"authorization":"Bearer ` + tok + `"}}`)
		if got := c.closeCode(5 * time.Second); got != 4429 {
			t.Fatalf("close = %d, want 4429", got)
		}
	})
	t.Run("duplicate id 4409", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.init(tok)
		c.subscribe("1", alertSub, nil)
		c.subscribe("1", alertSub, nil)
		if got := c.closeCode(5 * time.Second); got != 4409 {
			t.Fatalf("close = %d, want 4409", got)
		}
	})
	t.Run("bad message 4400", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.sendRaw(`{not json`)
		if got := c.closeCode(5 * time.Second); got != 4400 {
			t.Fatalf("close = %d, want 4400", got)
		}
	})
	t.Run("unknown type 4400", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.init(tok)
		c.sendRaw(`{"type":"bogus"}`)
		if got := c.closeCode(5 * time.Second); got != 4400 {
			t.Fatalf("close = %d, want 4400", got)
		}
	})
	t.Run("oversized message 1009", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.init(tok)
		c.sendRaw(`{"type":"ping","payload":{"x":"` + string(make([]byte, 0)) + longString(128<<10) + `"}}`)
		if got := c.closeCode(5 * time.Second); got != websocket.StatusMessageTooBig {
			t.Fatalf("close = %d, want 1009", got)
		}
	})
	t.Run("ping pong", func(t *testing.T) {
		c := mustDial(t, env.URL)
		c.init(tok)
		c.sendRaw(`{"type":"ping"}`)
		ctxMsg, _ := c.read(5 * time.Second)
		if ctxMsg.Type != "pong" {
			t.Fatalf("want pong, got %+v", ctxMsg)
		}
	})
	t.Run("foreign origin refused before upgrade", func(t *testing.T) {
		for _, origin := range []string{"http://evil.example.com", "null", "http://app.example.com.evil.io"} {
			_, resp, err := dial(t, env.URL, origin)
			if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
				t.Fatalf("origin %q: err=%v resp=%v, want 403", origin, err, resp)
			}
		}
		if _, _, err := dial(t, env.URL, "http://app.example.com"); err != nil {
			t.Fatalf("allowed origin refused: %v", err)
		}
	})
	t.Run("revoked session closes the socket", func(t *testing.T) {
		victim := env.Login(env.W1, "agentC")
		c := mustDial(t, env.URL)
		c.init(victim)
		admin := env.Login(env.W1, "admin")
		env.Do(admin, `mutation($id:ID!){deactivateUser(id:$id){id}}`, map[string]any{"id": env.W1.Users["agentC"].ID}).Decode(t, &struct{}{})
		if got := c.closeCode(5 * time.Second); got != 4403 {
			t.Fatalf("close = %d, want 4403", got)
		}
	})
}

func longString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}

func TestAlertsReachOnlyThoseWhoMaySee(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	a, b := env.Login(env.W1, "agentA"), env.Login(env.W1, "agentB")
	manager, other := env.Login(env.W1, "manager"), env.Login(env.W2, "admin")

	subs := map[string]*wsClient{}
	for name, tok := range map[string]string{"a": a, "b": b, "manager": manager, "w2": other} {
		c := mustDial(t, env.URL)
		c.init(tok)
		c.subscribe("s", alertSub, nil)
		subs[name] = c
	}
	time.Sleep(100 * time.Millisecond) // the subscribe messages reach the hub

	mine := createCustomer(t, env, a, "Alice Mine")
	start := time.Now()
	openCritical(t, env, a, mine)
	var got raised
	if !subs["a"].next("s", 3*time.Second, &got) || got.AlertRaised.Customer.ID != mine {
		t.Fatalf("owner did not get the alert: %+v", got)
	}
	t.Logf("commit to frame: %s", time.Since(start))
	if !subs["manager"].next("s", 3*time.Second, &got) || got.AlertRaised.Customer.ID != mine {
		t.Fatalf("manager did not get the team's alert")
	}
	for _, name := range []string{"b", "w2"} {
		if subs[name].next("s", 700*time.Millisecond, &got) {
			t.Fatalf("%s received an alert about a customer it may not see: %+v", name, got)
		}
	}

	// Reassign the customer to agentB: the next alert goes to B, not to A.
	admin := env.Login(env.W1, "admin")
	env.Do(admin, `mutation($id:ID!,$o:ID!){reassignCustomers(ids:[$id],ownerId:$o){id}}`,
		map[string]any{"id": mine, "o": env.W1.Users["agentB"].ID}).Decode(t, &struct{}{})
	openCritical(t, env, b, mine)
	if !subs["b"].next("s", 3*time.Second, &got) || got.AlertRaised.Customer.ID != mine {
		t.Fatalf("new owner did not get the alert about %s: %+v", mine, got)
	}
	if subs["a"].next("s", 700*time.Millisecond, &got) {
		t.Fatalf("old owner still receives alerts after reassignment: %+v", got)
	}
}

func TestRiskChangedSubscription(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	a, b := env.Login(env.W1, "agentA"), env.Login(env.W1, "agentB")
	id := createCustomer(t, env, a, "Risky Co")

	c := mustDial(t, env.URL)
	c.init(a)
	c.subscribe("r", `subscription($c:ID!){customerRiskChanged(customerId:$c){id riskScore riskLevel}}`, map[string]any{"c": id})
	time.Sleep(100 * time.Millisecond)
	env.Do(a, `mutation($c:ID!){logInteraction(input:{customerId:$c,channel:CALL,summary:"angry",sentiment:-2,competitor:"Acme"}){id}}`,
		map[string]any{"c": id}).Decode(t, &struct{}{})
	var got struct {
		CustomerRiskChanged struct {
			ID        string
			RiskScore int
		}
	}
	if !c.next("r", 3*time.Second, &got) || got.CustomerRiskChanged.RiskScore == 0 {
		t.Fatalf("no risk change received: %+v", got)
	}

	// Another agent cannot subscribe to a customer it may not see.
	other := mustDial(t, env.URL)
	other.init(b)
	other.subscribe("r", `subscription($c:ID!){customerRiskChanged(customerId:$c){id}}`, map[string]any{"c": id})
	m, _ := other.read(3 * time.Second)
	if m.Type != "next" && m.Type != "error" || !containsNotFound(string(m.Payload)) {
		t.Fatalf("want NOT_FOUND, got %s %s", m.Type, m.Payload)
	}
}

func containsNotFound(s string) bool {
	return len(s) > 0 && (contains(s, "NOT_FOUND"))
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
