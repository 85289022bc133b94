package db_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
)

// These tests cover the two hottest mutations, logInteraction and
// openComplaint (LOW/MEDIUM), which run as pipelined writes (perf_stmt.go),
// and the per-request user lookup. The semantic tests hold for any
// implementation of the services; TestWriteStatementCounts pins the round
// trips, so a change that adds one fails.

const writePassword = "correct-horse-battery"

type writeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *writeClock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *writeClock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// writeFixture is a workspace with an admin, a manager with two agents and
// a customer of each agent; no server runs on its database, so nothing but
// the test issues statements or drains the outbox.
type writeFixture struct {
	t     *testing.T
	d     *db.DB
	clock *writeClock
	ws    string
	users map[string]*retain.User
	// typeID is the customers' relationship type; sla its complaint SLA.
	typeID string
	sla    int
	custA  string // owned by agentA
	custB  string // owned by agentB
}

func newWriteFixture(t *testing.T) *writeFixture {
	t.Helper()
	ctx := context.Background()
	d := dbtest.New(t)
	clock := &writeClock{now: time.Now().UTC().Truncate(time.Second)}
	d.Now = clock.Now
	pw := auth.Passwords{Cost: 4}
	ws, admin, err := d.CreateWorkspace(ctx, "Writes", "writes",
		retain.UserInput{Email: "admin@writes.test", Name: "Admin", Role: retain.RoleAdmin, Password: writePassword}, pw)
	if err != nil {
		t.Fatal(err)
	}
	f := &writeFixture{t: t, d: d, clock: clock, ws: ws.ID, users: map[string]*retain.User{"admin": admin}}
	users := &db.UserService{DB: d, Passwords: pw}
	mk := func(key string, role retain.Role, manager *string) {
		u, err := users.CreateUser(f.as("admin"), retain.UserInput{Email: strings.ToLower(key) + "@writes.test", Name: key,
			Role: role, ManagerID: manager, Password: writePassword})
		if err != nil {
			t.Fatal(err)
		}
		f.users[key] = u
	}
	mk("manager", retain.RoleManager, nil)
	m := f.users["manager"].ID
	mk("agentA", retain.RoleAgent, &m)
	mk("agentB", retain.RoleAgent, &m)
	types, err := (&db.RelationshipTypeService{DB: d}).FindRelationshipTypes(f.as("admin"))
	if err != nil || len(types) == 0 {
		t.Fatalf("relationship types: %v", err)
	}
	f.typeID, f.sla = types[0].ID, types[0].ComplaintSLAHours
	f.custA = f.customer("Customer A", "agentA")
	f.custB = f.customer("Customer B", "agentB")
	return f
}

// authService is the authentication service on the fixture's signing keys.
func (f *writeFixture) authService(t *testing.T) *db.AuthService {
	t.Helper()
	keys, err := f.d.LoadKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ring, err := auth.NewKeyring(keys)
	if err != nil {
		t.Fatal(err)
	}
	issuer := &auth.Issuer{Name: "retain", Ring: ring, Leeway: 30 * time.Second, Now: f.d.Now}
	return &db.AuthService{DB: f.d, Issuer: issuer, Passwords: auth.Passwords{Cost: 4}}
}

// as is a context acting as a fixture user.
func (f *writeFixture) as(key string) context.Context {
	u := f.users[key]
	a := &retain.Actor{WorkspaceID: u.WorkspaceID, UserID: u.ID, Role: u.Role}
	if u.ManagerID != nil {
		a.ManagerID = *u.ManagerID
	}
	return retain.WithActor(context.Background(), a)
}

func (f *writeFixture) customer(name, owner string) string {
	f.t.Helper()
	c, err := (&db.CustomerService{DB: f.d}).CreateCustomer(f.as("admin"),
		retain.CustomerInput{Name: name, OwnerID: f.users[owner].ID, RelationshipTypeID: f.typeID})
	if err != nil {
		f.t.Fatal(err)
	}
	return c.ID
}

func (f *writeFixture) int(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (f *writeFixture) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.d.ExecContext(context.Background(), query, args...); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
}

// state is everything a write to customer id may change, as text.
func (f *writeFixture) state(id string) string {
	f.t.Helper()
	var s string
	err := f.d.QueryRowContext(context.Background(), `SELECT concat_ws(' | ',
		(SELECT row(c.last_contact_at, c.risk_score, c.risk_level, c.risk_factors, c.risk_updated_at, c.alerted_level, c.version, c.updated_at)::text FROM customers c WHERE c.id = ?0),
		(SELECT count(*) FROM interactions WHERE customer_id = ?0), (SELECT count(*) FROM complaints WHERE customer_id = ?0),
		(SELECT count(*) FROM promises WHERE customer_id = ?0), (SELECT count(*) FROM alerts WHERE customer_id = ?0),
		(SELECT count(*) FROM risk_score_history WHERE customer_id = ?0), (SELECT count(*) FROM audit_log),
		(SELECT count(*) FROM event_outbox))`, id).Scan(&s)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

// fresh reports whether every stored score is what a sweep at the current
// time computes (the write rescored in its own transaction).
func (f *writeFixture) fresh() {
	f.t.Helper()
	st, err := (&db.SweepService{DB: f.d}).SweepAt(context.Background(), f.d.Now().UTC().Truncate(time.Microsecond))
	if err != nil {
		f.t.Fatal(err)
	}
	if st.Changed != 0 || st.Alerts != 0 {
		f.t.Errorf("a sweep after the write changed %d scores and raised %d alerts: the write did not rescore", st.Changed, st.Alerts)
	}
}

// noOpenTransactions checks that no pooled connection was left inside a
// transaction (a failed pipelined write must end it before the connection
// goes back to the pool).
func (f *writeFixture) noOpenTransactions() {
	f.t.Helper()
	// Use every pooled connection once.
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var inTx bool
			if err := f.d.QueryRowContext(context.Background(), "SELECT now() <> statement_timestamp()").Scan(&inTx); err != nil {
				f.t.Error(err)
			} else if inTx {
				f.t.Error("a pooled connection is inside a transaction")
			}
		}()
	}
	wg.Wait()
	if n := f.int("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"); n != 0 {
		f.t.Errorf("%d connections idle in a transaction", n)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if retain.ErrorCode(err) != code {
		t.Fatalf("error %v (%s), want %s", err, retain.ErrorCode(err), code)
	}
}

func TestPipelinedLogInteraction(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	svc := &db.ActivityService{DB: f.d}
	sentiment := -2
	before := f.int("SELECT count(*) FROM audit_log")
	it, err := svc.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
		Summary: "Unhappy about delays? Very", Sentiment: &sentiment, Competitor: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	now := f.d.Now()
	if it.CustomerID != f.custA || it.UserID == nil || *it.UserID != f.users["agentA"].ID || !it.OccurredAt.Equal(now) || it.Direction != retain.Outbound {
		t.Errorf("returned interaction %+v", it)
	}
	var summary, competitor string
	var stored int
	if err := f.d.QueryRowContext(context.Background(), "SELECT summary, competitor, sentiment FROM interactions WHERE id = ? AND customer_id = ?",
		it.ID, f.custA).Scan(&summary, &competitor, &stored); err != nil {
		t.Fatalf("interaction not stored: %v", err)
	}
	if summary != "Unhappy about delays? Very" || competitor != "Acme" || stored != -2 {
		t.Errorf("stored %q %q %d", summary, competitor, stored)
	}
	if n := f.int("SELECT count(*) FROM customers WHERE id = ? AND last_contact_at = ?", f.custA, now); n != 1 {
		t.Error("last contact not moved to the interaction")
	}
	// The audit row, in the same transaction, with the interaction as after.
	var after string
	if err := f.d.QueryRowContext(context.Background(), `SELECT after->>'Summary' FROM audit_log
		WHERE action = 'interaction.log' AND entity_type = 'interaction' AND entity_id = ? AND actor_user_id = ? AND (before IS NULL OR before = 'null')`,
		it.ID, f.users["agentA"].ID).Scan(&after); err != nil || after != "Unhappy about delays? Very" {
		t.Errorf("audit row: %q %v", after, err)
	}
	if n := f.int("SELECT count(*) FROM audit_log"); n != before+1 {
		t.Errorf("%d audit rows written, want 1", n-before)
	}
	// Rescored in the same transaction: history, a RISK event, nothing
	// left for a sweep.
	var score int
	var factors string
	if err := f.d.QueryRowContext(context.Background(), "SELECT risk_score, risk_factors::text FROM customers WHERE id = ? AND risk_updated_at = ?",
		f.custA, now).Scan(&score, &factors); err != nil {
		t.Fatalf("not rescored: %v", err)
	}
	if score == 0 || !strings.Contains(factors, "sentiment") || !strings.Contains(factors, "competitor") {
		t.Errorf("score %d, factors %s", score, factors)
	}
	if n := f.int("SELECT count(*) FROM risk_score_history WHERE customer_id = ? AND score = ? AND at = ?", f.custA, score, now); n != 1 {
		t.Errorf("%d history rows for the new score", n)
	}
	if n := f.int("SELECT count(*) FROM event_outbox WHERE kind = 'RISK' AND entity_id = ?", f.custA); n != 1 {
		t.Errorf("%d RISK events queued, want 1", n)
	}
	f.fresh()

	// A call that changes no signal changes no score: no history, no event.
	f.clock.Advance(time.Second)
	events, history := f.int("SELECT count(*) FROM event_outbox"), f.int("SELECT count(*) FROM risk_score_history")
	if _, err := svc.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
		Summary: "Follow-up"}); err != nil {
		t.Fatal(err)
	}
	if n := f.int("SELECT count(*) FROM event_outbox"); n != events {
		t.Errorf("an unchanged score queued %d events", n-events)
	}
	if n := f.int("SELECT count(*) FROM risk_score_history"); n != history {
		t.Errorf("an unchanged score wrote %d history rows", n-history)
	}
	if n := f.int("SELECT count(*) FROM customers WHERE id = ? AND last_contact_at = ?", f.custA, f.d.Now()); n != 1 {
		t.Error("last contact not moved")
	}
	f.fresh()

	// An older interaction does not move the last contact back. (The
	// manager sees the team's customers; an id in capitals is the same id.)
	old := f.d.Now().Add(-48 * time.Hour)
	it, err = svc.LogInteraction(f.as("manager"), retain.InteractionInput{CustomerID: strings.ToUpper(f.custA), Channel: retain.ChannelVisit,
		Summary: "Visit last week", OccurredAt: &old})
	if err != nil {
		t.Fatal(err)
	}
	if it.CustomerID != f.custA {
		t.Errorf("customer id %s, want %s", it.CustomerID, f.custA)
	}
	if n := f.int("SELECT count(*) FROM customers WHERE id = ? AND last_contact_at = ?", f.custA, f.d.Now()); n != 1 {
		t.Error("an older interaction moved the last contact back")
	}
	f.fresh()
	f.noOpenTransactions()
}

func TestPipelinedWritesRefuseWithoutChanging(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	acts := &db.ActivityService{DB: f.d}
	complaints := &db.ComplaintService{DB: f.d}
	ext := "CRM-1"
	if _, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
		Summary: "First", ExternalID: &ext}); err != nil {
		t.Fatal(err)
	}
	stateA, stateB := f.state(f.custA), f.state(f.custB)
	bad := 7
	ghost := db.NewID()
	cases := []struct {
		name string
		do   func() error
		code string
	}{
		{"interaction for a customer of another agent", func() error {
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelCall, Summary: "Hi"})
			return err
		}, retain.ENOTFOUND},
		{"interaction with a promise for a customer of another agent", func() error {
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelCall, Summary: "Hi",
				Promise: &retain.PromiseInput{Description: "Call back", DueAt: f.d.Now().Add(time.Hour)}})
			return err
		}, retain.ENOTFOUND},
		{"interaction for no customer", func() error {
			_, err := acts.LogInteraction(f.as("admin"), retain.InteractionInput{CustomerID: ghost, Channel: retain.ChannelCall, Summary: "Hi"})
			return err
		}, retain.ENOTFOUND},
		{"invalid sentiment", func() error {
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall, Summary: "Hi", Sentiment: &bad})
			return err
		}, retain.EINVALID},
		{"duplicate external id", func() error {
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall, Summary: "Again", ExternalID: &ext})
			return err
		}, retain.ECONFLICT},
		{"promise owner outside the workspace", func() error {
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall, Summary: "Hi",
				Promise: &retain.PromiseInput{Description: "Call back", DueAt: f.d.Now().Add(time.Hour), OwnerID: &ghost}})
			return err
		}, retain.EINVALID},
		{"invalid channel", func() error {
			_, err := acts.LogInteraction(f.as("admin"), retain.InteractionInput{CustomerID: f.custA, Channel: "SHOUT", Summary: "Hi"})
			return err
		}, retain.EINVALID},
		{"complaint for a customer of another agent", func() error {
			_, err := complaints.OpenComplaint(f.as("agentA"), retain.ComplaintInput{CustomerID: f.custB, Category: retain.CategoryDelivery,
				Severity: retain.SeverityMedium, Description: "Late"})
			return err
		}, retain.ENOTFOUND},
		{"complaint owner outside the workspace", func() error {
			_, err := complaints.OpenComplaint(f.as("agentA"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryDelivery,
				Severity: retain.SeverityLow, Description: "Late", OwnerID: &ghost})
			return err
		}, retain.EINVALID},
		{"complaint without a description", func() error {
			_, err := complaints.OpenComplaint(f.as("agentA"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryDelivery,
				Severity: retain.SeverityMedium})
			return err
		}, retain.EINVALID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantCode(t, c.do(), c.code)
			if s := f.state(f.custA); s != stateA {
				t.Errorf("customer A changed:\n%s\n%s", stateA, s)
			}
			if s := f.state(f.custB); s != stateB {
				t.Errorf("customer B changed:\n%s\n%s", stateB, s)
			}
		})
	}
	f.noOpenTransactions()
	// The connections are fine afterwards.
	if _, err := acts.LogInteraction(f.as("agentB"), retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelCall, Summary: "Hi"}); err != nil {
		t.Fatal(err)
	}
	f.fresh()
}

func TestPipelinedInteractionWithPromise(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	acts := &db.ActivityService{DB: f.d}
	it, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall, Summary: "Promised a refund",
		Promise: &retain.PromiseInput{Description: "Refund", DueAt: f.d.Now().Add(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	var owner string
	if err := f.d.QueryRowContext(context.Background(), "SELECT owner_id::text FROM promises WHERE interaction_id = ? AND customer_id = ? AND status = 'OPEN'",
		it.ID, f.custA).Scan(&owner); err != nil || owner != f.users["agentA"].ID {
		t.Fatalf("promise: owner %q, %v", owner, err)
	}
	// The promise is audited before the interaction it was made in.
	var actions []string
	if err := f.d.NewSelect().TableExpr("audit_log").Column("action").Where("action IN ('promise.create', 'interaction.log')").
		OrderExpr("id").Scan(context.Background(), &actions); err != nil {
		t.Fatal(err)
	}
	if strings.Join(actions, ",") != "promise.create,interaction.log" {
		t.Errorf("audit order %v", actions)
	}
	f.fresh()

	// An integration token has no user: the promise goes to the customer's
	// owner.
	tok := retain.WithActor(context.Background(), &retain.Actor{WorkspaceID: f.ws, TokenID: db.NewID(),
		Scopes: []string{retain.ScopeActivityWrite, retain.ScopeCustomersRead}})
	it, err = acts.LogInteraction(tok, retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelEmail, Summary: "From the shop",
		Promise: &retain.PromiseInput{Description: "Ship", DueAt: f.d.Now().Add(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	if it.UserID != nil {
		t.Error("an integration's interaction has a user")
	}
	if err := f.d.QueryRowContext(context.Background(), "SELECT owner_id::text FROM promises WHERE interaction_id = ?", it.ID).Scan(&owner); err != nil ||
		owner != f.users["agentB"].ID {
		t.Errorf("integration promise owner %q (%v), want the customer's owner", owner, err)
	}
	f.fresh()
}

func TestPipelinedWriteAlerts(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	acts := &db.ActivityService{DB: f.d}
	// A complaint whose deadline passed unanswered, stored behind the
	// scorer's back: the next write's rescore raises its breach alert once.
	opened := f.d.Now().Add(-72 * time.Hour)
	k := db.NewID()
	f.exec(`INSERT INTO complaints (id, workspace_id, customer_id, owner_id, category, severity, channel, description, opened_at, response_due_at)
		VALUES (?, ?, ?, ?, 'QUALITY', 'HIGH', 'CALL', 'Broken', ?, ?)`, k, f.ws, f.custA, f.users["agentA"].ID, opened, opened.Add(time.Hour))
	for i := range 2 {
		f.clock.Advance(time.Minute)
		if _, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
			Summary: fmt.Sprint("Call ", i)}); err != nil {
			t.Fatal(err)
		}
		if n := f.int("SELECT count(*) FROM alerts WHERE kind = 'DEADLINE_BREACHED' AND subject_id = ? AND customer_id = ?", k, f.custA); n != 1 {
			t.Fatalf("after write %d: %d breach alerts, want 1", i+1, n)
		}
		if n := f.int("SELECT count(*) FROM event_outbox e JOIN alerts a ON a.id = e.entity_id WHERE e.kind = 'ALERT' AND a.subject_id = ?", k); n != 1 {
			t.Fatalf("after write %d: %d ALERT events, want 1", i+1, n)
		}
	}
	f.fresh()

	// With alerting off the score stays fresh, and nothing is stored or
	// queued.
	f.d.AlertingOff = true
	k2 := db.NewID()
	f.exec(`INSERT INTO complaints (id, workspace_id, customer_id, owner_id, category, severity, channel, description, opened_at, response_due_at)
		VALUES (?, ?, ?, ?, 'QUALITY', 'HIGH', 'CALL', 'Broken', ?, ?)`, k2, f.ws, f.custB, f.users["agentB"].ID, opened, opened.Add(time.Hour))
	events, alerts := f.int("SELECT count(*) FROM event_outbox"), f.int("SELECT count(*) FROM alerts")
	if _, err := acts.LogInteraction(f.as("agentB"), retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelCall, Summary: "Sorry"}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&db.ComplaintService{DB: f.d}).OpenComplaint(f.as("agentB"), retain.ComplaintInput{CustomerID: f.custB,
		Category: retain.CategoryBilling, Severity: retain.SeverityMedium, Description: "Charged twice"}); err != nil {
		t.Fatal(err)
	}
	if e, a := f.int("SELECT count(*) FROM event_outbox"), f.int("SELECT count(*) FROM alerts"); e != events || a != alerts {
		t.Errorf("alerting off queued %d events and stored %d alerts", e-events, a-alerts)
	}
	if n := f.int("SELECT count(*) FROM customers WHERE id = ? AND risk_updated_at = ? AND risk_factors::text LIKE '%open_complaints%'", f.custB, f.d.Now()); n != 1 {
		t.Error("alerting off: not rescored")
	}
	f.d.AlertingOff = false
}

func TestPipelinedOpenComplaint(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	svc := &db.ComplaintService{DB: f.d}
	version := f.int("SELECT version FROM customers WHERE id = ?", f.custA)
	k, err := svc.OpenComplaint(f.as("agentA"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryDelivery,
		Severity: retain.SeverityMedium, Description: "The delivery came two days late"})
	if err != nil {
		t.Fatal(err)
	}
	now := f.d.Now()
	if k.OwnerID != f.users["agentA"].ID || k.Status != retain.ComplaintOpen || k.Version != 1 || !k.OpenedAt.Equal(now) ||
		!k.ResponseDueAt.Equal(retain.ResponseDeadline(now, f.sla, retain.SeverityMedium)) || k.CustomerID != f.custA {
		t.Errorf("returned complaint %+v", k)
	}
	if n := f.int("SELECT count(*) FROM complaints WHERE id = ? AND customer_id = ? AND owner_id = ? AND response_due_at = ? AND status = 'OPEN'",
		k.ID, f.custA, k.OwnerID, k.ResponseDueAt); n != 1 {
		t.Error("complaint not stored as returned")
	}
	if n := f.int("SELECT count(*) FROM audit_log WHERE action = 'complaint.open' AND entity_id = ? AND after->>'Description' = ?", k.ID, k.Description); n != 1 {
		t.Error("no audit row")
	}
	if n := f.int("SELECT count(*) FROM customers WHERE id = ? AND risk_updated_at = ? AND risk_factors::text LIKE '%open_complaints%' AND version = ?",
		f.custA, now, version); n != 1 {
		t.Error("not rescored in the same transaction, or the customer's version moved")
	}
	if n := f.int("SELECT count(*) FROM event_outbox WHERE kind = 'RISK' AND entity_id = ?", f.custA); n != 1 {
		t.Errorf("%d RISK events", n)
	}
	f.fresh()

	// Another owner, and the manager sees the team's customers.
	other := f.users["agentB"].ID
	k, err = svc.OpenComplaint(f.as("manager"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryBilling,
		Severity: retain.SeverityLow, Description: "Invoice wrong", OwnerID: &other})
	if err != nil {
		t.Fatal(err)
	}
	if k.OwnerID != other {
		t.Errorf("owner %s, want %s", k.OwnerID, other)
	}
	// Severe complaints keep the classic path: alert and recovery playbook.
	f.clock.Advance(time.Minute)
	k, err = svc.OpenComplaint(f.as("agentA"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryQuality,
		Severity: retain.SeverityCritical, Description: "Broken on arrival"})
	if err != nil {
		t.Fatal(err)
	}
	if n := f.int("SELECT count(*) FROM alerts WHERE kind = 'CRITICAL_COMPLAINT' AND subject_id = ?", k.ID); n != 1 {
		t.Error("no critical complaint alert")
	}
	f.fresh()
	f.noOpenTransactions()
}

func TestPipelinedWritesConcurrently(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	acts := &db.ActivityService{DB: f.d}
	complaints := &db.ComplaintService{DB: f.d}
	const n = 12
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			s := i%5 - 2
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
				Summary: fmt.Sprint("Call ", i), Sentiment: &s})
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := complaints.OpenComplaint(f.as("manager"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryDelivery,
				Severity: retain.SeverityMedium, Description: fmt.Sprint("Late ", i)})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := f.int("SELECT count(*) FROM interactions WHERE customer_id = ?", f.custA); got != n {
		t.Errorf("%d interactions, want %d", got, n)
	}
	if got := f.int("SELECT count(*) FROM complaints WHERE customer_id = ?", f.custA); got != n {
		t.Errorf("%d complaints, want %d", got, n)
	}
	// Each write rescored after the ones before it (the customer row is
	// locked first): the last score is the fresh one.
	f.fresh()
	f.noOpenTransactions()
}

// TestAuthenticateEveryRequest: the user behind an access token is read on
// every request, so a role change, a deactivation or a revoked integration
// token takes effect on the very next one.
func TestAuthenticateEveryRequest(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	ctx := context.Background()
	svc := f.authService(t)
	issuer := svc.Issuer
	sess, err := svc.Login(ctx, "agenta@writes.test", writePassword)
	if err != nil {
		t.Fatal(err)
	}
	a, err := svc.Authenticate(ctx, sess.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	u := f.users["agentA"]
	if a.UserID != u.ID || a.WorkspaceID != f.ws || a.Role != retain.RoleAgent || a.ManagerID != f.users["manager"].ID || a.TokenID != "" {
		t.Fatalf("actor %+v", a)
	}
	users := &db.UserService{DB: f.d, Passwords: auth.Passwords{Cost: 4}}
	role := retain.RoleManager
	if _, err := users.UpdateUser(f.as("admin"), u.ID, retain.UserPatch{Version: u.Version, Role: &role, ClearManager: true}); err != nil {
		t.Fatal(err)
	}
	if a, err = svc.Authenticate(ctx, sess.AccessToken); err != nil || a.Role != retain.RoleManager || a.ManagerID != "" {
		t.Fatalf("after the role change: %+v, %v", a, err)
	}
	if _, err := users.DeactivateUser(f.as("admin"), u.ID, nil); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Authenticate(ctx, sess.AccessToken)
	wantCode(t, err, retain.EUNAUTHENTICATED)
	// A token of another workspace's user id, or garbage, is refused too.
	_, err = svc.Authenticate(ctx, "not-a-token")
	wantCode(t, err, retain.EUNAUTHENTICATED)

	tokens := &db.APITokenService{DB: f.d, Issuer: issuer}
	tok, jwt, err := tokens.CreateAPIToken(f.as("admin"), retain.APITokenInput{Name: "shop", Scopes: []string{retain.ScopeActivityWrite}, TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if a, err = svc.Authenticate(ctx, jwt); err != nil || a.TokenID != tok.ID || a.UserID != "" {
		t.Fatalf("integration token: %+v, %v", a, err)
	}
	if _, err := tokens.RevokeAPIToken(f.as("admin"), tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Authenticate(ctx, jwt)
	wantCode(t, err, retain.EUNAUTHENTICATED)
	f.noOpenTransactions()
}

// TestWriteStatementCounts pins the round trips of the hot writes: each
// message sent to PostgreSQL is one statement event of the query counter
// (a pipelined message carries several statements). A GraphQL
// logInteraction is the user lookup plus 2 (the bare-SQL floor is 5),
// openComplaint the lookup plus 3 (floor 4).
func TestWriteStatementCounts(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	ctx := context.Background()
	authSvc := f.authService(t)
	sess, err := authSvc.Login(ctx, "agenta@writes.test", writePassword)
	if err != nil {
		t.Fatal(err)
	}
	acts := &db.ActivityService{DB: f.d}
	complaints := &db.ComplaintService{DB: f.d}
	counter := &db.QueryCounter{}
	f.d.AddQueryHook(counter)
	count := func(name string, want int, do func() error) []string {
		t.Helper()
		counter.Reset()
		if err := do(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, strings.Join(counter.Queries(), "\n--\n"))
		}
		q := counter.Queries()
		if len(q) != want {
			t.Errorf("%s: %d statements, want %d:\n%s", name, len(q), want, strings.Join(q, "\n--\n"))
		}
		return q
	}
	sentiment := -1
	for round := range 3 { // the first round prepares on its connections
		f.clock.Advance(time.Minute)
		count("authenticate", 1, func() error {
			_, err := authSvc.Authenticate(ctx, sess.AccessToken)
			return err
		})
		sentiment = -sentiment
		q := count(fmt.Sprint("logInteraction ", round), 2, func() error {
			_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
				Summary: "Call", Sentiment: &sentiment})
			return err
		})
		if len(q) == 2 && (!strings.HasPrefix(q[0], "BEGIN") || !strings.Contains(q[0], "EXECUTE retain_w") ||
			!strings.Contains(q[0], "EXECUTE retain_signals_one") || !strings.HasSuffix(q[1], "COMMIT")) {
			t.Errorf("logInteraction messages:\n%s", strings.Join(q, "\n--\n"))
		}
		q = count(fmt.Sprint("openComplaint ", round), 3, func() error {
			_, err := complaints.OpenComplaint(f.as("agentA"), retain.ComplaintInput{CustomerID: f.custA, Category: retain.CategoryDelivery,
				Severity: retain.SeverityMedium, Description: "Late"})
			return err
		})
		if len(q) == 3 && (!strings.HasPrefix(q[0], "BEGIN") || !strings.Contains(q[0], "EXECUTE retain_w") ||
			!strings.Contains(q[1], "EXECUTE retain_signals_one") || !strings.HasSuffix(q[2], "COMMIT")) {
			t.Errorf("openComplaint messages:\n%s", strings.Join(q, "\n--\n"))
		}
	}
	// With a promise: the write, the promise and its audit row, the
	// interaction's audit row with the signals, the score with COMMIT.
	count("logInteraction with a promise", 5, func() error {
		_, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
			Summary: "Call", Promise: &retain.PromiseInput{Description: "Call back", DueAt: f.d.Now().Add(time.Hour)}})
		return err
	})
	// Refusals: a validation error sends nothing; a customer the actor may
	// not see costs the write and its ROLLBACK.
	bad := 9
	counter.Reset()
	_, err = acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall, Summary: "x", Sentiment: &bad})
	wantCode(t, err, retain.EINVALID)
	if n := counter.Count(); n != 0 {
		t.Errorf("a validation error sent %d statements", n)
	}
	counter.Reset()
	_, err = acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelCall, Summary: "x"})
	wantCode(t, err, retain.ENOTFOUND)
	if q := counter.Queries(); len(q) != 2 || q[1] != "ROLLBACK" {
		t.Errorf("a refused write sent %q", q)
	}
	var ae *retain.Error
	if !errors.As(err, &ae) {
		t.Errorf("not an application error: %T", err)
	}
}

// TestPipelinedFailureKeepsConnection: a write refused in the message that
// also prepared its statements leaves the connection usable; what it holds
// is read back, so the next write neither prepares again (an error) nor
// runs a statement it does not hold.
func TestPipelinedFailureKeepsConnection(t *testing.T) {
	t.Parallel()
	f := newWriteFixture(t)
	ctx := context.Background()
	one, err := db.Open(ctx, dbtest.DSN(t, f.d), db.Options{MaxConns: 1}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	one.Now = f.clock.Now
	counter := &db.QueryCounter{}
	one.AddQueryHook(counter)
	acts := &db.ActivityService{DB: one}
	_, err = acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custB, Channel: retain.ChannelCall, Summary: "x"})
	wantCode(t, err, retain.ENOTFOUND)
	q := counter.Queries()
	if len(q) != 3 || !strings.Contains(q[0], "PREPARE retain_signals_one") || q[1] != "ROLLBACK" || !strings.Contains(q[2], "pg_prepared_statements") {
		t.Fatalf("refused first write sent:\n%s", strings.Join(q, "\n--\n"))
	}
	for i := range 2 {
		counter.Reset()
		if _, err := acts.LogInteraction(f.as("agentA"), retain.InteractionInput{CustomerID: f.custA, Channel: retain.ChannelCall,
			Summary: fmt.Sprint("Call ", i)}); err != nil {
			t.Fatal(err)
		}
		if q := counter.Queries(); len(q) != 2 || strings.Contains(q[0], "PREPARE") {
			t.Fatalf("write %d after the refusal sent:\n%s", i, strings.Join(q, "\n--\n"))
		}
	}
	f.fresh()
	f.noOpenTransactions()
}
