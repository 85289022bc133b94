package auth

import (
	"sync"
	"sync/atomic"
)

// maxVerifiedTokens bounds the memory of verifiedTokens; when full it starts afresh.
const maxVerifiedTokens = 10_000

// verifiedTokens remembers the claims of tokens whose signature verified,
// so a client's every request does not pay an Ed25519 verification (a
// tenth of a list page's CPU). A token is immutable, so what is cached is
// only the signature check: the time window is checked on every use, and an
// entry counts only while the key that signed it is still in the keyring.
// What a token's holder may do right now (a deactivated user, a revoked
// integration token) is the caller's database check, made every time.
type verifiedTokens struct {
	entries sync.Map // verifiedKey → *verifiedEntry
	size    atomic.Int64
}

type verifiedKey struct{ token, typ, audience string }

type verifiedEntry struct {
	claims Claims
	kid    string
}

func (v *verifiedTokens) lookup(token, typ, audience string, i *Issuer) (*Claims, bool) {
	e, ok := v.entries.Load(verifiedKey{token, typ, audience})
	if !ok {
		return nil, false
	}
	entry := e.(*verifiedEntry)
	if _, ok := i.Ring.lookup(entry.kid); !ok {
		return nil, false
	}
	now := i.Now()
	c := entry.claims
	if c.ExpiresAt == nil || !now.Before(c.ExpiresAt.Add(i.Leeway)) ||
		c.IssuedAt == nil || now.Add(i.Leeway).Before(c.IssuedAt.Time) ||
		c.NotBefore != nil && now.Add(i.Leeway).Before(c.NotBefore.Time) {
		return nil, false
	}
	c.Scopes = append([]string(nil), c.Scopes...)
	return &c, true
}

func (v *verifiedTokens) remember(token, typ, audience, kid string, c *Claims) {
	if v.size.Add(1) > maxVerifiedTokens {
		v.entries.Clear()
		v.size.Store(1)
	}
	cp := *c
	cp.Scopes = append([]string(nil), c.Scopes...)
	v.entries.Store(verifiedKey{token, typ, audience}, &verifiedEntry{claims: cp, kid: kid})
}
