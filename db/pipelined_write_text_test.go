package db

import (
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/schema"

	"github.com/retain-crm/retain"
)

// TestStmtText covers how a pipelined write's statement becomes a prepared
// text: values as parameters, ids of rendered SQL as parameters, one name
// per text, and the inline fallback for a text that still holds a value.
func TestStmtText(t *testing.T) {
	gen := schema.NewQueryGen(pgdialect.New())
	names := &statementNames{}
	ws, cust, who := NewID(), NewID(), NewID()
	write := func(summary string, cust, who string) *stmtText {
		s := &stmtText{gen: gen, names: names}
		s.write("WITH c AS (", s.ids("SELECT c.id FROM customers AS c WHERE (c.id = '"+cust+"') AND (c.workspace_id = '"+ws+
			"') AND (c.owner_id = '"+who+"'::uuid OR c.backup_owner_id = '"+who+"'::uuid)", cust, ws, "", who), ")\n")
		s.insert(&retain.Interaction{ID: "i", WorkspaceID: ws, Summary: summary, OccurredAt: time.Unix(0, 0).UTC()},
			map[string]string{"customer_id": "(SELECT c.id FROM c)"})
		return s
	}
	a, b := write("costs $1 'or' $10", cust, who), write("other", NewID(), NewID())
	if a.b.String() != b.b.String() || a.stmt() != b.stmt() || a.stmt() == nil {
		t.Fatalf("same shape, different texts:\n%s\n%s", a.b.String(), b.b.String())
	}
	text := a.b.String()
	if strings.ContainsRune(text, '\'') || !strings.Contains(text, "(c.id = $1) AND (c.workspace_id = $2) AND (c.owner_id = $3::uuid OR c.backup_owner_id = $3::uuid)") ||
		!strings.Contains(text, "(SELECT c.id FROM c)") {
		t.Fatalf("text:\n%s", text)
	}
	// 3 ids + 16 columns (customer_id is an expression).
	if len(a.args) != 19 || a.args[0] != "'"+cust+"'" || !strings.Contains(strings.Join(a.args, ","), "'costs $1 ''or'' $10'") {
		t.Fatalf("args %q", a.args)
	}
	// Inline puts every argument back once, leaving "$1" inside values alone.
	in := a.inline()
	if strings.Contains(in, "= $") || !strings.Contains(in, "'costs $1 ''or'' $10'") || !strings.Contains(in, "(c.id = '"+cust+"')") {
		t.Fatalf("inline:\n%s", in)
	}
	// A value left in the text is not prepared.
	c := &stmtText{gen: gen, names: names}
	c.write("SELECT 'x' = ", c.param("y"))
	if c.stmt() != nil || c.inline() != "SELECT 'x' = 'y'" {
		t.Fatalf("text with a value: %v %q", c.stmt(), c.inline())
	}
}
