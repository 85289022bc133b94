package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"
	"github.com/uptrace/bun/schema"

	"github.com/retain-crm/retain"
)

// Every write rescores its customer in its own transaction with signalsSQL.
// Planning that statement (six aggregated subqueries) costs several times
// executing it for one customer, so the write path runs it as a prepared
// statement: PostgreSQL plans the first executions on a connection and then
// keeps a generic plan, and database/sql keeps one prepared copy per pooled
// connection (a transaction reuses its connection's copy).

// oneSignalsSQL is signalsSQL for one customer with native parameters:
// $1 now, $2 the workspace, $3 the customer.
func oneSignalsSQL() string {
	q := fmt.Sprintf(signalsSQL, "c.id = $3", "x.customer_id = $3", "(SELECT w.settings::text FROM workspaces w WHERE w.id = $2)", interactionsPerCustomer)
	q = strings.ReplaceAll(q, "?0", "$1::timestamptz")
	return strings.ReplaceAll(q, "?1", "$2::uuid")
}

// signalsOneStmt is the same statement for pipelined writes (below).
var signalsOneStmt = &namedStmt{name: "retain_signals_one", types: "timestamptz, uuid, uuid", sql: oneSignalsSQL()}

// readOneSignals reads one customer's signals through the prepared
// statement, inside the caller's transaction if there is one.
func readOneSignals(ctx context.Context, idb bun.IDB, db *DB, workspaceID, customerID string, now time.Time) ([]signalRow, error) {
	if db == nil || db.DB == nil || !retain.ValidID(customerID) || !retain.ValidID(workspaceID) {
		return readSignals(ctx, idb, workspaceID, customerSet{IDs: []string{customerID}}, now)
	}
	stmt, err := db.prepared(ctx, signalsOneStmt.sql)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	switch t := idb.(type) {
	case bun.Tx:
		rows, err = t.Tx.StmtContext(ctx, stmt).QueryContext(ctx, now, workspaceID, customerID)
	case *bun.DB:
		rows, err = stmt.QueryContext(ctx, now, workspaceID, customerID)
	default:
		return readSignals(ctx, idb, workspaceID, customerSet{IDs: []string{customerID}}, now)
	}
	if err != nil {
		return nil, err
	}
	return scanSignals(rows)
}

// The two hottest mutations (logInteraction, openComplaint) and the
// per-request user lookup go further: they run on one pinned connection and
// send several statements in one message. pgdriver speaks PostgreSQL's
// simple query protocol, which runs the statements of a message in order and
// stops at the first error, so BEGIN travels with the first statement of a
// transaction and COMMIT with the last, and the statements that used to be
// separate round trips (the locked read, the inserts, the last-contact
// update, the audit row, the risk signals) share messages. A message may
// return rows from its last statement only (pgdriver reads one result set).
// Their fixed statements are prepared with SQL-level PREPARE, once per
// connection, in the message that first needs them: EXECUTE fits in a
// message, the protocol-level prepared statements above do not.

// namedStmt is a statement prepared by name on each connection that runs it.
type namedStmt struct {
	name  string
	types string // parameter types, for PREPARE
	sql   string
}

func (s *namedStmt) prepare() string {
	if s.types == "" {
		// PostgreSQL infers the parameters' types from the statement.
		return "PREPARE " + s.name + " AS " + s.sql
	}
	return "PREPARE " + s.name + " (" + s.types + ") AS " + s.sql
}

// stmtText is a statement written with its values as parameters ($1, $2,
// …) next to their arguments rendered as bun renders values, so that
// statements differing only in values share one prepared text and plan.
type stmtText struct {
	gen   schema.QueryGen
	names *statementNames
	b     strings.Builder
	args  []string
}

func newStmtText(db *DB) *stmtText {
	return &stmtText{gen: db.DB.QueryGen(), names: &db.pipelined.names}
}

// pipelineMemory is what pipelined writes keep per database handle: the
// names of the statements written with stmtText, and what each pooled
// connection has prepared.
type pipelineMemory struct {
	names    statementNames
	prepared connStatements
}

func (s *stmtText) write(parts ...string) {
	for _, p := range parts {
		s.b.WriteString(p)
	}
}

// param adds v as the next parameter and returns its placeholder.
func (s *stmtText) param(v any) string {
	return s.rendered(string(s.gen.AppendQuery(nil, "?", v)))
}

func (s *stmtText) rendered(arg string) string {
	s.args = append(s.args, arg)
	return "$" + strconv.Itoa(len(s.args))
}

// ids turns rendered SQL into text with parameters: every quoted literal
// of one of ids becomes that id's parameter. Ids are UUIDs and appear in
// rendered SQL only as such literals; the rule that wrote them (the
// visibility rule, scope.go) stays the only place it is written.
func (s *stmtText) ids(rendered string, ids ...string) string {
	for _, id := range ids {
		if lit := "'" + id + "'"; id != "" && strings.Contains(rendered, lit) {
			rendered = strings.ReplaceAll(rendered, lit, s.param(id))
		}
	}
	return rendered
}

// insert writes the INSERT of a bun model (every column bun inserts, a nil
// pointer as NULL where bun writes DEFAULT: the same for every column with
// no default), with SQL expressions instead of parameters for the columns
// in exprs.
func (s *stmtText) insert(model any, exprs map[string]string) {
	v := reflect.Indirect(reflect.ValueOf(model))
	t := s.gen.Dialect().Tables().Get(v.Type())
	s.write("INSERT INTO ", string(t.SQLName), " (")
	for i, f := range t.Fields {
		if i > 0 {
			s.write(", ")
		}
		s.write(string(f.SQLName))
	}
	s.write(") VALUES (")
	for i, f := range t.Fields {
		if i > 0 {
			s.write(", ")
		}
		if e, ok := exprs[f.Name]; ok {
			s.write(e)
		} else {
			s.write(s.rendered(string(f.AppendValue(s.gen, nil, v))))
		}
	}
	s.write(")")
}

// statementNames names the statements written with stmtText by their
// text; there are a handful (one per statement and shape of the
// visibility rule).
type statementNames struct {
	byText sync.Map // string → *namedStmt
	n      atomic.Int32
}

// maxStatementNames bounds how many texts are named (and so prepared on
// each connection).
const maxStatementNames = 64

// stmt returns the prepared statement of s's text, or nil if the text is
// not a fixed one: a quote means a value was left in it (say, the rule in
// scope.go came to render something other than ids), and preparing per
// value would fill every connection with statements.
func (s *stmtText) stmt() *namedStmt {
	text := s.b.String()
	if v, ok := s.names.byText.Load(text); ok {
		return v.(*namedStmt)
	}
	if strings.ContainsRune(text, '\'') || s.names.n.Load() >= maxStatementNames {
		return nil
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(text))
	v, loaded := s.names.byText.LoadOrStore(text, &namedStmt{name: fmt.Sprintf("retain_w%016x", h.Sum64()), sql: text})
	if !loaded {
		s.names.n.Add(1)
	}
	return v.(*namedStmt)
}

// inline is s with its arguments in place of the parameters (outside
// quoted literals, in one pass: an argument may contain "$1").
func (s *stmtText) inline() string {
	text := s.b.String()
	var b strings.Builder
	quoted := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\'' {
			quoted = !quoted
		}
		if c != '$' || quoted {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(text[i+1 : j])
		if err != nil || n < 1 || n > len(s.args) {
			b.WriteByte(c)
			continue
		}
		b.WriteString(s.args[n-1])
		i = j - 1
	}
	return b.String()
}

// connStatements records the statements prepared on each live
// connection; a connection's entry goes with it (weak key, cleanup when
// collected). The set itself is only touched while its connection is
// checked out, by the one goroutine that holds it.
type connStatements struct {
	m sync.Map // weak.Pointer[pgdriver.Conn] → map[string]bool
}

// of returns the set of statements prepared on conn's connection, or nil
// when the driver is not pgdriver.
func (cs *connStatements) of(conn bun.Conn) map[string]bool {
	var set map[string]bool
	_ = conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgdriver.Conn)
		if !ok {
			return nil
		}
		key := weak.Make(pc)
		if v, ok := cs.m.Load(key); ok {
			set = v.(map[string]bool)
			return nil
		}
		set = map[string]bool{}
		cs.m.Store(key, set)
		runtime.AddCleanup(pc, func(k weak.Pointer[pgdriver.Conn]) { cs.m.Delete(k) }, key)
		return nil
	})
	return set
}

// pinned is one checked-out connection that sends statements in messages.
type pinned struct {
	conn     bun.Conn
	gen      schema.QueryGen
	prepared map[string]bool
	// preparing are the PREPAREs the next message carries.
	preparing []*namedStmt
	// unsure marks a connection where a message with PREPAREs failed: some
	// of them may have run. release asks the connection what it holds.
	unsure bool
	// bad marks a connection that could not end its transaction or say
	// what it holds: it is closed instead of going back to the pool.
	bad bool
}

func (db *DB) pin(ctx context.Context) (*pinned, error) {
	conn, err := db.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	p := &pinned{conn: conn, gen: db.DB.QueryGen(), prepared: db.pipelined.prepared.of(conn)}
	if p.prepared == nil {
		// Not pgdriver (db.Open always uses it): nothing can say what the
		// connection holds, so it is used once and closed.
		p.prepared, p.bad = map[string]bool{}, true
	}
	return p, nil
}

// format renders a statement with its arguments as bun does.
func (p *pinned) format(query string, args ...any) string {
	return p.gen.FormatQuery(query, args...)
}

// execute returns the statement that runs s with args, preparing s in the
// same message when this connection has not prepared it yet.
func (p *pinned) execute(s *namedStmt, args ...any) string {
	if !p.prepared[s.name] && !slices.Contains(p.preparing, s) {
		p.preparing = append(p.preparing, s)
	}
	return p.executeArgs(s, args)
}

func (p *pinned) executeArgs(s *namedStmt, args []any) string {
	b := []byte("EXECUTE " + s.name + " (")
	for i, a := range args {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = p.gen.AppendQuery(b, "?", a)
	}
	return string(append(b, ')'))
}

// executeText is execute for a statement written with stmtText.
func (p *pinned) executeText(st *stmtText) string {
	s := st.stmt()
	if s == nil {
		return st.inline()
	}
	args := make([]any, len(st.args))
	for i, a := range st.args {
		args[i] = bun.Safe(a)
	}
	return p.execute(s, args...)
}

// message joins head (BEGIN, if any), the pending PREPAREs and stmts.
func (p *pinned) message(head string, stmts []string) (string, []*namedStmt) {
	parts := make([]string, 0, len(stmts)+len(p.preparing)+1)
	if head != "" {
		parts = append(parts, head)
	}
	for _, s := range p.preparing {
		parts = append(parts, s.prepare())
	}
	parts = append(parts, stmts...)
	sent := p.preparing
	p.preparing = nil
	return strings.Join(parts, ";\n"), sent
}

// settle records the outcome of a message that carried PREPAREs.
func (p *pinned) settle(sent []*namedStmt, err error) {
	switch {
	case len(sent) == 0:
	case err != nil:
		p.unsure = true
	default:
		for _, s := range sent {
			p.prepared[s.name] = true
		}
	}
}

// release returns the connection to the pool, or closes it if its state is
// unknown.
func (p *pinned) release() {
	if p.unsure && !p.bad {
		p.resync()
	}
	if p.bad {
		_ = p.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = p.conn.Close()
}

// resync reads which statements the connection has prepared, after a
// message with PREPAREs failed (outside a transaction).
func (p *pinned) resync() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var names []string
	if err := p.conn.NewSelect().TableExpr("pg_prepared_statements").Column("name").Scan(ctx, &names); err != nil {
		p.bad = true
		return
	}
	clear(p.prepared)
	for _, n := range names {
		p.prepared[n] = true
	}
	p.unsure = false
}

// query sends one message whose last statement returns rows and hands them
// to scan (the rows are closed afterwards).
func (p *pinned) query(ctx context.Context, head string, stmts []string, scan func(*sql.Rows) error) error {
	msg, sent := p.message(head, stmts)
	rows, err := p.conn.QueryContext(ctx, msg)
	if err == nil {
		err = scan(rows)
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = rows.Err()
		}
	}
	p.settle(sent, err)
	return err
}

// exec sends one message whose statements return no rows.
func (p *pinned) exec(ctx context.Context, head string, stmts []string) error {
	msg, sent := p.message(head, stmts)
	_, err := p.conn.ExecContext(ctx, msg)
	p.settle(sent, err)
	return err
}

// pipeTx is a transaction on a pinned connection whose BEGIN goes with the
// first message and whose COMMIT goes with the last.
type pipeTx struct {
	*pinned
	begun, committed bool
}

// IDB is the connection for statements sent on their own (the transaction
// has begun: call it after the first message).
func (t *pipeTx) IDB() bun.IDB { return t.conn }

// head starts the transaction: its prepared statements run their generic
// plans from the first execution (by default PostgreSQL plans the first
// five executions on each connection for their values; the signals
// statement alone took tens of milliseconds to plan on the loaded machine).
func (t *pipeTx) head() string {
	if t.begun {
		return ""
	}
	t.begun = true
	return "BEGIN;\nSET LOCAL plan_cache_mode = force_generic_plan"
}

// query sends stmts (BEGIN first if this is the first message); the last
// returns rows for scan.
func (t *pipeTx) query(ctx context.Context, scan func(*sql.Rows) error, stmts ...string) error {
	return t.pinned.query(ctx, t.head(), stmts, scan)
}

// commit sends stmts (none returning rows) and COMMIT as one message.
func (t *pipeTx) commit(ctx context.Context, stmts ...string) error {
	if err := t.pinned.exec(ctx, t.head(), append(stmts, "COMMIT")); err != nil {
		return err
	}
	t.committed = true
	return nil
}

// rollback ends a transaction that failed. A connection that cannot say
// ROLLBACK is closed, never returned to the pool inside a transaction.
func (t *pipeTx) rollback(ctx context.Context) {
	if !t.begun || t.committed {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := t.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.bad = true
	}
}

// pipeline runs fn in a pipelined transaction with the same context as
// DB.tx (alerting switch, wake-up of the relay after a commit that queued
// events) and translates its error. fn ends with t.commit; if it returns
// without committing, the transaction commits here.
func (db *DB) pipeline(ctx context.Context, fn func(ctx context.Context, t *pipeTx) error) (err error) {
	queued := false
	ctx = withAlerting(context.WithValue(ctx, queuedKey{}, &queued), !db.AlertingOff)
	p, err := db.pin(ctx)
	if err != nil {
		return translate(err)
	}
	t := &pipeTx{pinned: p}
	defer func() {
		if r := recover(); r != nil {
			t.bad = true
			t.release()
			panic(r)
		}
		t.release()
		if err == nil && queued {
			db.wake()
		}
	}()
	if err = fn(ctx, t); err == nil && !t.committed {
		err = t.commit(ctx)
	}
	if err != nil {
		t.rollback(ctx)
	}
	return translate(err)
}

// signals returns the statement reading one customer's risk signals at now
// (the last statement of a message: it returns the rows for scanSignals).
func (t *pipeTx) signals(workspaceID, customerID string, now time.Time) string {
	return t.execute(signalsOneStmt, now, workspaceID, customerID)
}

// notVisible reads the error of a pipelined write whose insert takes its
// customer from the locked, visibility-checked read of the same statement
// ("(SELECT c.id FROM c)"): when the actor may not see the customer that
// read is empty and the NOT NULL constraint on the insert's customer_id
// refuses the row, which is the customer's not-found.
func notVisible(err error, table string) error {
	var pe pgdriver.Error
	if errors.As(err, &pe) && pe.Field('C') == "23502" && pe.Field('t') == table && pe.Field('c') == "customer_id" {
		return retain.NotFound("customer")
	}
	return err
}
