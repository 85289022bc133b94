package livetest_test

import (
	"context"
	"testing"
	"time"

	"github.com/retain-crm/retain/server/servertest"
)

// TestSweepRaisesAlertsAsTimePasses travels in time with no writes at all:
// only the sweep notices the response deadline passing and contact becoming
// overdue, raises each alert once, and a second sweep changes nothing.
func TestSweepRaisesAlertsAsTimePasses(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	a := env.Login(env.W1, "agentA")
	id := createCustomer(t, env, a, "Slow Burn Ltd")
	env.Do(a, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:BILLING,severity:MEDIUM,description:"wrong invoice"}){id responseDueAt}}`,
		map[string]any{"c": id}).Decode(t, &struct{}{})

	sweep := func() (changed int) {
		t.Helper()
		_, changed, err := env.App.Sweeper.Sweep(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return changed
	}
	kinds := func() map[string]int {
		t.Helper()
		var out struct {
			Alerts struct {
				Edges []struct{ Node struct{ Kind string } }
			}
		}
		env.Do(a, `{alerts(first:50){edges{node{kind}}}}`, nil).Decode(t, &out)
		m := map[string]int{}
		for _, e := range out.Alerts.Edges {
			m[e.Node.Kind]++
		}
		return m
	}

	var breached struct {
		Complaints struct {
			Edges []struct {
				Node struct{ DeadlineBreached bool }
			}
		}
	}
	env.Do(a, `{complaints(filter:{breached:true}){edges{node{deadlineBreached}}}}`, nil).Decode(t, &breached)
	if len(breached.Complaints.Edges) != 0 {
		t.Fatal("breached before the deadline")
	}

	env.Clock.Advance(9 * time.Hour) // the Friendship contract answers complaints within 8 hours
	a = env.Login(env.W1, "agentA")  // the old access token expired on the way
	sweep()
	if k := kinds(); k["DEADLINE_BREACHED"] != 1 {
		t.Fatalf("alerts after the deadline = %v, want one DEADLINE_BREACHED", k)
	}
	env.Do(a, `{complaints(filter:{breached:true}){edges{node{deadlineBreached}}}}`, nil).Decode(t, &breached)
	if len(breached.Complaints.Edges) != 1 || !breached.Complaints.Edges[0].Node.DeadlineBreached {
		t.Fatalf("complaint not breached after the deadline: %+v", breached)
	}

	env.Clock.Advance(60 * 24 * time.Hour) // far past the 14-day contact cadence
	a = env.Login(env.W1, "agentA")
	if sweep() == 0 {
		t.Fatal("sweep changed no score after 60 days without contact")
	}
	after := kinds()
	if after["ENTERED_AT_RISK"]+after["ENTERED_CRITICAL"] != 1 || after["DEADLINE_BREACHED"] != 1 {
		t.Fatalf("alerts after the gap = %v, want one level alert and one breach", after)
	}
	if changed := sweep(); changed != 0 {
		t.Fatalf("a second sweep at the same time changed %d scores", changed)
	}
	if again := kinds(); len(again) != len(after) || again["DEADLINE_BREACHED"] != 1 {
		t.Fatalf("a second sweep raised alerts again: %v", again)
	}
}
