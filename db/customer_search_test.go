package db_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
)

// The search tests build a small book with known texts and compare every
// list with what a plain substring test in Go says it should hold, in the
// list's order.

type searchContact struct{ name, email, phone, wechat string }

type searchCustomer struct {
	id                          string
	name, company, email, phone string
	stage, tier                 string
	owner                       string // "a", "b" (agents) or "m" (manager)
	backup                      string
	tags                        []string
	risk                        int
	archived                    bool
	contacts                    []searchContact
	// seq orders the timestamps: created, updated and last contact.
	seq int
}

type searchBook struct {
	d         *db.DB
	svc       *db.CustomerService
	ws        string
	users     map[string]*retain.Actor // "admin", "m", "a", "b"
	customers []*searchCustomer
	queries   *db.QueryCounter
}

func newSearchBook(t *testing.T, customers []*searchCustomer) *searchBook {
	t.Helper()
	ctx := context.Background()
	d := dbtest.New(t)
	ws, admin, err := d.CreateWorkspace(ctx, "Search", "search", retain.UserInput{
		Email: "admin@search.test", Name: "Admin", Role: retain.RoleAdmin, Password: "correct horse battery"}, auth.Passwords{Cost: 4})
	if err != nil {
		t.Fatal(err)
	}
	b := &searchBook{d: d, svc: &db.CustomerService{DB: d}, ws: ws.ID, customers: customers, queries: &db.QueryCounter{},
		users: map[string]*retain.Actor{"admin": {WorkspaceID: ws.ID, UserID: admin.ID, Role: retain.RoleAdmin}}}
	d.AddQueryHook(b.queries)
	newUser := func(key string, role retain.Role, manager string) {
		var id string
		err := d.QueryRowContext(ctx, `INSERT INTO users (workspace_id, email, name, role, manager_id, password_hash)
			VALUES (?, ?, ?, ?, NULLIF(?, '')::uuid, 'x') RETURNING id`, ws.ID, key+"@search.test", "User "+key, role, manager).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		b.users[key] = &retain.Actor{WorkspaceID: ws.ID, UserID: id, Role: role, ManagerID: manager}
	}
	newUser("m", retain.RoleManager, "")
	newUser("a", retain.RoleAgent, b.users["m"].UserID)
	newUser("b", retain.RoleAgent, "")
	var rt string
	if err := d.QueryRowContext(ctx, "SELECT id FROM relationship_types WHERE workspace_id = ? ORDER BY name LIMIT 1", ws.ID).Scan(&rt); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, c := range customers {
		c.seq = i
		if c.stage == "" {
			c.stage = "ACTIVE"
		}
		if c.tier == "" {
			c.tier = "STANDARD"
		}
		if c.owner == "" {
			c.owner = "a"
		}
		if c.tags == nil {
			c.tags = []string{}
		}
		backup := ""
		if c.backup != "" {
			backup = b.users[c.backup].UserID
		}
		// Timestamps go in different directions so each order differs.
		created := base.Add(time.Duration(i) * time.Hour)
		updated := base.Add(time.Duration((i*7)%len(customers)) * time.Minute)
		last := base.Add(time.Duration((i*5)%len(customers)) * time.Second)
		err := d.QueryRowContext(ctx, `INSERT INTO customers (workspace_id, name, company, email, phone, stage, tier, owner_id,
			backup_owner_id, relationship_type_id, tags, risk_score, created_at, updated_at, last_contact_at, archived_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, '')::uuid, ?, ?::text[], ?, ?, ?, CASE WHEN ? % 4 = 0 THEN NULL ELSE ?::timestamptz END,
			CASE WHEN ? THEN now() END) RETURNING id`,
			ws.ID, c.name, c.company, c.email, c.phone, c.stage, c.tier, b.users[c.owner].UserID, backup, rt,
			"{"+strings.Join(c.tags, ",")+"}", c.risk, created, updated, i, last, c.archived).Scan(&c.id)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range c.contacts {
			if _, err := d.ExecContext(ctx, `INSERT INTO contacts (workspace_id, customer_id, name, email, phone, wechat) VALUES (?, ?, ?, ?, ?, ?)`,
				ws.ID, c.id, k.name, k.email, k.phone, k.wechat); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b
}

// matches is the search in Go: a case-insensitive substring of the
// customer's text or of one of its contacts'.
func (c *searchCustomer) matches(term string) bool {
	term = strings.ToLower(term)
	if strings.Contains(strings.ToLower(c.name+" "+c.company+" "+c.email+" "+c.phone), term) {
		return true
	}
	for _, k := range c.contacts {
		if strings.Contains(strings.ToLower(k.name+" "+k.email+" "+k.phone+" "+k.wechat), term) {
			return true
		}
	}
	return false
}

func (b *searchBook) visible(who string, c *searchCustomer) bool {
	switch who {
	case "admin":
		return true
	case "m":
		return c.owner == "m" || c.owner == "a" || c.backup == "m" || c.backup == "a"
	}
	return c.owner == who || c.backup == who
}

// want lists, in the order's order, the customers who should be found.
func (b *searchBook) want(who string, f retain.CustomerFilter, order retain.CustomerOrder, extra func(*searchCustomer) bool) []string {
	var found []*searchCustomer
	for _, c := range b.customers {
		if b.visible(who, c) && (!c.archived || f.IncludeArchived) && c.matches(f.Search) && (extra == nil || extra(c)) {
			found = append(found, c)
		}
	}
	key := func(c *searchCustomer) []int {
		switch order {
		case retain.OrderNameAsc:
			return nil
		case retain.OrderUpdatedDesc:
			return []int{-((c.seq * 7) % len(b.customers))}
		case retain.OrderCreatedDesc:
			return []int{-c.seq}
		case retain.OrderLastContactAsc:
			if c.seq%4 == 0 {
				return []int{-1}
			}
			return []int{(c.seq * 5) % len(b.customers)}
		}
		return []int{-c.risk}
	}
	desc := order != retain.OrderNameAsc && order != retain.OrderLastContactAsc
	slices.SortStableFunc(found, func(x, y *searchCustomer) int {
		if order == retain.OrderNameAsc {
			if n := strings.Compare(x.name, y.name); n != 0 {
				return n
			}
		} else if n := slices.Compare(key(x), key(y)); n != 0 {
			return n
		}
		if desc {
			return strings.Compare(y.id, x.id)
		}
		return strings.Compare(x.id, y.id)
	})
	ids := make([]string, len(found))
	for i, c := range found {
		ids[i] = c.id
	}
	return ids
}

// list follows the cursors through every page and checks that no customer
// comes twice.
func (b *searchBook) list(t *testing.T, who string, f retain.CustomerFilter, order retain.CustomerOrder, first int) []string {
	t.Helper()
	ctx := retain.WithActor(context.Background(), b.users[who])
	var ids []string
	seen := map[string]bool{}
	p := retain.Page{First: first}
	for range 100 {
		page, err := b.svc.FindCustomers(ctx, f, order, p, retain.CustomerFields{})
		if err != nil {
			t.Fatalf("FindCustomers(%+v, %s, %+v): %v", f, order, p, err)
		}
		for _, c := range page.Customers {
			if seen[c.ID] {
				t.Fatalf("search %q (%s): customer %s %q comes twice", f.Search, order, c.ID, c.Name)
			}
			seen[c.ID] = true
			ids = append(ids, c.ID)
		}
		if !page.HasNextPage {
			n, err := page.Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(ids) {
				t.Errorf("search %q (%s): count %d, listed %d", f.Search, order, n, len(ids))
			}
			return ids
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
	t.Fatal("more than 100 pages")
	return nil
}

func (b *searchBook) names(ids []string) []string {
	byID := map[string]string{}
	for _, c := range b.customers {
		byID[c.id] = c.name
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out
}

func (b *searchBook) check(t *testing.T, who string, f retain.CustomerFilter, order retain.CustomerOrder, first int, extra func(*searchCustomer) bool) []string {
	t.Helper()
	got := b.list(t, who, f, order, first)
	want := b.want(who, f, order, extra)
	if !slices.Equal(got, want) {
		t.Errorf("%s searching %q (%s, pages of %d):\n got %q\nwant %q", who, f.Search, order, first, b.names(got), b.names(want))
	}
	return got
}

// lookedUp reports whether the searches since the last reset looked their
// term up in the indexes first (the statement of narrowSearch), and
// narrowed whether a list then kept to the customers found.
func (b *searchBook) lookedUp() bool { return b.logged("ARRAY(SELECT c.id FROM customers AS c") }
func (b *searchBook) narrowed() bool { return b.logged("c.id = ANY(") }

func (b *searchBook) logged(sql string) bool {
	for _, q := range b.queries.Queries() {
		if strings.Contains(q, sql) {
			return true
		}
	}
	return false
}

var orders = []retain.CustomerOrder{retain.OrderRiskDesc, retain.OrderNameAsc, retain.OrderUpdatedDesc, retain.OrderCreatedDesc, retain.OrderLastContactAsc}

func bookOfTexts() []*searchCustomer {
	return []*searchCustomer{
		{name: "王伟", company: "恒通华盛贸易有限公司", email: "wangwei@example.cn", phone: "+86 138 0013 8000", risk: 90, tags: []string{"vip"}},
		{name: "Li Na", company: "Northwind Trading Ltd", email: "li.na@example.com", phone: "+44 20 7946 0001", risk: 80, owner: "b"},
		{name: "Zhang San", company: "Acme 50% Off", email: "zhang@example.com", phone: "+86 139 0000 0002", risk: 70, stage: "DORMANT",
			contacts: []searchContact{{name: "欧阳明月", email: "zhao@contact.cn", phone: "+86 135 1111 2222", wechat: "zs_wechat"}}},
		{name: "Bob Stone", company: "Blue Harbor Foods", email: "bob@harbor.example", phone: "+1 555 0100", risk: 70, tier: "TKA",
			contacts: []searchContact{{name: "Harbor Desk", email: "desk@harbor.example"}, {name: "恒通 liaison", email: "liaison@harbor.example"}}},
		{name: "Carol 500", company: "Five Hundred Units", email: "carol@example.com", phone: "+1 555 0500", risk: 65, owner: "m", tags: []string{"vip"}},
		{name: "Dave", company: "Sawmill Co", email: "dave@sawmill.example", phone: "", risk: 60, owner: "b", backup: "a"},
		{name: "刘华盛", company: "北京明月科技", email: "liu@example.cn", phone: "+86 10 8888 0000", risk: 55, owner: "m"},
		{name: "Erin", company: "Northwind Foods", email: "erin@example.com", phone: "+44 20 7946 0002", risk: 50, archived: true},
		{name: "Frank", company: "Keystone", email: "frank@example.com", phone: "", risk: 40, owner: "b",
			contacts: []searchContact{{name: "王伟", email: "wang@keystone.example", wechat: "wangwei_ks"}}},
		{name: "Grace", company: "Evergreen", email: "grace@example.com", phone: "", risk: 30,
			contacts: []searchContact{{name: "Percent", email: "p@example.com", wechat: "100%_sure"}}},
	}
}

func TestSearchCustomerTexts(t *testing.T) {
	t.Parallel()
	b := newSearchBook(t, bookOfTexts())
	tests := []struct {
		name, term string
		want       []string // names, by risk; nil checks only against the Go test
	}{
		{"English word in a company", "northwind", []string{"Li Na"}},
		{"English inside a word, any case", "ORTHWI", []string{"Li Na"}},
		{"English in a contact email", "zhao@contact", []string{"Zhang San"}},
		{"English in a contact name", "harbor desk", []string{"Bob Stone"}},
		{"across customer fields", "Stone Blue", []string{"Bob Stone"}},
		{"phone digits", "0013 8000", []string{"王伟"}},
		{"two Chinese characters inside a company", "华盛", []string{"王伟", "刘华盛"}},
		{"two Chinese characters in a contact", "明月", []string{"Zhang San", "刘华盛"}},
		{"two Chinese characters in a customer and a contact", "恒通", []string{"王伟", "Bob Stone"}},
		{"four Chinese characters", "华盛贸易", []string{"王伟"}},
		{"a Chinese name as a customer and as a contact", "王伟", []string{"王伟", "Frank"}},
		{"% is literal", "50%", []string{"Zhang San"}},
		{"% alone", "%", []string{"Zhang San", "Grace"}},
		{"_ is literal", "s_w", []string{"Zhang San"}},
		{"_ and % together", "0%_", []string{"Grace"}},
		{"backslash", `\`, []string{}},
		{"quote", `' OR ''='`, []string{}},
		{"one Chinese character", "伟", []string{"王伟", "Frank"}},
		{"one letter", "z", nil},
		{"one digit", "5", nil},
		{"two letters", "na", nil},
		{"two characters with a space", "b S", []string{"Bob Stone"}},
		{"a Chinese character and a space", "通 L", []string{"Bob Stone"}},
		{"a Chinese and a Latin character", "a王", []string{}},
		{"no match", "Pioneer", []string{}},
		{"no match, two characters", "丽丽", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := b.check(t, "admin", retain.CustomerFilter{Search: tc.term}, retain.OrderRiskDesc, 20, nil)
			if tc.want != nil && !slices.Equal(b.names(got), tc.want) {
				t.Errorf("search %q found %q, want %q", tc.term, b.names(got), tc.want)
			}
		})
	}
	t.Run("archived customers only when asked", func(t *testing.T) {
		b.check(t, "admin", retain.CustomerFilter{Search: "Northwind"}, retain.OrderRiskDesc, 20, nil)
		got := b.check(t, "admin", retain.CustomerFilter{Search: "Northwind", IncludeArchived: true}, retain.OrderRiskDesc, 20, nil)
		if want := []string{"Li Na", "Erin"}; !slices.Equal(b.names(got), want) {
			t.Errorf("found %q, want %q", b.names(got), want)
		}
	})
}

func TestSearchCustomerWithFilters(t *testing.T) {
	t.Parallel()
	b := newSearchBook(t, bookOfTexts())
	stage := func(s string) func(*searchCustomer) bool { return func(c *searchCustomer) bool { return c.stage == s } }
	tests := []struct {
		name  string
		f     retain.CustomerFilter
		extra func(*searchCustomer) bool
		want  []string
	}{
		{"stage", retain.CustomerFilter{Search: "明月", Stages: []retain.Stage{"DORMANT"}}, stage("DORMANT"), []string{"Zhang San"}},
		{"tier", retain.CustomerFilter{Search: "恒通", Tiers: []retain.Tier{"TKA"}}, func(c *searchCustomer) bool { return c.tier == "TKA" }, []string{"Bob Stone"}},
		{"tag", retain.CustomerFilter{Search: "example", Tag: "vip"}, func(c *searchCustomer) bool { return slices.Contains(c.tags, "vip") }, []string{"王伟", "Carol 500"}},
		{"owner", retain.CustomerFilter{Search: "example", OwnerIDs: []string{b.users["b"].UserID}}, func(c *searchCustomer) bool { return c.owner == "b" }, []string{"Li Na", "Dave", "Frank"}},
		{"no customer of the stage matches", retain.CustomerFilter{Search: "王伟", Stages: []retain.Stage{"DORMANT"}}, stage("DORMANT"), []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := b.check(t, "admin", tc.f, retain.OrderRiskDesc, 20, tc.extra)
			if !slices.Equal(b.names(got), tc.want) {
				t.Errorf("found %q, want %q", b.names(got), tc.want)
			}
		})
	}
}

func TestSearchCustomerVisibility(t *testing.T) {
	t.Parallel()
	b := newSearchBook(t, bookOfTexts())
	for _, term := range []string{"example", "王伟", "恒通", "Northwind", "harbor", "华盛", "e", "5"} {
		for _, who := range []string{"admin", "m", "a", "b"} {
			got := b.check(t, who, retain.CustomerFilter{Search: term}, retain.OrderRiskDesc, 3, nil)
			for _, id := range got {
				for _, c := range b.customers {
					if c.id == id && !b.visible(who, c) {
						t.Errorf("%s found %q of another book searching %q", who, c.name, term)
					}
				}
			}
		}
	}
	// Agent b owns Frank, whose contact is 王伟; agent a sees neither Frank
	// nor Li Na (b's), only the customer 王伟 and Dave (backed up by a).
	if got := b.names(b.list(t, "a", retain.CustomerFilter{Search: "王伟"}, retain.OrderRiskDesc, 20)); !slices.Equal(got, []string{"王伟"}) {
		t.Errorf("agent a searching 王伟 found %q", got)
	}
	if got := b.names(b.list(t, "a", retain.CustomerFilter{Search: "sawmill"}, retain.OrderRiskDesc, 20)); !slices.Equal(got, []string{"Dave"}) {
		t.Errorf("agent a searching a customer they back up found %q", got)
	}
}

// manyCustomers makes n customers whose texts share words, some only
// through a contact, with risk scores that tie.
func manyCustomers(n int) []*searchCustomer {
	words := []string{"Keystone", "Redwood", "恒通", "Summit"}
	var cs []*searchCustomer
	for i := range n {
		c := &searchCustomer{
			name:    fmt.Sprintf("Customer %03d", (i*37)%n),
			company: words[i%len(words)] + " Trading",
			email:   fmt.Sprintf("customer%d@example.com", i),
			phone:   fmt.Sprintf("+86 138 %04d %04d", i, i*7),
			risk:    (i * 13) % 7 * 10,
			owner:   []string{"a", "b", "m"}[i%3],
		}
		if i%5 == 0 {
			c.contacts = []searchContact{{name: "联系人" + words[(i+1)%len(words)], email: fmt.Sprintf("c%d@contact.example", i), wechat: fmt.Sprintf("wx_%d", i)}}
		}
		if i%11 == 0 {
			c.archived = true
		}
		cs = append(cs, c)
	}
	return cs
}

func TestSearchCustomerPages(t *testing.T) {
	t.Parallel()
	b := newSearchBook(t, manyCustomers(60))
	for _, term := range []string{"keystone", "恒通", "customer1", "wx_1", "@contact", "Customer 04"} {
		for _, order := range orders {
			for _, who := range []string{"admin", "m"} {
				got := b.check(t, who, retain.CustomerFilter{Search: term}, order, 4, nil)
				if who == "admin" && len(got) == 0 {
					t.Errorf("search %q found nothing", term)
				}
			}
		}
	}
}

// TestSearchCustomerCap shrinks the cap so that the index lookup overflows
// and the list walks; both ways must list the same customers, page by page.
// It is not parallel: the cap is the package's.
func TestSearchCustomerCap(t *testing.T) {
	b := newSearchBook(t, manyCustomers(60))
	// With statistics the index lookup names the rarer trigrams only.
	if _, err := b.d.ExecContext(context.Background(), "ANALYZE customers, contacts"); err != nil {
		t.Fatal(err)
	}
	wired := b.wired(t)
	if !wired {
		t.Log("FindCustomers does not call narrowSearch: every search walks the list")
	}
	terms := []string{
		"keystone",            // 15 customers
		"联系人",                 // 12 contacts only
		"联系人恒通",               // 3 contacts
		"customer5",           // customer5 and customer50 to 59
		"customer12@",         // one customer
		"恒通",                  // 15 customers and 3 contacts
		"c10@contact.example", // one contact
		"Customer 05",         // ten customers by name
	}
	for _, limit := range []int{4, 1000} {
		previous := b.d.SetSearchCap(limit)
		for _, term := range terms {
			for _, order := range []retain.CustomerOrder{retain.OrderRiskDesc, retain.OrderNameAsc} {
				b.queries.Reset()
				got := b.check(t, "admin", retain.CustomerFilter{Search: term}, order, 3, nil)
				narrowed := b.narrowed()
				if len(got) == 0 {
					t.Errorf("search %q found nothing", term)
				}
				if rows := b.matchRows(term); wired && narrowed != (rows <= limit) {
					t.Errorf("cap %d: search %q with %d matching rows: narrowed = %v", limit, term, rows, narrowed)
				}
			}
		}
		b.d.SetSearchCap(previous)
	}
}

// matchRows is the larger of the customers and the contacts matching term
// on their own text (archived customers left out), what the cap counts.
func (b *searchBook) matchRows(term string) int {
	term = strings.ToLower(term)
	customers, contacts := 0, 0
	for _, c := range b.customers {
		if !c.archived && strings.Contains(strings.ToLower(c.name+" "+c.company+" "+c.email+" "+c.phone), term) {
			customers++
		}
		for _, k := range c.contacts {
			if strings.Contains(strings.ToLower(k.name+" "+k.email+" "+k.phone+" "+k.wechat), term) {
				contacts++
			}
		}
	}
	return max(customers, contacts)
}

// wired reports whether FindCustomers looks searches up in the indexes
// before listing (db/customer_list.go calls narrowSearch); without it every
// search walks, with the same results.
func (b *searchBook) wired(t *testing.T) bool {
	t.Helper()
	ctx := retain.WithActor(context.Background(), b.users["admin"])
	b.queries.Reset()
	if _, err := b.svc.FindCustomers(ctx, retain.CustomerFilter{Search: "zzzzzz"}, retain.OrderRiskDesc, retain.Page{First: 1}, retain.CustomerFields{}); err != nil {
		t.Fatal(err)
	}
	wired := b.lookedUp()
	b.queries.Reset()
	return wired
}
