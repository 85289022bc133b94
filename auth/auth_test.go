package auth_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/retain-crm/retain/auth"
)

var t0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func newIssuer(t *testing.T, now *time.Time) (*auth.Issuer, *auth.Key) {
	t.Helper()
	k, err := auth.NewKey(t0)
	if err != nil {
		t.Fatal(err)
	}
	ring, err := auth.NewKeyring([]*auth.Key{k})
	if err != nil {
		t.Fatal(err)
	}
	return &auth.Issuer{Name: "retain", Ring: ring, Leeway: 30 * time.Second, Now: func() time.Time { return *now }}, k
}

func claims(now time.Time, ttl time.Duration) auth.Claims {
	return auth.Claims{RegisteredClaims: auth.Registered("sub-1", auth.AudienceAPI, "jti-1", now, now.Add(ttl)), Workspace: "ws-1"}
}

func TestSignVerify(t *testing.T) {
	t.Parallel()
	now := t0
	iss, k := newIssuer(t, &now)
	tok, err := iss.Sign(auth.TypeAccess, claims(now, 10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	c, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI)
	if err != nil || c.Subject != "sub-1" || c.Workspace != "ws-1" || c.Issuer != "retain" {
		t.Fatalf("verify: %+v, %v", c, err)
	}
	if _, err := iss.Verify(tok, auth.TypeIntegration, auth.AudienceAPI); err == nil {
		t.Error("accepted under another typ")
	}
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceIntegration); err == nil {
		t.Error("accepted for another audience")
	}

	now = t0.Add(10*time.Minute + 20*time.Second)
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err != nil {
		t.Errorf("rejected within the leeway: %v", err)
	}
	now = t0.Add(10*time.Minute + 31*time.Second)
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err == nil {
		t.Error("accepted after expiry plus leeway")
	}

	now = t0
	mc := jwt.MapClaims{"iss": "retain", "sub": "s", "aud": auth.AudienceAPI, "jti": "j", "wid": "w", "exp": t0.Add(time.Hour).Unix()}
	sign := func(m jwt.SigningMethod, key any, hdr map[string]any, c jwt.MapClaims) string {
		tk := jwt.NewWithClaims(m, c)
		for k, v := range hdr {
			tk.Header[k] = v
		}
		s, err := tk.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hdr := map[string]any{"kid": k.ID, "typ": auth.TypeAccess}
	other, _ := auth.NewKey(t0)
	noExp := jwt.MapClaims{}
	for k, v := range mc {
		if k != "exp" {
			noExp[k] = v
		}
	}
	if _, err := iss.Verify(sign(jwt.SigningMethodEdDSA, k.Private, hdr, mc), auth.TypeAccess, auth.AudienceAPI); err != nil {
		t.Fatalf("control token rejected: %v", err)
	}
	for name, tok := range map[string]string{
		"alg none":             sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, hdr, mc),
		"HS256 with public":    sign(jwt.SigningMethodHS256, []byte(k.Public), hdr, mc),
		"other key, same kid":  sign(jwt.SigningMethodEdDSA, other.Private, hdr, mc),
		"unknown kid":          sign(jwt.SigningMethodEdDSA, k.Private, map[string]any{"kid": "nope", "typ": auth.TypeAccess}, mc),
		"malformed kid":        sign(jwt.SigningMethodEdDSA, k.Private, map[string]any{"kid": "a/b", "typ": auth.TypeAccess}, mc),
		"no exp":               sign(jwt.SigningMethodEdDSA, k.Private, hdr, noExp),
		"oversized":            sign(jwt.SigningMethodEdDSA, k.Private, hdr, jwt.MapClaims{"pad": strings.Repeat("x", 5000), "exp": mc["exp"]}),
		"wrong issuer":         sign(jwt.SigningMethodEdDSA, k.Private, hdr, jwt.MapClaims{"iss": "x", "sub": "s", "aud": auth.AudienceAPI, "jti": "j", "wid": "w", "exp": mc["exp"]}),
		"no workspace":         sign(jwt.SigningMethodEdDSA, k.Private, hdr, jwt.MapClaims{"iss": "retain", "sub": "s", "aud": auth.AudienceAPI, "jti": "j", "exp": mc["exp"]}),
		"no subject":           sign(jwt.SigningMethodEdDSA, k.Private, hdr, jwt.MapClaims{"iss": "retain", "wid": "w", "aud": auth.AudienceAPI, "jti": "j", "exp": mc["exp"]}),
		"issued in the future": sign(jwt.SigningMethodEdDSA, k.Private, hdr, jwt.MapClaims{"iss": "retain", "sub": "s", "wid": "w", "aud": auth.AudienceAPI, "jti": "j", "exp": mc["exp"], "iat": t0.Add(time.Hour).Unix()}),
		"garbage":              "a.b.c",
	} {
		if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestKeyringRotation(t *testing.T) {
	t.Parallel()
	now := t0
	iss, old := newIssuer(t, &now)
	before, _ := iss.Sign(auth.TypeAccess, claims(now, time.Hour))
	fresh, _ := auth.NewKey(t0.Add(time.Minute))
	retired := t0.Add(time.Minute)
	old.RetiredAt = &retired
	if err := iss.Ring.Replace([]*auth.Key{fresh, old}); err != nil {
		t.Fatal(err)
	}
	after, _ := iss.Sign(auth.TypeAccess, claims(now, time.Hour))
	if !strings.Contains(header(t, after), fresh.ID) {
		t.Error("new tokens are not signed with the new key")
	}
	for _, tok := range []string{before, after} {
		if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err != nil {
			t.Errorf("rotation broke a token: %v", err)
		}
	}
	jwks := iss.Ring.JWKS()["keys"].([]map[string]string)
	if len(jwks) != 2 {
		t.Fatalf("JWKS has %d keys", len(jwks))
	}
	for _, k := range jwks {
		if _, ok := k["d"]; ok || k["kty"] != "OKP" || k["alg"] != "EdDSA" {
			t.Errorf("bad JWK %v", k)
		}
	}
	if err := iss.Ring.Replace([]*auth.Key{old}); err == nil {
		t.Error("a ring of retired keys was accepted")
	}
	if err := iss.Ring.Replace([]*auth.Key{{ID: "bad kid!", Private: fresh.Private, Public: fresh.Public}}); err == nil {
		t.Error("a malformed kid was accepted")
	}
	// A failed Replace leaves the ring as it was.
	if _, err := iss.Verify(after, auth.TypeAccess, auth.AudienceAPI); err != nil {
		t.Errorf("failed Replace damaged the ring: %v", err)
	}
}

func header(t *testing.T, tok string) string {
	t.Helper()
	p, err := jwt.NewParser().DecodeSegment(strings.Split(tok, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(p)
}

func TestPasswordsAndOpaqueTokens(t *testing.T) {
	t.Parallel()
	pw := auth.Passwords{Cost: 4}
	h, err := pw.Hash("correct horse battery")
	if err != nil || !pw.Check(h, "correct horse battery") || pw.Check(h, "correct horse batterY") || pw.Check("", "") {
		t.Fatalf("hash/check: %v", err)
	}
	if pw.CheckMissing("anything") {
		t.Error("CheckMissing reported a match")
	}
	a, ha, _ := auth.NewOpaqueToken()
	b, hb, _ := auth.NewOpaqueToken()
	if a == b || bytes.Equal(ha, hb) || !bytes.Equal(ha, auth.HashOpaque(a)) || len(a) < 40 {
		t.Errorf("opaque tokens: %q %q", a, b)
	}
}

// TestVerifiedTokensStayChecked proves remembering verified tokens skips
// only the signature check of the very same token: a dropped key, a token
// before its issue time and any altered byte are still refused.
func TestVerifiedTokensStayChecked(t *testing.T) {
	t.Parallel()
	now := t0
	iss, old := newIssuer(t, &now)
	tok, _ := iss.Sign(auth.TypeAccess, claims(now, time.Hour))
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err != nil {
		t.Fatal(err)
	}
	for i := len(tok) - 10; i < len(tok)-5; i++ { // signature bytes, clear of the last character's padding bits
		altered := []byte(tok)
		altered[i] ^= 1
		if _, err := iss.Verify(string(altered), auth.TypeAccess, auth.AudienceAPI); err == nil {
			t.Errorf("a token altered at byte %d was accepted", i)
		}
	}
	now = t0.Add(-time.Minute)
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err == nil {
		t.Error("accepted before its issue time")
	}
	now = t0.Add(time.Minute)
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err != nil {
		t.Fatalf("a remembered token was refused: %v", err)
	}
	fresh, _ := auth.NewKey(now)
	if err := iss.Ring.Replace([]*auth.Key{fresh}); err != nil {
		t.Fatal(err)
	}
	if _, err := iss.Verify(tok, auth.TypeAccess, auth.AudienceAPI); err == nil {
		t.Errorf("accepted after its key %s left the ring", old.ID)
	}
}
