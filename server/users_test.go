package server_test

import (
	"strings"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const createUserMut = `mutation($in:CreateUserInput!){createUser(input:$in){id email role active version manager{id}}}`

func userIn(email, role string) map[string]any {
	return map[string]any{"email": email, "name": "New Person", "role": role, "password": "long-enough-password"}
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)

	t.Run("admin creates, the user signs in", func(t *testing.T) {
		in := userIn("New.Agent@one.test", "AGENT")
		in["managerId"] = w.Users["manager"].ID
		in["locale"] = "zh"
		var out struct {
			CreateUser struct {
				ID, Email, Role string
				Active          bool
				Manager         *struct{ ID string }
			}
		}
		mustOK(t, gql(t, env, tok["admin"], createUserMut, map[string]any{"in": in}), &out)
		if out.CreateUser.Role != "AGENT" || !out.CreateUser.Active || out.CreateUser.Manager == nil || out.CreateUser.Manager.ID != w.Users["manager"].ID {
			t.Errorf("created %+v", out.CreateUser)
		}
		mustOK(t, gql(t, env, "", loginMobile, map[string]any{"e": "new.agent@one.test", "p": "long-enough-password"}), nil)
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'user.create' AND after::text NOT LIKE '%$2%'", out.CreateUser.ID); n != 1 {
			t.Errorf("audit rows without the hash = %d, want 1", n)
		}
	})

	before := dbState(t, env)
	with := func(k string, v any) map[string]any {
		in := userIn("fresh@one.test", "AGENT")
		in[k] = v
		return in
	}
	for _, tc := range []struct {
		name  string
		who   string
		in    map[string]any
		code  string
		field string
	}{
		{"duplicate email", "admin", userIn(w.Users["agentA"].Email, "AGENT"), retain.ECONFLICT, "input.email"},
		{"duplicate email, other case", "admin", userIn(strings.ToUpper(w.Users["agentA"].Email), "AGENT"), retain.ECONFLICT, "input.email"},
		{"duplicate email, padded", "admin", userIn("  "+w.Users["agentA"].Email+" ", "AGENT"), retain.ECONFLICT, "input.email"},
		{"email of another workspace", "admin", userIn(env.W2.Users["agentA"].Email, "AGENT"), retain.ECONFLICT, "input.email"},
		{"bad email", "admin", with("email", "nope"), retain.EINVALID, "input.email"},
		{"email with display name", "admin", with("email", "X <x@one.test>"), retain.EINVALID, "input.email"},
		{"empty email", "admin", with("email", ""), retain.EINVALID, "input.email"},
		{"short password", "admin", with("password", "123456789"), retain.EINVALID, "input.password"},
		{"short Chinese password", "admin", with("password", "密码密码密码密码密"), retain.EINVALID, "input.password"},
		{"129-char password", "admin", with("password", strings.Repeat("p", 129)), retain.EINVALID, "input.password"},
		{"unknown role", "admin", with("role", "OWNER"), retain.EINVALID, ""},
		{"lower-case role", "admin", with("role", "admin"), retain.EINVALID, ""},
		{"empty name", "admin", with("name", "  "), retain.EINVALID, "input.name"},
		{"201-char name", "admin", with("name", strings.Repeat("名", 201)), retain.EINVALID, "input.name"},
		{"unknown locale", "admin", with("locale", "fr"), retain.EINVALID, "input.locale"},
		{"manager not an id", "admin", with("managerId", "x"), retain.EINVALID, "input.managerId"},
		{"manager unknown", "admin", with("managerId", db.NewID()), retain.EINVALID, "input.managerId"},
		{"manager is an agent", "admin", with("managerId", w.Users["agentA"].ID), retain.EINVALID, "input.managerId"},
		{"manager is a viewer", "admin", with("managerId", w.Users["viewer"].ID), retain.EINVALID, "input.managerId"},
		{"missing password", "admin", map[string]any{"email": "x@one.test", "name": "x", "role": "AGENT"}, retain.EINVALID, ""},
		{"agent", "agentA", userIn("fresh@one.test", "ADMIN"), retain.EFORBIDDEN, ""},
		{"manager", "manager", userIn("fresh@one.test", "AGENT"), retain.EFORBIDDEN, ""},
		{"viewer", "viewer", userIn("fresh@one.test", "AGENT"), retain.EFORBIDDEN, ""},
		{"anonymous", "", userIn("fresh@one.test", "ADMIN"), retain.EUNAUTHENTICATED, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wantErr(t, gql(t, env, tok[tc.who], createUserMut, map[string]any{"in": tc.in}), tc.code, tc.field)
		})
	}
	t.Cleanup(func() { unchanged(t, env, before) })
}

const updateUserMut = `mutation($id:ID!,$v:Int!,$in:UpdateUserInput!){updateUser(id:$id,version:$v,input:$in){id role version manager{id}}}`

func TestUpdateUser(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	u := func(k string) string { return w.Users[k].ID }

	row := rowJSON(t, env, "users", u("agentC"))
	before := dbState(t, env)
	for _, tc := range []struct {
		name, who, id string
		version       int
		in            map[string]any
		code, field   string
	}{
		{"stale version", "admin", u("agentC"), 2, map[string]any{"name": "x"}, retain.ECONFLICT, ""},
		{"admin demoting themselves", "admin", u("admin"), 1, map[string]any{"role": "MANAGER"}, retain.EINVALID, "input.role"},
		{"own manager", "admin", u("agentC"), 1, map[string]any{"managerId": u("agentC")}, retain.EINVALID, "input.managerId"},
		{"manager is an agent", "admin", u("agentC"), 1, map[string]any{"managerId": u("agentA")}, retain.EINVALID, "input.managerId"},
		{"manager garbage", "admin", u("agentC"), 1, map[string]any{"managerId": "x"}, retain.EINVALID, "input.managerId"},
		{"empty name", "admin", u("agentC"), 1, map[string]any{"name": ""}, retain.EINVALID, "input.name"},
		{"locale", "admin", u("agentC"), 1, map[string]any{"locale": "de"}, retain.EINVALID, "input.locale"},
		{"unknown role", "admin", u("agentC"), 1, map[string]any{"role": "ROOT"}, retain.EINVALID, ""},
		{"unknown user", "admin", db.NewID(), 1, map[string]any{"name": "x"}, retain.ENOTFOUND, ""},
		{"garbage user", "admin", "x", 1, map[string]any{"name": "x"}, retain.ENOTFOUND, ""},
		{"W2 user", "admin", env.W2.Users["agentC"].ID, 1, map[string]any{"name": "x"}, retain.ENOTFOUND, ""},
		{"manager may not", "manager", u("agentC"), 1, map[string]any{"role": "ADMIN"}, retain.EFORBIDDEN, ""},
		{"agent promoting themselves", "agentC", u("agentC"), 1, map[string]any{"role": "ADMIN"}, retain.EFORBIDDEN, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantErr(t, gql(t, env, tok[tc.who], updateUserMut, map[string]any{"id": tc.id, "v": tc.version, "in": tc.in}), tc.code, tc.field)
		})
	}
	if got := rowJSON(t, env, "users", u("agentC")); got != row {
		t.Errorf("refused updates changed the user:\n%s\n%s", row, got)
	}
	unchanged(t, env, before)

	t.Run("a role change applies to live tokens at once", func(t *testing.T) {
		mustOK(t, gql(t, env, tok["agentC"], createCustomerMut, map[string]any{"in": customerIn(w, "Before", "agentC")}), nil)
		var out struct {
			UpdateUser struct {
				Role    string
				Version int
			}
		}
		mustOK(t, gql(t, env, tok["admin"], updateUserMut, map[string]any{"id": u("agentC"), "v": 1, "in": map[string]any{"role": "VIEWER", "managerId": u("manager")}}), &out)
		if out.UpdateUser.Role != "VIEWER" || out.UpdateUser.Version != 2 {
			t.Fatalf("update = %+v", out.UpdateUser)
		}
		wantErr(t, gql(t, env, tok["agentC"], createCustomerMut, map[string]any{"in": customerIn(w, "After", "agentC")}), retain.EFORBIDDEN, "")
		mustOK(t, gql(t, env, tok["admin"], updateUserMut, map[string]any{"id": u("agentC"), "v": 2, "in": map[string]any{"clearManager": true, "role": "AGENT"}}), nil)
	})
}

const deactivateMut = `mutation($id:ID!,$s:ID){deactivateUser(id:$id,successorId:$s){id active deactivatedAt}}`

func TestDeactivateUser(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	u := func(k string) string { return w.Users[k].ID }
	ptr := func(s string) *string { return &s }
	admin := login(t, env, w, "admin").Access
	manager := login(t, env, w, "manager").Access
	leaving := login(t, env, w, "agentA")

	withBackup := seedCustomer(t, env, w, retain.CustomerInput{Name: "With backup", OwnerID: u("agentA"), BackupOwnerID: ptr(u("agentB"))})
	alone := seedCustomer(t, env, w, retain.CustomerInput{Name: "Alone", OwnerID: u("agentA")})
	backedUp := seedCustomer(t, env, w, retain.CustomerInput{Name: "Backed up by A", OwnerID: u("agentC"), BackupOwnerID: ptr(u("agentA"))})
	other := seedCustomer(t, env, env.W2, retain.CustomerInput{Name: "W2", OwnerID: env.W2.Users["agentA"].ID})
	w2Row := rowJSON(t, env, "customers", other.ID)

	before := dbState(t, env)
	for _, tc := range []struct {
		name, tok, id string
		successor     any
		code, field   string
	}{
		{"manager may not", manager, u("agentA"), nil, retain.EFORBIDDEN, ""},
		{"leaving user may not", leaving.Access, u("agentA"), nil, retain.EFORBIDDEN, ""},
		{"yourself", admin, u("admin"), nil, retain.EINVALID, "id"},
		{"successor is the user", admin, u("agentA"), u("agentA"), retain.EINVALID, "successorId"},
		{"successor is a viewer", admin, u("agentA"), u("viewer"), retain.EINVALID, "successorId"},
		{"successor of W2", admin, u("agentA"), env.W2.Users["agentA"].ID, retain.EINVALID, "successorId"},
		{"successor garbage", admin, u("agentA"), "x", retain.EINVALID, "successorId"},
		{"unknown user", admin, db.NewID(), nil, retain.ENOTFOUND, ""},
		{"W2 user", admin, env.W2.Users["agentA"].ID, nil, retain.ENOTFOUND, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantErr(t, gql(t, env, tc.tok, deactivateMut, map[string]any{"id": tc.id, "s": tc.successor}), tc.code, tc.field)
		})
	}
	unchanged(t, env, before)

	var out struct {
		DeactivateUser struct {
			Active        bool
			DeactivatedAt *string
		}
	}
	mustOK(t, gql(t, env, admin, deactivateMut, map[string]any{"id": u("agentA"), "s": u("manager")}), &out)
	if out.DeactivateUser.Active || out.DeactivateUser.DeactivatedAt == nil {
		t.Errorf("deactivate = %+v", out.DeactivateUser)
	}

	type state struct {
		Owner    string
		Backup   *string
		Departed bool
	}
	read := func(id string) state {
		var s state
		if err := env.DB.QueryRowContext(t.Context(), "SELECT owner_id::text, backup_owner_id::text, owner_departed FROM customers WHERE id = ?", id).Scan(&s.Owner, &s.Backup, &s.Departed); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := read(withBackup.ID); s.Owner != u("agentB") || s.Backup != nil || !s.Departed {
		t.Errorf("customer with a backup: %+v, want owned by the backup, flagged", s)
	}
	if s := read(alone.ID); s.Owner != u("manager") || !s.Departed {
		t.Errorf("customer without a backup: %+v, want owned by the successor, flagged", s)
	}
	if s := read(backedUp.ID); s.Owner != u("agentC") || s.Backup == nil || *s.Backup != u("manager") || s.Departed {
		t.Errorf("customer the user backed up: %+v, want the successor as backup", s)
	}
	if got := rowJSON(t, env, "customers", other.ID); got != w2Row {
		t.Error("deactivating a W1 user touched a W2 customer")
	}
	var flagged struct{ Customers connection }
	mustOK(t, gql(t, env, admin, `{customers(filter:{ownerDeparted:true}){totalCount edges{node{id name}}}}`, nil), &flagged)
	if flagged.Customers.TotalCount != 2 {
		t.Errorf("ownerDeparted filter: %v", flagged.Customers.names())
	}

	// The departed user is locked out everywhere at once.
	want401(t, gql(t, env, leaving.Access, `{me{id}}`, nil))
	r, _ := refresh(t, env, leaving.Refresh)
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
	wantErr(t, gql(t, env, "", loginMobile, map[string]any{"e": w.Users["agentA"].Email, "p": servertest.Password}), retain.EUNAUTHENTICATED, "")

	// …and can no longer be given customers, nor deactivated twice.
	before = dbState(t, env)
	wantErr(t, gql(t, env, admin, createCustomerMut, map[string]any{"in": customerIn(w, "For the departed", "agentA")}), retain.EINVALID, "input.ownerId")
	wantErr(t, gql(t, env, admin, deactivateMut, map[string]any{"id": u("agentA")}), retain.EINVALID, "id")
	wantErr(t, gql(t, env, admin, deactivateMut, map[string]any{"id": u("agentB"), "s": u("agentA")}), retain.EINVALID, "successorId")
	unchanged(t, env, before)

	var users struct {
		Users []struct {
			ID     string
			Active bool
		}
	}
	mustOK(t, gql(t, env, admin, `{users{id active}}`, nil), &users)
	for _, x := range users.Users {
		if x.ID == u("agentA") {
			t.Error("users lists the deactivated user")
		}
	}
	mustOK(t, gql(t, env, admin, `{users(includeInactive:true){id active}}`, nil), &users)
	found := false
	for _, x := range users.Users {
		found = found || (x.ID == u("agentA") && !x.Active)
	}
	if !found {
		t.Error("users(includeInactive) lacks the deactivated user")
	}

	// Without a successor, a customer with no backup keeps its (departed)
	// owner, flagged, so somebody has to decide.
	mustOK(t, gql(t, env, admin, deactivateMut, map[string]any{"id": u("agentB")}), nil)
	if s := read(withBackup.ID); s.Owner != u("agentB") || !s.Departed {
		t.Errorf("no successor: %+v", s)
	}
}
