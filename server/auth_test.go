package server_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

func TestLoginAndMe(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	tok := env.Login(env.W1, "agentA")
	var out struct{ Me struct{ Email, Role string } }
	env.Do(tok, `{me{email role}}`, nil).Decode(t, &out)
	if got, want := out.Me.Email, env.W1.Users["agentA"].Email; got != want {
		t.Fatalf("me.email = %q, want %q", got, want)
	}
}

func TestLogin(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1

	t.Run("ok, email case-insensitive", func(t *testing.T) {
		var out struct {
			Login struct {
				AccessToken, RefreshToken string
				User                      struct{ Email, Role string }
			}
		}
		mustOK(t, gql(t, env, "", `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken refreshToken user{email role}}}`,
			map[string]any{"e": " " + strings.ToUpper(w.Users["manager"].Email) + " ", "p": servertest.Password}), &out)
		if out.Login.AccessToken == "" || out.Login.RefreshToken == "" || out.Login.User.Role != "MANAGER" {
			t.Fatalf("login = %+v", out.Login)
		}
		if audits := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'session.login' AND actor_user_id = ?", w.Users["manager"].ID); audits != 1 {
			t.Errorf("session.login audit rows = %d, want 1", audits)
		}
	})

	// A deactivated user, created and deactivated before the failures run.
	users := &db.UserService{DB: env.DB, Passwords: env.App.Passwords}
	gone, err := users.CreateUser(w.Actor("admin"), retain.UserInput{Email: "gone@one.test", Name: "Gone", Role: retain.RoleAgent, Password: servertest.Password})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := users.DeactivateUser(w.Actor("admin"), gone.ID, nil); err != nil {
		t.Fatal(err)
	}

	// The message for a wrong password is the reference: every other failure
	// must say exactly the same, so nobody can probe which emails exist.
	wrong := gql(t, env, "", loginMobile, map[string]any{"e": w.Users["agentA"].Email, "p": "wrong-password-123"})
	wantErr(t, wrong, retain.EUNAUTHENTICATED, "")
	if len(wrong.Errors) == 0 {
		t.FailNow()
	}
	ref := wrong.Errors[0].Message
	before := dbState(t, env)
	for _, tc := range []struct{ name, email, password string }{
		{"unknown email", "nobody@one.test", servertest.Password},
		{"deactivated user", gone.Email, servertest.Password},
		{"empty email", "", servertest.Password},
		{"empty password", w.Users["agentA"].Email, ""},
		{"password of another user", w.Users["agentA"].Email, "wrong-password-123x"},
		{"oversized password", w.Users["agentA"].Email, strings.Repeat("p", 10000)},
		{"oversized email", strings.Repeat("e", 5000) + "@one.test", servertest.Password},
		{"SQL in email", "' OR '1'='1", "' OR '1'='1"},
		{"NUL in email", "agenta\x00@one.test", servertest.Password},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gql(t, env, "", loginMobile, map[string]any{"e": tc.email, "p": tc.password})
			wantErr(t, r, retain.EUNAUTHENTICATED, "")
			if len(r.Errors) > 0 && r.Errors[0].Message != ref {
				t.Errorf("message %q differs from the wrong-password message %q", r.Errors[0].Message, ref)
			}
		})
	}
	unchanged(t, env, before)
}

const refreshMobile = `mutation($t:String){refreshToken(token:$t,client:MOBILE){accessToken refreshToken}}`

func refresh(t testing.TB, env *servertest.Env, token string) (*servertest.Response, session) {
	t.Helper()
	r := gql(t, env, "", refreshMobile, map[string]any{"t": token})
	var out struct {
		RefreshToken struct{ AccessToken, RefreshToken string }
	}
	if len(r.Errors) == 0 {
		_ = json.Unmarshal(r.Data, &out)
	}
	return r, session{out.RefreshToken.AccessToken, out.RefreshToken.RefreshToken}
}

func TestRefreshRotationMobile(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	s1 := login(t, env, env.W1, "agentA")

	r, s2 := refresh(t, env, s1.Refresh)
	mustOK(t, r, nil)
	if s2.Refresh == "" || s2.Refresh == s1.Refresh || s2.Access == "" {
		t.Fatalf("rotation returned %+v", s2)
	}
	mustOK(t, gql(t, env, s2.Access, `{me{id}}`, nil), nil)

	// A client that lost the response may retry within the grace period.
	env.Clock.Advance(5 * time.Second)
	r, retry := refresh(t, env, s1.Refresh)
	mustOK(t, r, nil)
	if retry.Refresh == s2.Refresh {
		t.Fatal("a retry must get a fresh token")
	}

	r, s3 := refresh(t, env, s2.Refresh)
	mustOK(t, r, nil)

	// After the grace period a used token is a stolen token: the whole
	// family dies, including the newest rotation.
	env.Clock.Advance(11 * time.Second)
	r, _ = refresh(t, env, s1.Refresh)
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
	r, _ = refresh(t, env, s3.Refresh)
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
	r, _ = refresh(t, env, retry.Refresh)
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
	if n := sqlInt(t, env, "SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL", env.W1.Users["agentA"].ID); n != 0 {
		t.Errorf("%d refresh tokens of the family still live", n)
	}
	if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'session.refreshReplayed'"); n != 1 {
		t.Errorf("replay audit rows = %d, want 1", n)
	}
	// Another login of the same user is another family and keeps working.
	other := login(t, env, env.W1, "agentA")
	r, _ = refresh(t, env, other.Refresh)
	mustOK(t, r, nil)

	for _, bad := range []string{"", "garbage", strings.Repeat("x", 5000), s1.Refresh + "x"} {
		r, _ := refresh(t, env, bad)
		wantErr(t, r, retain.EUNAUTHENTICATED, "")
	}
}

// cookieOf returns the named cookie a response sets.
func cookieOf(r *servertest.Response, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func postWithCookie(t testing.TB, env *servertest.Env, query string, vars map[string]any, cookie *http.Cookie) *servertest.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if cookie != nil {
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	}
	return send(t, req)
}

func TestRefreshWebCookie(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	const web = `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p}){accessToken refreshToken}}`
	r := postWithCookie(t, env, web, map[string]any{"e": env.W1.Users["agentA"].Email, "p": servertest.Password}, nil)
	var out struct {
		Login struct {
			AccessToken  string
			RefreshToken *string
		}
	}
	mustOK(t, r, &out)
	if out.Login.RefreshToken != nil {
		t.Fatalf("a WEB client got its refresh token in the body: %s", r.Raw)
	}
	c := cookieOf(r, "retain_refresh")
	if c == nil || c.Value == "" {
		t.Fatalf("no refresh cookie: %v", r.Header["Set-Cookie"])
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" {
		t.Errorf("cookie = %+v, want HttpOnly, SameSite=Strict, Path=/", c)
	}
	if strings.Contains(r.Raw, c.Value) {
		t.Error("the refresh token appears in the body")
	}

	const webRefresh = `mutation{refreshToken{accessToken refreshToken}}`
	r2 := postWithCookie(t, env, webRefresh, nil, c)
	var out2 struct {
		RefreshToken struct {
			AccessToken  string
			RefreshToken *string
		}
	}
	mustOK(t, r2, &out2)
	c2 := cookieOf(r2, "retain_refresh")
	if out2.RefreshToken.RefreshToken != nil || c2 == nil || c2.Value == c.Value || !c2.HttpOnly {
		t.Fatalf("cookie refresh did not rotate the cookie: %s %v", r2.Raw, r2.Header["Set-Cookie"])
	}
	mustOK(t, gql(t, env, out2.RefreshToken.AccessToken, `{me{id}}`, nil), nil)

	// Without a cookie there is nothing to refresh.
	wantErr(t, postWithCookie(t, env, webRefresh, nil, nil), retain.EUNAUTHENTICATED, "")

	// Logout through the cookie clears it and ends the session.
	r3 := postWithCookie(t, env, `mutation{logout}`, nil, c2)
	mustOK(t, r3, nil)
	if c3 := cookieOf(r3, "retain_refresh"); c3 == nil || c3.MaxAge >= 0 || c3.Value != "" {
		t.Errorf("logout did not clear the cookie: %v", r3.Header["Set-Cookie"])
	}
	wantErr(t, postWithCookie(t, env, webRefresh, nil, c2), retain.EUNAUTHENTICATED, "")

	t.Run("behind HTTPS the cookie is Secure and __Host- prefixed", func(t *testing.T) {
		body, _ := json.Marshal(map[string]any{"query": web, "variables": map[string]any{"e": env.W1.Users["agentB"].Email, "p": servertest.Password}})
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-Proto", "https")
		r := send(t, req)
		mustOK(t, r, nil)
		c := cookieOf(r, "__Host-retain_refresh")
		if c == nil || !c.Secure || !c.HttpOnly || c.Path != "/" || c.Domain != "" || c.SameSite != http.SameSiteStrictMode {
			t.Errorf("cookie = %+v", c)
		}
	})
}

func TestLogoutMobile(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	s := login(t, env, env.W1, "agentB")
	_, s2 := refresh(t, env, s.Refresh)
	mustOK(t, gql(t, env, s2.Access, `mutation($t:String){logout(token:$t)}`, map[string]any{"t": s2.Refresh}), nil)
	r, _ := refresh(t, env, s2.Refresh)
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
	// Logging out with an unknown token is harmless and says nothing.
	mustOK(t, gql(t, env, "", `mutation($t:String){logout(token:$t)}`, map[string]any{"t": "unknown"}), nil)
}

// TestTokenLifetimes travels in time, so it has its own server.
func TestTokenLifetimes(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	s := login(t, env, env.W1, "agentA")
	admin := login(t, env, env.W1, "admin").Access
	var out struct{ CreateAPIToken struct{ Token string } }
	mustOK(t, gql(t, env, admin, createTokenMut, map[string]any{"in": map[string]any{"name": "erp", "scopes": []string{"customers:read"}, "expiresInDays": 1}}), &out)
	integration := out.CreateAPIToken.Token

	// Within the 30 s leeway an access token is still accepted…
	env.Clock.Advance(db.AccessTokenTTL + 10*time.Second)
	mustOK(t, gql(t, env, s.Access, `{me{id}}`, nil), nil)
	// …past it, it is not.
	env.Clock.Advance(31 * time.Second)
	want401(t, gql(t, env, s.Access, `{me{id}}`, nil))
	// The refresh token still is, and gives a fresh access token.
	r, s2 := refresh(t, env, s.Refresh)
	mustOK(t, r, nil)
	mustOK(t, gql(t, env, s2.Access, `{me{id}}`, nil), nil)

	// Integration tokens expire too.
	mustOK(t, gql(t, env, integration, `{customers{totalCount}}`, nil), nil)
	env.Clock.Advance(25 * time.Hour)
	want401(t, gql(t, env, integration, `{customers{totalCount}}`, nil))

	// Refresh tokens last 30 days.
	env.Clock.Advance(db.RefreshTokenTTL)
	r, _ = refresh(t, env, s2.Refresh)
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
}

// jwtParts splits a token and decodes its header and claims.
func jwtParts(t testing.TB, token string) (header, claims map[string]any, parts []string) {
	t.Helper()
	parts = strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", token)
	}
	for i, dst := range []*map[string]any{&header, &claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, dst); err != nil {
			t.Fatal(err)
		}
	}
	return header, claims, parts
}

// signRaw signs claims with an arbitrary method, key and header.
func signRaw(t testing.TB, method jwt.SigningMethod, key any, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func cloneClaims(c map[string]any, set map[string]any, drop ...string) jwt.MapClaims {
	out := jwt.MapClaims{}
	for k, v := range c {
		out[k] = v
	}
	for k, v := range set {
		out[k] = v
	}
	for _, k := range drop {
		delete(out, k)
	}
	return out
}

func TestForgedTokens(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	ctx := context.Background()
	w := env.W1
	access := login(t, env, w, "agentA").Access
	mustOK(t, gql(t, env, access, `{me{id}}`, nil), nil)
	header, claims, parts := jwtParts(t, access)
	kid, _ := header["kid"].(string)

	keys, err := env.DB.LoadKeys(ctx)
	if err != nil || len(keys) == 0 {
		t.Fatal(err)
	}
	real := keys[len(keys)-1]
	if real.ID != kid {
		t.Fatalf("signing kid %q is not the newest key %q", kid, real.ID)
	}
	other, _ := auth.NewKey(env.Clock.Now())
	now := env.Clock.Now()
	atHeader := map[string]any{"kid": kid, "typ": auth.TypeAccess}

	// A validly signed integration token whose record does not exist.
	iss := env.App.Issuer
	ghost, _ := iss.Sign(auth.TypeIntegration, auth.Claims{
		RegisteredClaims: auth.Registered(db.NewID(), auth.AudienceIntegration, db.NewID(), now, now.Add(time.Hour)), Workspace: w.ID, Scopes: []string{"customers:read"}})
	// An access-token claim set signed as an integration token and vice versa.
	accessAsIntegration, _ := iss.Sign(auth.TypeIntegration, auth.Claims{
		RegisteredClaims: auth.Registered(w.Users["agentA"].ID, auth.AudienceAPI, db.NewID(), now, now.Add(time.Hour)), Workspace: w.ID})
	integrationAsAccess, _ := iss.Sign(auth.TypeAccess, auth.Claims{
		RegisteredClaims: auth.Registered(w.Users["agentA"].ID, auth.AudienceIntegration, db.NewID(), now, now.Add(time.Hour)), Workspace: w.ID})
	noExp, _ := iss.Sign(auth.TypeAccess, auth.Claims{RegisteredClaims: jwt.RegisteredClaims{
		Subject: w.Users["agentA"].ID, Audience: jwt.ClaimStrings{auth.AudienceAPI}, ID: db.NewID(), IssuedAt: jwt.NewNumericDate(now)}, Workspace: w.ID})

	forgedPayload := func(set map[string]any) string {
		b, _ := json.Marshal(cloneClaims(claims, set))
		return parts[0] + "." + base64.RawURLEncoding.EncodeToString(b) + "." + parts[2]
	}
	x := base64.RawURLEncoding.EncodeToString(real.Public)

	for _, tc := range []struct{ name, token string }{
		{"payload altered (subject → admin)", forgedPayload(map[string]any{"sub": w.Users["admin"].ID})},
		{"payload altered (expiry extended)", forgedPayload(map[string]any{"exp": now.Add(24 * time.Hour).Unix()})},
		{"signature stripped", parts[0] + "." + parts[1] + "."},
		{"signature of another token", parts[0] + "." + parts[1] + "." + strings.Split(login(t, env, w, "agentB").Access, ".")[2]},
		{"alg none", signRaw(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, atHeader, cloneClaims(claims, nil))},
		{"HS256 keyed with the public key", signRaw(t, jwt.SigningMethodHS256, []byte(real.Public), atHeader, cloneClaims(claims, nil))},
		{"HS256 keyed with the JWKS x value", signRaw(t, jwt.SigningMethodHS256, []byte(x), atHeader, cloneClaims(claims, nil))},
		{"other Ed25519 key, same kid", signRaw(t, jwt.SigningMethodEdDSA, other.Private, atHeader, cloneClaims(claims, nil))},
		{"unknown kid", signRaw(t, jwt.SigningMethodEdDSA, other.Private, map[string]any{"kid": other.ID, "typ": auth.TypeAccess}, cloneClaims(claims, nil))},
		{"real key, unknown kid", signRaw(t, jwt.SigningMethodEdDSA, real.Private, map[string]any{"kid": "nope", "typ": auth.TypeAccess}, cloneClaims(claims, nil))},
		{"kid path traversal", signRaw(t, jwt.SigningMethodEdDSA, real.Private, map[string]any{"kid": "../../" + kid, "typ": auth.TypeAccess}, cloneClaims(claims, nil))},
		{"no kid", signRaw(t, jwt.SigningMethodEdDSA, real.Private, map[string]any{"typ": auth.TypeAccess}, cloneClaims(claims, nil))},
		{"no typ", signRaw(t, jwt.SigningMethodEdDSA, real.Private, map[string]any{"kid": kid}, cloneClaims(claims, nil))},
		{"missing exp", noExp},
		{"missing exp (raw)", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, nil, "exp"))},
		{"expired long ago", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"exp": now.Add(-time.Hour).Unix()}))},
		{"issued in the future", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"iat": now.Add(time.Hour).Unix()}))},
		{"not yet valid", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"nbf": now.Add(time.Hour).Unix()}))},
		{"wrong issuer", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"iss": "evil"}))},
		{"no issuer", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, nil, "iss"))},
		{"wrong audience", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"aud": "someone-else"}))},
		{"no audience", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, nil, "aud"))},
		{"integration audience as access token", integrationAsAccess},
		{"access audience as integration token", accessAsIntegration},
		{"integration token without a record", ghost},
		{"user of W2 claiming W1", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"sub": env.W2.Users["admin"].ID}))},
		{"unknown user", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"sub": db.NewID()}))},
		{"subject not an id", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"sub": "admin"}))},
		{"workspace not an id", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, map[string]any{"wid": "x'; DROP TABLE users; --"}))},
		{"no workspace", signRaw(t, jwt.SigningMethodEdDSA, real.Private, atHeader, cloneClaims(claims, nil, "wid"))},
		{"oversized", access + strings.Repeat("A", 5000)},
		{"garbage", "not-a-token"},
		{"empty segments", ".."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want401(t, gql(t, env, tc.token, `{me{id}}`, nil))
			// Even the public login mutation refuses a bad bearer token.
			want401(t, gql(t, env, tc.token, loginMobile, map[string]any{"e": w.Users["agentA"].Email, "p": servertest.Password}))
		})
	}

	t.Run("malformed Authorization headers", func(t *testing.T) {
		t.Parallel()
		for _, h := range []string{"Basic " + access, "bearer", "Bearer", "Token " + access} {
			req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", strings.NewReader(`{"query":"{me{id}}"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", h)
			want401(t, send(t, req))
		}
	})
	t.Run("anonymous me", func(t *testing.T) {
		t.Parallel()
		wantErr(t, gql(t, env, "", `{me{id}}`, nil), retain.EUNAUTHENTICATED, "")
	})
}

func TestJWKSAndKeyRotation(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	ctx := context.Background()
	old := login(t, env, env.W1, "agentA").Access
	h, _, _ := jwtParts(t, old)
	oldKid := h["kid"].(string)
	if h["alg"] != "EdDSA" {
		t.Errorf("alg = %v, want EdDSA", h["alg"])
	}

	jwks := func() map[string]map[string]any {
		resp, err := http.Get(env.URL + "/.well-known/jwks.json")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var doc struct{ Keys []map[string]any }
		if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&doc) != nil {
			t.Fatalf("jwks: HTTP %d", resp.StatusCode)
		}
		out := map[string]map[string]any{}
		for _, k := range doc.Keys {
			if _, private := k["d"]; private {
				t.Errorf("JWKS publishes private key material: %v", k)
			}
			out[k["kid"].(string)] = k
		}
		return out
	}
	if k, ok := jwks()[oldKid]; !ok || k["kty"] != "OKP" || k["crv"] != "Ed25519" || k["alg"] != "EdDSA" {
		t.Fatalf("JWKS lacks kid %q: %v", oldKid, jwks())
	}
	if x, _ := jwks()[oldKid]["x"].(string); func() bool {
		b, err := base64.RawURLEncoding.DecodeString(x)
		return err != nil || len(b) != ed25519.PublicKeySize
	}() {
		t.Errorf("bad x %q", x)
	}

	if err := env.DB.RotateKeys(ctx); err != nil {
		t.Fatal(err)
	}
	keys, err := env.DB.LoadKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.App.Issuer.Ring.Replace(keys); err != nil {
		t.Fatal(err)
	}
	// The old token keeps working: rotation signs nobody out.
	mustOK(t, gql(t, env, old, `{me{id}}`, nil), nil)
	fresh := login(t, env, env.W1, "agentA").Access
	h2, _, _ := jwtParts(t, fresh)
	newKid := h2["kid"].(string)
	if newKid == oldKid {
		t.Fatal("a token signed after rotation still uses the old kid")
	}
	mustOK(t, gql(t, env, fresh, `{me{id}}`, nil), nil)
	set := jwks()
	if _, ok := set[oldKid]; !ok {
		t.Error("JWKS dropped the retired key while its tokens are still valid")
	}
	if _, ok := set[newKid]; !ok {
		t.Error("JWKS lacks the new key")
	}
}

const createTokenMut = `mutation($in:CreateApiTokenInput!){createApiToken(input:$in){token apiToken{id name scopes expiresAt}}}`

func TestIntegrationTokens(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	agent := login(t, env, w, "agentA").Access
	admin2 := login(t, env, env.W2, "admin").Access
	c := createCustomer(t, env, admin, customerIn(w, "Token Target", "agentA"))

	mk := func(tok string, scopes ...string) (string, string) {
		t.Helper()
		var out struct {
			CreateAPIToken struct {
				Token    string
				APIToken struct{ ID string } `json:"apiToken"`
			}
		}
		mustOK(t, gql(t, env, tok, createTokenMut, map[string]any{"in": map[string]any{"name": "erp", "scopes": scopes, "expiresInDays": 30}}), &out)
		return out.CreateAPIToken.Token, out.CreateAPIToken.APIToken.ID
	}
	read, readID := mk(admin, "customers:read")
	write, _ := mk(admin, "customers:read", "customers:write")
	other, _ := mk(admin2, "customers:read", "customers:write")

	t.Run("shown once", func(t *testing.T) {
		r := gql(t, env, admin, `{apiTokens{id name scopes expiresAt revokedAt}}`, nil)
		mustOK(t, r, nil)
		if strings.Contains(r.Raw, read) || strings.Contains(r.Raw, strings.Split(read, ".")[2]) {
			t.Error("apiTokens shows the token again")
		}
		if !strings.Contains(r.Raw, readID) {
			t.Errorf("apiTokens lacks the token record: %s", r.Raw)
		}
	})
	t.Run("read scope reads", func(t *testing.T) {
		var out struct{ Customers connection }
		mustOK(t, gql(t, env, read, `{customers{totalCount edges{node{id name}}}}`, nil), &out)
		if out.Customers.TotalCount != 1 {
			t.Errorf("totalCount = %d, want 1", out.Customers.TotalCount)
		}
		mustOK(t, gql(t, env, read, `query($id:ID!){customer(id:$id){name owner{name}}}`, map[string]any{"id": c.ID}), nil)
	})
	t.Run("read scope cannot write", func(t *testing.T) {
		before := dbState(t, env)
		wantErr(t, gql(t, env, read, createCustomerMut, map[string]any{"in": customerIn(w, "Nope", "agentA")}), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, read, `mutation($id:ID!){archiveCustomer(id:$id,version:1){id}}`, map[string]any{"id": c.ID}), retain.EFORBIDDEN, "")
		unchanged(t, env, before)
	})
	t.Run("tokens cannot administer", func(t *testing.T) {
		before := dbState(t, env)
		wantErr(t, gql(t, env, write, createTokenMut, map[string]any{"in": map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 1}}), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, write, `mutation{createUser(input:{email:"t@one.test",name:"T",role:ADMIN,password:"long-enough-pw"}){id}}`, nil), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, write, `mutation($ids:[ID!]!,$o:ID!){reassignCustomers(ids:$ids,ownerId:$o){id}}`, map[string]any{"ids": []string{c.ID}, "o": w.Users["agentB"].ID}), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, write, `{me{id}}`, nil), retain.EUNAUTHENTICATED, "")
		unchanged(t, env, before)
	})
	t.Run("write scope writes, audited as the token", func(t *testing.T) {
		id := createCustomer(t, env, write, customerIn(w, "From ERP", "agentB")).ID
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'customer.create' AND actor_token_id IS NOT NULL AND actor_user_id IS NULL", id); n != 1 {
			t.Errorf("audit rows by token = %d, want 1", n)
		}
	})
	t.Run("a token without customers:read reads nothing", func(t *testing.T) {
		orders, _ := mk(admin, "orders:write")
		wantErr(t, gql(t, env, orders, `{customers{totalCount}}`, nil), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, orders, `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": c.ID}), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, orders, `{relationshipTypes{id}}`, nil), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, orders, `{users{id}}`, nil), retain.EFORBIDDEN, "")
	})
	t.Run("other workspace's token sees nothing here", func(t *testing.T) {
		before := dbState(t, env)
		r := gql(t, env, other, `query($id:ID!){customer(id:$id){id name}}`, map[string]any{"id": c.ID})
		wantErr(t, r, retain.ENOTFOUND, "")
		wantErr(t, gql(t, env, other, `mutation($id:ID!){updateCustomer(id:$id,version:1,input:{name:"pwned"}){id}}`, map[string]any{"id": c.ID}), retain.ENOTFOUND, "")
		var out struct{ Customers connection }
		mustOK(t, gql(t, env, other, `{customers{totalCount edges{node{id}}}}`, nil), &out)
		if out.Customers.TotalCount != 0 || len(out.Customers.Edges) != 0 {
			t.Errorf("W2 token sees W1 customers: %+v", out.Customers)
		}
		unchanged(t, env, before)
	})
	t.Run("agent cannot create tokens", func(t *testing.T) {
		before := dbState(t, env)
		wantErr(t, gql(t, env, agent, createTokenMut, map[string]any{"in": map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 1}}), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, agent, `{apiTokens{id}}`, nil), retain.EFORBIDDEN, "")
		wantErr(t, gql(t, env, agent, `mutation($id:ID!){revokeApiToken(id:$id){id}}`, map[string]any{"id": readID}), retain.EFORBIDDEN, "")
		unchanged(t, env, before)
	})
	t.Run("bad token requests", func(t *testing.T) {
		before := dbState(t, env)
		for _, tc := range []struct {
			name  string
			in    map[string]any
			field string
		}{
			{"no scopes", map[string]any{"name": "x", "scopes": []string{}, "expiresInDays": 1}, "input.scopes"},
			{"unknown scope", map[string]any{"name": "x", "scopes": []string{"admin:*"}, "expiresInDays": 1}, "input.scopes"},
			{"zero days", map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 0}, "input.expiresInDays"},
			{"negative days", map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": -5}, "input.expiresInDays"},
			{"three years", map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 3 * 365}, "input.expiresInDays"},
			{"huge days", map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 2147483647}, "input.expiresInDays"},
			{"days overflowing to 700", map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 214204}, "input.expiresInDays"},
			{"empty name", map[string]any{"name": " ", "scopes": []string{"customers:read"}, "expiresInDays": 1}, "input.name"},
			{"long name", map[string]any{"name": strings.Repeat("n", 101), "scopes": []string{"customers:read"}, "expiresInDays": 1}, "input.name"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, admin, createTokenMut, map[string]any{"in": tc.in}), retain.EINVALID, tc.field)
			})
		}
		wantErr(t, gql(t, env, admin, `mutation{revokeApiToken(id:"nope"){id}}`, nil), retain.ENOTFOUND, "")
		wantErr(t, gql(t, env, admin, `mutation($id:ID!){revokeApiToken(id:$id){id}}`, map[string]any{"id": db.NewID()}), retain.ENOTFOUND, "")
		unchanged(t, env, before)
	})
	t.Run("W2 admin cannot revoke a W1 token", func(t *testing.T) {
		wantErr(t, gql(t, env, admin2, `mutation($id:ID!){revokeApiToken(id:$id){id}}`, map[string]any{"id": readID}), retain.ENOTFOUND, "")
		mustOK(t, gql(t, env, read, `{customers{totalCount}}`, nil), nil)
	})
	t.Run("revoked token is refused at once", func(t *testing.T) {
		var out struct{ RevokeAPIToken struct{ RevokedAt *string } }
		mustOK(t, gql(t, env, admin, `mutation($id:ID!){revokeApiToken(id:$id){revokedAt}}`, map[string]any{"id": readID}), &out)
		if out.RevokeAPIToken.RevokedAt == nil {
			t.Error("revokedAt not set")
		}
		want401(t, gql(t, env, read, `{customers{totalCount}}`, nil))
	})
}
