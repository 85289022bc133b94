package server_test

import (
	"testing"
	"time"

	"github.com/retain-crm/retain/server/servertest"
)

func TestProcessMeasures(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	a := env.Login(env.W1, "agentA")
	b := env.Login(env.W1, "agentB")
	mk := func(tok, name string) string {
		var out struct{ CreateCustomer struct{ ID string } }
		env.Do(tok, `mutation($n:String!,$rt:ID!){createCustomer(input:{name:$n,relationshipTypeId:$rt}){id}}`,
			map[string]any{"n": name, "rt": env.W1.RelationshipTypeID}).Decode(t, &out)
		return out.CreateCustomer.ID
	}
	ca, cb := mk(a, "Kept Co"), mk(b, "Other Co")
	due := env.Clock.Now().Add(48 * time.Hour).Format(time.RFC3339)
	var p struct {
		CreatePromise struct {
			ID      string
			Version int
		}
	}
	env.Do(a, `mutation($c:ID!,$d:Time!){createPromise(input:{customerId:$c,description:"rebate",dueAt:$d}){id version}}`,
		map[string]any{"c": ca, "d": due}).Decode(t, &p)
	env.Do(a, `mutation($id:ID!,$v:Int!){resolvePromise(id:$id,version:$v,status:KEPT){id}}`,
		map[string]any{"id": p.CreatePromise.ID, "v": p.CreatePromise.Version}).Decode(t, &struct{}{})
	env.Do(b, `mutation($c:ID!,$d:Time!){createPromise(input:{customerId:$c,description:"visit",dueAt:$d}){id}}`,
		map[string]any{"c": cb, "d": due}).Decode(t, &struct{}{})
	env.Do(a, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:PRICE,severity:LOW,description:"too dear"}){id}}`,
		map[string]any{"c": ca}).Decode(t, &struct{}{})

	env.Clock.Advance(72 * time.Hour) // agentB's promise is now overdue, hence broken
	a = env.Login(env.W1, "agentA")
	from, to := env.Clock.Now().Add(-30*24*time.Hour).Format(time.RFC3339), env.Clock.Now().Add(24*time.Hour).Format(time.RFC3339)
	type row struct {
		User                                                                            struct{ Email string }
		Customers, WithinCadence, Complaints, AnsweredInTime, PromisesDue, Kept, Broken int
	}
	measures := func(tok string) map[string]row {
		var out struct{ ProcessMeasures []row }
		env.Do(tok, `query($f:Time!,$t:Time!){processMeasures(from:$f,to:$t){user{email} customers withinCadence complaints answeredInTime promisesDue kept broken}}`,
			map[string]any{"f": from, "t": to}).Decode(t, &out)
		m := map[string]row{}
		for _, r := range out.ProcessMeasures {
			m[r.User.Email] = r
		}
		return m
	}
	ea, eb := env.W1.Users["agentA"].Email, env.W1.Users["agentB"].Email
	mgr := measures(env.Login(env.W1, "manager"))
	if got := mgr[ea]; got.Customers != 1 || got.Kept != 1 || got.Complaints != 1 || got.AnsweredInTime != 0 || got.Broken != 0 {
		t.Fatalf("agentA = %+v", got)
	}
	if got := mgr[eb]; got.PromisesDue != 1 || got.Broken != 1 {
		t.Fatalf("agentB = %+v", got)
	}
	if own := measures(a); len(own) != 1 || own[eb].Customers != 0 {
		t.Fatalf("an agent sees only their own measures: %+v", own)
	}
	if other := measures(env.Login(env.W2, "admin")); len(other) != 0 {
		t.Fatalf("another workspace sees W1 measures: %+v", other)
	}
}
