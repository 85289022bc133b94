package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"

	"golang.org/x/crypto/bcrypt"
)

// Passwords hashes and checks passwords with bcrypt.
type Passwords struct {
	// Cost is the bcrypt cost; tests lower it to bcrypt.MinCost.
	Cost int
}

// Hash returns the bcrypt hash of pw.
func (p Passwords) Hash(pw string) (string, error) {
	cost := p.Cost
	if cost == 0 {
		cost = 12
	}
	b, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	return string(b), err
}

// Check reports whether pw matches hash.
func (p Passwords) Check(hash, pw string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// CheckMissing burns about the time a real check takes, so a sign-in for an
// unknown email cannot be told apart by timing; it always reports false.
func (p Passwords) CheckMissing(pw string) bool {
	_, _ = p.Hash(pw)
	return false
}

// NewOpaqueToken returns a random refresh token and the hash to store.
func NewOpaqueToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err = rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashOpaque(token), nil
}

// HashOpaque hashes an opaque token for storage and lookup.
func HashOpaque(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
