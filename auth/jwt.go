package auth

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token kinds, carried in the typ header so one kind can never be used as another.
const (
	TypeAccess      = "at+jwt"
	TypeIntegration = "integration+jwt"
)

// Audiences per token kind.
const (
	AudienceAPI         = "retain-api"
	AudienceIntegration = "retain-integration"
)

// Claims are the claims Retain puts in its tokens.
type Claims struct {
	jwt.RegisteredClaims
	// Workspace is the workspace the token acts in.
	Workspace string `json:"wid"`
	// Scopes limit integration tokens.
	Scopes []string `json:"scp,omitempty"`
}

// Issuer signs and verifies tokens for one issuer name.
type Issuer struct {
	Name   string
	Ring   *Keyring
	Leeway time.Duration
	// Now is the clock; tests move it.
	Now func() time.Time
	// verified remembers tokens whose signature checked out (see verifiedTokens).
	verified verifiedTokens
}

// ErrInvalidToken is returned for any token that fails verification; the
// cause is deliberately not detailed to clients.
var ErrInvalidToken = errors.New("auth: invalid token")

// Sign signs claims as a token of the given type with the current signing key.
func (i *Issuer) Sign(typ string, c Claims) (string, error) {
	k := i.Ring.signingKey()
	c.Issuer = i.Name
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	t.Header["kid"] = k.ID
	t.Header["typ"] = typ
	return t.SignedString(k.Private)
}

// Verify checks signature (EdDSA only), kid, typ, issuer, audience and
// expiry (required), and returns the claims.
func (i *Issuer) Verify(token, typ, audience string) (*Claims, error) {
	if len(token) > 4096 {
		return nil, ErrInvalidToken
	}
	if c, ok := i.verified.lookup(token, typ, audience, i); ok {
		return c, nil
	}
	var c Claims
	var kid string
	_, err := jwt.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) {
		if h, _ := t.Header["typ"].(string); h != typ {
			return nil, ErrInvalidToken
		}
		kid, _ = t.Header["kid"].(string)
		k, ok := i.Ring.lookup(kid)
		if !ok {
			return nil, ErrInvalidToken
		}
		return k.Public, nil
	},
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(i.Name),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(i.Leeway),
		jwt.WithTimeFunc(i.Now),
	)
	if err != nil || c.Subject == "" || c.Workspace == "" || c.ID == "" {
		return nil, ErrInvalidToken
	}
	i.verified.remember(token, typ, audience, kid, &c)
	return &c, nil
}

// Registered builds the registered claims of a token.
func Registered(subject, audience, id string, issuedAt, expires time.Time) jwt.RegisteredClaims {
	return jwt.RegisteredClaims{
		Subject: subject, Audience: jwt.ClaimStrings{audience}, ID: id,
		IssuedAt: jwt.NewNumericDate(issuedAt), NotBefore: jwt.NewNumericDate(issuedAt),
		ExpiresAt: jwt.NewNumericDate(expires),
	}
}
