// Package servertest runs a real Retain HTTP server on a fresh database for
// a test, with two workspaces of users in every role, and a GraphQL client
// that signs in for real.
package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
	"github.com/retain-crm/retain/server"
)

// Password is every fixture user's password.
const Password = "correct-horse-battery"

// Env is one test's running server and fixtures.
type Env struct {
	T   testing.TB
	DB  *db.DB
	App *server.App
	URL string
	// Clock is the server's clock; tests move it to travel in time.
	Clock *Clock
	// W1 and W2 are two workspaces; a user of one must never see the other.
	W1, W2 *Workspace
	// Logs collects the server's log output.
	Logs *bytes.Buffer
}

// Workspace holds a fixture workspace and its users by role name.
type Workspace struct {
	ID string
	// Users: "admin", "manager", "agentA", "agentB" (team of manager),
	// "agentC" (no manager), "viewer" (team of manager).
	Users map[string]*retain.User
	// RelationshipTypeID is the id of the first default relationship type.
	RelationshipTypeID string
}

// Clock is a settable clock.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// Set sets the clock.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

type syncBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.Buffer.String() }

// New starts a server on a fresh database with fixtures.
func New(tb testing.TB) *Env {
	tb.Helper()
	ctx := context.Background()
	database := dbtest.New(tb)
	clock := &Clock{now: time.Now().UTC().Truncate(time.Second)}
	database.Now = clock.Now
	cfg, err := server.LoadConfig(func(name string) string {
		switch name {
		case "RETAIN_BCRYPT_COST":
			return "4"
		case "RETAIN_ALLOWED_ORIGINS":
			return "http://app.example.com"
		case "RETAIN_SWEEP_INTERVAL":
			return "0"
		case "RETAIN_WS_INIT_TIMEOUT":
			return "1s"
		case "RETAIN_WS_RECHECK_INTERVAL":
			return "300ms"
		}
		return ""
	})
	if err != nil {
		tb.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	app, err := server.NewApp(ctx, cfg, database, log)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(server.NewHandler(app))
	bgCtx, stopBackground := context.WithCancel(context.Background())
	ready := make(chan struct{})
	bgDone := make(chan error, 1)
	go func() { bgDone <- app.RunBackground(bgCtx, ready) }()
	select {
	case <-ready:
	case err := <-bgDone:
		tb.Fatalf("background: %v", err)
	}
	tb.Cleanup(func() {
		app.BeginShutdown()
		ts.Close()
		stopBackground()
		<-bgDone
	})
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("server log:\n%s", logs.String())
		}
	})
	env := &Env{T: tb, DB: database, App: app, URL: ts.URL, Clock: clock, Logs: &logs.Buffer}
	env.W1 = env.createWorkspace("one")
	env.W2 = env.createWorkspace("two")
	return env
}

func (e *Env) createWorkspace(slug string) *Workspace {
	ctx := context.Background()
	pw := auth.Passwords{Cost: 4}
	ws, admin, err := e.DB.CreateWorkspace(ctx, "Workspace "+slug, slug,
		retain.UserInput{Email: "admin@" + slug + ".test", Name: "Admin " + slug, Role: retain.RoleAdmin, Password: Password}, pw)
	if err != nil {
		e.T.Fatal(err)
	}
	w := &Workspace{ID: ws.ID, Users: map[string]*retain.User{"admin": admin}}
	actx := retain.WithActor(ctx, &retain.Actor{WorkspaceID: ws.ID, UserID: admin.ID, Role: retain.RoleAdmin})
	users := &db.UserService{DB: e.DB, Passwords: pw}
	mk := func(key string, role retain.Role, manager *string) {
		u, err := users.CreateUser(actx, retain.UserInput{Email: strings.ToLower(key) + "@" + slug + ".test", Name: key + " " + slug,
			Role: role, ManagerID: manager, Password: Password})
		if err != nil {
			e.T.Fatal(err)
		}
		w.Users[key] = u
	}
	mk("manager", retain.RoleManager, nil)
	m := w.Users["manager"].ID
	mk("agentA", retain.RoleAgent, &m)
	mk("agentB", retain.RoleAgent, &m)
	mk("agentC", retain.RoleAgent, nil)
	mk("viewer", retain.RoleViewer, &m)
	types, err := (&db.RelationshipTypeService{DB: e.DB}).FindRelationshipTypes(actx)
	if err != nil || len(types) == 0 {
		e.T.Fatalf("relationship types: %v", err)
	}
	w.RelationshipTypeID = types[0].ID
	return w
}

// Actor returns a context acting as a fixture user, for calling services directly.
func (w *Workspace) Actor(key string) context.Context {
	u := w.Users[key]
	a := &retain.Actor{WorkspaceID: w.ID, UserID: u.ID, Role: u.Role}
	if u.ManagerID != nil {
		a.ManagerID = *u.ManagerID
	}
	return retain.WithActor(context.Background(), a)
}

// Error is one GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns extensions.code.
func (e Error) Code() string { s, _ := e.Extensions["code"].(string); return s }

// Response is a decoded GraphQL response.
type Response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
	Header http.Header
	Raw    string
}

// Code returns the first error's code, or "".
func (r *Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Code()
}

// Decode unmarshals data into v, failing the test on errors.
func (r *Response) Decode(tb testing.TB, v any) {
	tb.Helper()
	if len(r.Errors) > 0 {
		tb.Fatalf("unexpected errors: %s", r.Raw)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Raw, err)
	}
}

// Login signs a fixture user in and returns an access token.
func (e *Env) Login(w *Workspace, key string) string {
	e.T.Helper()
	res := e.Do("", `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken}}`,
		map[string]any{"e": w.Users[key].Email, "p": Password})
	var out struct{ Login struct{ AccessToken string } }
	res.Decode(e.T, &out)
	return out.Login.AccessToken
}

// Do posts a GraphQL operation with an optional bearer token.
func (e *Env) Do(token, query string, vars map[string]any) *Response {
	e.T.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.Send(req)
}

// Send performs a raw request and decodes a GraphQL response.
func (e *Env) Send(req *http.Request) *Response {
	e.T.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := &Response{Status: resp.StatusCode, Header: resp.Header, Raw: string(b)}
	_ = json.Unmarshal(b, r)
	return r
}
