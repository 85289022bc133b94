package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

const listQuery = `query List($owner: ID!) {
  customers(first: 50, orderBy: RISK_DESC, filter: {ownerIds: [$owner]}) {
    edges { node { id name riskScore riskLevel owner { name } relationshipType { name } openComplaintCount } }
  }
}`

// listSQL is the same page as the single best hand-written statement: the
// owner index in risk order, two key lookups and the open-complaint count
// through the partial index of open complaints.
const listSQL = `
SELECT c.id, c.name, c.risk_score, c.risk_level, u.name, rt.name,
  (SELECT count(*) FROM complaints k WHERE k.workspace_id = c.workspace_id AND k.customer_id = c.id
     AND k.status IN ('OPEN','ACKNOWLEDGED','REMEDIATING')) AS open_complaints
FROM customers c
JOIN users u ON u.id = c.owner_id
JOIN relationship_types rt ON rt.id = c.relationship_type_id
WHERE c.workspace_id = ?0 AND c.owner_id = ?1 AND c.archived_at IS NULL
ORDER BY c.risk_score DESC, c.id DESC
LIMIT 50`

const pageQuery = `query Page($id: ID!) {
  customer(id: $id) {
    id name company email phone city stage tier riskScore riskLevel lastContactAt openComplaintCount
    owner { name } relationshipType { name }
    riskFactors { key points message params text(lang: "en") }
    timeline(first: 20) { edges { node { kind at id
      interaction { id channel summary sentiment }
      complaint { id severity status responseDueAt }
      promise { id description status dueAt }
      stageChange { id toStage }
      alert { id kind } } } }
  }
}`

const logInteraction = `mutation($c: ID!, $s: String!) {
  logInteraction(input: {customerId: $c, channel: CALL, summary: $s, sentiment: 1}) { id }
}`

const openComplaint = `mutation($c: ID!) {
  openComplaint(input: {customerId: $c, category: DELIVERY, severity: MEDIUM, description: "The delivery came two days late"}) { id }
}`

const searchQuery = `query($q: String!) {
  customers(first: 20, filter: {search: $q}) { edges { node { id name company riskScore } } }
}`

var (
	searchEN = []string{"Northwind", "Summit Foods", "Evergreen", "Atlas Hotels", "Keystone", "customer4242", "Blue Harbor", "Redwood"}
	searchZH = []string{"恒通", "华盛贸易", "鑫源科技", "宏达", "瑞丰", "嘉禾物流", "王伟", "天成实业"}
)

// agent is a signed-in user with the customers they own.
type agent struct {
	*gql
	id, workspace string
	customers     []string
}

func signIn(ctx context.Context, srv *server, httpc *http.Client, bench *bun.DB, email string) (*agent, error) {
	g, err := login(ctx, srv.addr, httpc, email)
	if err != nil {
		return nil, err
	}
	a := &agent{gql: g}
	if err := bench.QueryRowContext(ctx, "SELECT id, workspace_id FROM users WHERE lower(email) = lower(?)", email).Scan(&a.id, &a.workspace); err != nil {
		return nil, err
	}
	rows, err := bench.QueryContext(ctx, "SELECT id FROM customers WHERE owner_id = ? AND archived_at IS NULL ORDER BY id LIMIT 2000", a.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		a.customers = append(a.customers, id)
	}
	return a, rows.Err()
}

// pick spreads clients over disjoint customers so writers do not queue on
// one customer's row lock.
func (a *agent) pick(client, clients, i int) string {
	per := len(a.customers) / clients
	return a.customers[client*per+i%per]
}

func benchWorkloads(ctx context.Context, o options, dsn string, bench *bun.DB, rep *report) error {
	srv, err := startServer("server-a", dsn)
	if err != nil {
		return err
	}
	defer srv.stop()
	httpc := newHTTPClient(32)
	reader, err := signIn(ctx, srv, httpc, bench, "agent1@retain.demo")
	if err != nil {
		return err
	}
	writer, err := signIn(ctx, srv, httpc, bench, "agent2@retain.demo")
	if err != nil {
		return err
	}
	admin, err := signIn(ctx, srv, httpc, bench, "admin@retain.demo")
	if err != nil {
		return err
	}
	logf("  agent1 owns %d customers", len(reader.customers))
	floor := openDB(dsn, 16)
	defer floor.Close()

	list := func(ctx context.Context, _, _ int) error {
		var out struct {
			Customers struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := reader.do(ctx, listQuery, map[string]any{"owner": reader.id}, &out); err != nil {
			return err
		}
		if len(out.Customers.Edges) != 50 {
			return fmt.Errorf("list page has %d rows", len(out.Customers.Edges))
		}
		return nil
	}
	listFloor := func(ctx context.Context, _, _ int) error {
		rows, err := floor.QueryContext(ctx, listSQL, reader.workspace, reader.id)
		if err != nil {
			return err
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var id, name, level, owner, typ string
			var score, open int
			if err := rows.Scan(&id, &name, &score, &level, &owner, &typ, &open); err != nil {
				return err
			}
			n++
		}
		if n != 50 {
			return fmt.Errorf("list floor has %d rows", n)
		}
		return rows.Err()
	}
	page := func(ctx context.Context, k, i int) error {
		return reader.do(ctx, pageQuery, map[string]any{"id": reader.pick(k, 16, i*7)}, nil)
	}
	writeInteraction := func(ctx context.Context, k, i int) error {
		return writer.do(ctx, logInteraction, map[string]any{"c": writer.pick(k, 16, i), "s": "Benchmark call " + fmt.Sprint(i)}, nil)
	}
	floorInteraction := func(ctx context.Context, k, i int) error {
		return bareInteraction(ctx, floor, writer, writer.pick(k, 16, i), i)
	}
	writeComplaint := func(ctx context.Context, k, i int) error {
		return writer.do(ctx, openComplaint, map[string]any{"c": writer.pick(k, 16, i+500)}, nil)
	}
	floorComplaint := func(ctx context.Context, k, i int) error {
		return bareComplaint(ctx, floor, writer, writer.pick(k, 16, i+500))
	}
	search := func(words []string) op {
		return func(ctx context.Context, k, i int) error {
			return admin.do(ctx, searchQuery, map[string]any{"q": words[(k+i)%len(words)]}, nil)
		}
	}
	type wl struct {
		name string
		o    op
		srv  *server
	}
	wls := []wl{
		{"list page (GraphQL)", list, srv}, {"list page (bare SQL floor)", listFloor, nil},
		{"customer page (GraphQL)", page, srv},
		{"logInteraction (GraphQL)", writeInteraction, srv}, {"interaction insert (bare SQL)", floorInteraction, nil},
		{"openComplaint (GraphQL)", writeComplaint, srv}, {"complaint insert (bare SQL)", floorComplaint, nil},
		{"search English (GraphQL)", search(searchEN), srv}, {"search Chinese (GraphQL)", search(searchZH), srv},
	}
	for _, c := range []int{4, 16} {
		for _, w := range wls {
			if o.only != "" && !matchAny(w.name, o.only) {
				continue
			}
			var wait func() string
			file, profiled := profiledWorkloads[fmt.Sprint(w.name, "@", c)]
			if profiled {
				wait = profile(srv, file, o.warmup, min(o.duration, 15*time.Second))
			}
			rep.Workloads = append(rep.Workloads, run(w.name, c, o.warmup, o.duration, w.srv, w.o))
			if wait != nil {
				if top := wait(); top != "" {
					rep.Profiles = append(rep.Profiles, profileTop{Name: fmt.Sprintf("%s, %d clients (CPU)", w.name, c), Top: top})
				}
			}
		}
	}
	return nil
}

// profiledWorkloads names the CPU profile file of each profiled "workload@clients".
var profiledWorkloads = map[string]string{
	"list page (GraphQL)@16":    "list-c16",
	"customer page (GraphQL)@4": "customer-page-c4",
}

// bareInteraction writes what logInteraction writes, by hand: the
// interaction, the customer's last contact and the audit row, in one
// transaction (no rescoring, no alerting).
func bareInteraction(ctx context.Context, d *bun.DB, a *agent, customer string, i int) error {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := time.Now().UTC()
	id := uuid.Must(uuid.NewV7()).String()
	if _, err := tx.ExecContext(ctx, `INSERT INTO interactions (id, workspace_id, customer_id, user_id, channel, direction, occurred_at, summary, sentiment, created_at)
		VALUES (?, ?, ?, ?, 'CALL', 'OUTBOUND', ?, ?, 1, ?)`, id, a.workspace, customer, a.id, now, "Benchmark call "+fmt.Sprint(i), now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE customers SET last_contact_at = greatest(last_contact_at, ?) WHERE id = ?", now, customer); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (workspace_id, actor_user_id, action, entity_type, entity_id, after)
		VALUES (?, ?, 'interaction.log', 'interaction', ?, '{}')`, a.workspace, a.id, id); err != nil {
		return err
	}
	return tx.Commit()
}

// bareComplaint writes the complaint and its audit row by hand.
func bareComplaint(ctx context.Context, d *bun.DB, a *agent, customer string) error {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := time.Now().UTC()
	id := uuid.Must(uuid.NewV7()).String()
	if _, err := tx.ExecContext(ctx, `INSERT INTO complaints (id, workspace_id, customer_id, owner_id, category, severity, channel, description, status, opened_at, response_due_at)
		VALUES (?, ?, ?, ?, 'DELIVERY', 'MEDIUM', 'CALL', 'The delivery came two days late', 'OPEN', ?, ?)`,
		id, a.workspace, customer, a.id, now, now.Add(24*time.Hour)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (workspace_id, actor_user_id, action, entity_type, entity_id, after)
		VALUES (?, ?, 'complaint.open', 'complaint', ?, '{}')`, a.workspace, a.id, id); err != nil {
		return err
	}
	return tx.Commit()
}

type profileTop struct {
	Name string `json:"name"`
	Top  string `json:"top"`
}

// profile takes a CPU profile of the server after the warm-up; the returned
// function waits for it and returns `go tool pprof -top`.
func profile(srv *server, name string, after, d time.Duration) func() string {
	done := make(chan string, 1)
	go func() {
		time.Sleep(after)
		path := filepath.Join(dataDir, "profiles", name+".pprof")
		resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", srv.pprof, int(d.Seconds())))
		if err != nil {
			done <- ""
			return
		}
		defer resp.Body.Close()
		f, err := os.Create(path)
		if err != nil {
			done <- ""
			return
		}
		_, _ = io.Copy(f, resp.Body)
		f.Close()
		out, err := exec.Command("go", "tool", "pprof", "-top", "-nodecount=30", retainBin, path).CombinedOutput()
		if err != nil {
			done <- ""
			return
		}
		logf("  profile saved: %s", path)
		done <- string(out)
	}()
	return func() string { return <-done }
}

var _ = sql.ErrNoRows

// matchAny reports whether name contains one of the |-separated parts.
func matchAny(name, parts string) bool {
	for _, p := range strings.Split(parts, "|") {
		if p != "" && strings.Contains(name, p) {
			return true
		}
	}
	return false
}
