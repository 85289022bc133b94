// Package auth holds the cryptography of sign-in: JWT signing and
// verification with rotating Ed25519 keys, password hashing and refresh
// token generation. It knows nothing of HTTP or the database.
package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"sync"
	"time"
)

// Key is one signing key. The newest key that is not retired signs; every
// key still in the ring verifies, so rotating never signs anyone out.
type Key struct {
	ID        string
	Private   ed25519.PrivateKey
	Public    ed25519.PublicKey
	CreatedAt time.Time
	RetiredAt *time.Time
}

// NewKey generates a fresh key with a random kid.
func NewKey(now time.Time) (*Key, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return &Key{ID: base64.RawURLEncoding.EncodeToString(b), Private: priv, Public: pub, CreatedAt: now}, nil
}

var kidPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Keyring is the set of keys this server signs and verifies with. It is safe
// for concurrent use and can be replaced wholesale when keys rotate.
type Keyring struct {
	mu   sync.RWMutex
	keys map[string]*Key
	// signer is the newest unretired key.
	signer *Key
}

// NewKeyring builds a ring from keys; at least one must be unretired.
func NewKeyring(keys []*Key) (*Keyring, error) {
	r := &Keyring{}
	return r, r.Replace(keys)
}

// Replace swaps in a new key set (after a rotation by any replica).
func (r *Keyring) Replace(keys []*Key) error {
	m := make(map[string]*Key, len(keys))
	var signer *Key
	sorted := append([]*Key(nil), keys...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].CreatedAt.Before(sorted[j].CreatedAt) })
	for _, k := range sorted {
		if !kidPattern.MatchString(k.ID) || len(k.Private) != ed25519.PrivateKeySize {
			return fmt.Errorf("auth: malformed key %q", k.ID)
		}
		m[k.ID] = k
		if k.RetiredAt == nil {
			signer = k
		}
	}
	if signer == nil {
		return errors.New("auth: no active signing key")
	}
	r.mu.Lock()
	r.keys, r.signer = m, signer
	r.mu.Unlock()
	return nil
}

func (r *Keyring) signingKey() *Key {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.signer
}

func (r *Keyring) lookup(kid string) (*Key, bool) {
	if !kidPattern.MatchString(kid) {
		return nil, false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, ok := r.keys[kid]
	return k, ok
}

// JWKS returns the public keys as a JSON Web Key Set document.
func (r *Keyring) JWKS() map[string]any {
	r.mu.RLock()
	defer r.mu.RUnlock()
	keys := make([]map[string]string, 0, len(r.keys))
	for _, k := range r.keys {
		keys = append(keys, map[string]string{
			"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": k.ID,
			"x": base64.RawURLEncoding.EncodeToString(k.Public),
		})
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i]["kid"] < keys[j]["kid"] })
	return map[string]any{"keys": keys}
}
