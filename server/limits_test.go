package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/server/servertest"
)

func rawPost(t testing.TB, env *servertest.Env, tok, contentType string, body io.Reader) *servertest.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return send(t, req)
}

// wantRefused asserts a request did not execute: an error status or a
// GraphQL error, and no data.
func wantRefused(t testing.TB, r *servertest.Response) {
	t.Helper()
	if r.Status == http.StatusOK && len(r.Errors) == 0 {
		t.Errorf("request was executed: HTTP %d %s", r.Status, r.Raw)
	}
	if len(r.Data) > 0 && string(r.Data) != "null" {
		t.Errorf("request returned data: %s", r.Raw)
	}
}

func TestHostileRequests(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	create := func(name string) string {
		b, _ := json.Marshal(map[string]any{"query": createCustomerMut, "variables": map[string]any{"in": customerIn(w, name, "agentA")}})
		return string(b)
	}
	before := dbState(t, env)

	t.Run("body over 1 MiB", func(t *testing.T) {
		t.Parallel()
		big := `{"query":"{me{id}}","variables":{"pad":"` + strings.Repeat("x", 1<<20) + `"}}`
		r := rawPost(t, env, admin, "application/json", strings.NewReader(big))
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("HTTP %d, want 413", r.Status)
		}
		wantErr(t, r, retain.EINVALID, "")
		// Without a Content-Length (chunked) the limit holds while reading.
		r = rawPost(t, env, admin, "application/json", io.MultiReader(strings.NewReader(big)))
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked: HTTP %d, want 413", r.Status)
		}
		wantRefused(t, r)
	})
	t.Run("query text over 32 KiB", func(t *testing.T) {
		t.Parallel()
		q := "{me{id}}\n#" + strings.Repeat("x", 32<<10)
		wantErr(t, gql(t, env, admin, q, nil), retain.EINVALID, "")
		wantErr(t, get(t, env, admin, q), retain.EINVALID, "")
	})
	t.Run("too many tokens", func(t *testing.T) {
		t.Parallel()
		q := "{" + strings.Repeat("a ", 15000) + "}"
		r := gql(t, env, admin, q, nil)
		wantErr(t, r, retain.EINVALID, "")
	})
	t.Run("depth", func(t *testing.T) {
		t.Parallel()
		nest := func(n int) string {
			return "{me{" + strings.Repeat("manager{", n) + "id" + strings.Repeat("}", n) + "}}"
		}
		mustOK(t, gql(t, env, admin, nest(10), nil), nil)
		wantErr(t, gql(t, env, admin, nest(11), nil), retain.EINVALID, "")
		deep := "{customers{edges{node{owner{" + strings.Repeat("manager{", 12) + "id" + strings.Repeat("}", 12) + "}}}}}"
		wantErr(t, gql(t, env, admin, deep, nil), retain.EINVALID, "")
		// Fragments do not hide depth.
		frags := "{me{...F0}}\n"
		for i := range 12 {
			frags += fmt.Sprintf("fragment F%d on User{manager{...F%d}}\n", i, i+1)
		}
		frags += "fragment F12 on User{id}"
		wantErr(t, gql(t, env, admin, frags, nil), retain.EINVALID, "")
		// A fragment cycle is refused, not followed forever.
		wantErr(t, gql(t, env, admin, "{me{...A}} fragment A on User{manager{...B}} fragment B on User{manager{...A}}", nil), retain.EINVALID, "")
	})
	t.Run("complexity", func(t *testing.T) {
		t.Parallel()
		var b strings.Builder
		b.WriteString("{")
		for i := range 10 {
			fmt.Fprintf(&b, "a%d:customers(first:100){edges{node{id name owner{name} relationshipType{name}}}} ", i)
		}
		b.WriteString("}")
		wantErr(t, gql(t, env, admin, b.String(), nil), retain.EINVALID, "")
		b.Reset()
		b.WriteString("{")
		for i := range 3000 {
			fmt.Fprintf(&b, "m%d:me{id} ", i)
		}
		b.WriteString("}")
		wantErr(t, gql(t, env, admin, b.String(), nil), retain.EINVALID, "")
		// A normal page is well within the limit.
		mustOK(t, gql(t, env, admin, "{customers(first:100){edges{node{id name owner{name} backupOwner{name} relationshipType{name} openComplaintCount}} totalCount}}", nil), nil)
	})
	t.Run("mutation over GET", func(t *testing.T) {
		t.Parallel()
		q, _ := json.Marshal(map[string]any{"in": customerIn(w, "Via GET", "agentA")})
		u := env.URL + "/graphql?query=" + url.QueryEscape(createCustomerMut) + "&variables=" + url.QueryEscape(string(q))
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		r := send(t, req)
		wantRefused(t, r)
		wantErr(t, r, retain.EINVALID, "")
		if r.Status == http.StatusOK {
			t.Errorf("HTTP %d, want an error status", r.Status)
		}
		// Queries over GET work.
		mustOK(t, get(t, env, admin, "{me{id}}"), nil)
	})
	t.Run("introspection disabled", func(t *testing.T) {
		t.Parallel()
		for _, q := range []string{`{__schema{types{name}}}`, `{__type(name:"Customer"){fields{name}}}`,
			`{...F} fragment F on Query{__schema{queryType{name}}}`, `{... on Query{__type(name:"User"){name}}}`} {
			r := gql(t, env, admin, q, nil)
			wantErr(t, r, retain.EINVALID, "")
			if strings.Contains(r.Raw, "Customer\"") || strings.Contains(r.Raw, "queryType\":{") {
				t.Errorf("introspection answered: %s", r.Raw)
			}
		}
		mustOK(t, gql(t, env, admin, `{__typename me{__typename}}`, nil), nil)
	})
	t.Run("no suggestions leak the schema", func(t *testing.T) {
		t.Parallel()
		r := gql(t, env, admin, `{customers{edges{node{nam}}}}`, nil)
		wantErr(t, r, retain.EINVALID, "")
		if strings.Contains(r.Raw, "Did you mean") {
			t.Errorf("suggestions enabled: %s", r.Raw)
		}
	})
	t.Run("JSON array batch", func(t *testing.T) {
		t.Parallel()
		wantRefused(t, rawPost(t, env, admin, "application/json", strings.NewReader("["+create("Batch 1")+","+create("Batch 2")+"]")))
	})
	t.Run("other content types", func(t *testing.T) {
		t.Parallel()
		for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""} {
			wantRefused(t, rawPost(t, env, admin, ct, strings.NewReader(create("Simple request "+ct))))
		}
		form := url.Values{"query": {createCustomerMut}}
		wantRefused(t, rawPost(t, env, admin, "application/x-www-form-urlencoded", strings.NewReader(form.Encode())))
	})
	t.Run("malformed JSON", func(t *testing.T) {
		t.Parallel()
		for _, body := range []string{"", "{", `{"query":1}`, `{"query":"{me{id}}","variables":[]}`, `null`, `"x"`, "\x00\x01"} {
			wantRefused(t, rawPost(t, env, admin, "application/json", strings.NewReader(body)))
		}
	})
	t.Run("other methods", func(t *testing.T) {
		t.Parallel()
		for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch} {
			req, _ := http.NewRequest(m, env.URL+"/graphql", strings.NewReader(create("Via "+m)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+admin)
			wantRefused(t, send(t, req))
		}
	})
	t.Run("unknown operation name", func(t *testing.T) {
		t.Parallel()
		b, _ := json.Marshal(map[string]any{"query": "query A{me{id}} query B{me{id}}", "operationName": "C"})
		wantErr(t, rawPost(t, env, admin, "application/json", bytes.NewReader(b)), retain.EINVALID, "")
		b, _ = json.Marshal(map[string]any{"query": "query A{me{id}} query B{me{id}}"})
		wantErr(t, rawPost(t, env, admin, "application/json", bytes.NewReader(b)), retain.EINVALID, "")
	})
	t.Run("CORS", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			origin string
			ok     bool
		}{
			{"http://app.example.com", true},
			{"http://evil.example.com", false},
			{"null", false},
			{"http://app.example.com.evil.io", false},
			{"https://app.example.com", false},
			{"http://app.example.com:8080", false},
		} {
			for _, preflight := range []bool{true, false} {
				method := http.MethodPost
				if preflight {
					method = http.MethodOptions
				}
				req, _ := http.NewRequest(method, env.URL+"/graphql", strings.NewReader(`{"query":"{__typename}"}`))
				req.Header.Set("Origin", tc.origin)
				req.Header.Set("Content-Type", "application/json")
				if preflight {
					req.Header.Set("Access-Control-Request-Method", "POST")
					req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				got := resp.Header.Get("Access-Control-Allow-Origin")
				if tc.ok && (got != tc.origin || resp.Header.Get("Access-Control-Allow-Credentials") != "true") {
					t.Errorf("%s (preflight %v): allow-origin %q, credentials %q", tc.origin, preflight, got, resp.Header.Get("Access-Control-Allow-Credentials"))
				}
				if !tc.ok && got != "" {
					t.Errorf("%s (preflight %v) was allowed: %q", tc.origin, preflight, got)
				}
				if got == "*" {
					t.Error("wildcard origin")
				}
			}
		}
	})
	t.Run("health", func(t *testing.T) {
		t.Parallel()
		for _, path := range []string{"/healthz", "/readyz"} {
			resp, err := http.Get(env.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: HTTP %d", path, resp.StatusCode)
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Errorf("%s: no X-Request-Id", path)
			}
		}
	})
	t.Cleanup(func() { unchanged(t, env, before) })
}

// get performs a GraphQL query over GET.
func get(t testing.TB, env *servertest.Env, tok, query string) *servertest.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.URL+"/graphql?query="+url.QueryEscape(query), nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return send(t, req)
}

// TestInternalErrorsDoNotLeak takes the database away under a running
// server: clients get a bare "internal error" with a request id, the log
// gets the details.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	admin := login(t, env, env.W1, "admin").Access
	if err := env.DB.Close(); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(env.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database gone: HTTP %d, want 503", resp.StatusCode)
	}
	resp, err = http.Get(env.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: HTTP %d, want 200 (the process is alive)", resp.StatusCode)
	}

	r := gql(t, env, "", loginMobile, map[string]any{"e": env.W1.Users["admin"].Email, "p": servertest.Password})
	wantErr(t, r, retain.EINTERNAL, "")
	if len(r.Errors) == 0 {
		t.FailNow()
	}
	if r.Errors[0].Message != "internal error" {
		t.Errorf("message %q", r.Errors[0].Message)
	}
	if id, _ := r.Errors[0].Extensions["requestId"].(string); id == "" || !strings.Contains(env.Logs.String(), id) {
		t.Errorf("the internal error's request id %q is not in the log", id)
	}
	r = gql(t, env, admin, `{me{id}}`, nil)
	wantErr(t, r, retain.EINTERNAL, "")
	if r.Status < 500 {
		t.Errorf("HTTP %d, want 5xx", r.Status)
	}
}
