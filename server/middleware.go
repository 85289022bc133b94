package server

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/graph"
)

// maxBodyBytes caps request bodies before anything parses them.
const maxBodyBytes = 1 << 20

// withRequestID gives every request an id for logs, errors and the audit log.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(retain.WithRequestID(r.Context(), id)))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer (websockets).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// withLogging logs each request, and turns a panic into a 500 without
// showing it to the client.
func withLogging(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				log.ErrorContext(r.Context(), "panic", "request_id", retain.RequestID(r.Context()), "panic", p, "stack", string(debug.Stack()))
				writeError(rec, http.StatusInternalServerError, retain.EINTERNAL, "internal error")
			}
			log.DebugContext(r.Context(), "request", "request_id", retain.RequestID(r.Context()), "method", r.Method,
				"path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

// withBodyLimit rejects bodies over the limit with 413 before parsing.
func withBodyLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, retain.EINVALID, "the request body is too large")
			return
		}
		if r.ContentLength < 0 {
			// A chunked body has no length to check up front, and gqlgen
			// reports a failed read as a 200; read it here (it is small)
			// so an oversized one gets the same 413.
			b, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
			if err != nil {
				writeError(w, http.StatusBadRequest, retain.EINVALID, "the request body could not be read")
				return
			}
			if len(b) > maxBodyBytes {
				writeError(w, http.StatusRequestEntityTooLarge, retain.EINVALID, "the request body is too large")
				return
			}
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// withAuthentication turns a bearer token into the request's actor. A
// request without a token stays anonymous (it may still sign in); a bad
// token is refused outright.
func withAuthentication(auth retain.AuthService, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			writeError(w, http.StatusUnauthorized, retain.EUNAUTHENTICATED, "use an Authorization: Bearer token")
			return
		}
		a, err := auth.Authenticate(r.Context(), strings.TrimSpace(token))
		if err != nil {
			if retain.ErrorCode(err) == retain.EUNAUTHENTICATED {
				writeError(w, http.StatusUnauthorized, retain.EUNAUTHENTICATED, retain.ErrorMessage(err))
			} else {
				writeError(w, http.StatusServiceUnavailable, retain.EINTERNAL, "internal error")
			}
			return
		}
		next.ServeHTTP(w, r.WithContext(retain.WithActor(r.Context(), a)))
	})
}

// refreshCookieName is __Host- prefixed when Secure, so no subdomain can set it.
const refreshCookieName = "retain_refresh"

// httpRefreshCookie implements graph.RefreshCookie for one request.
type httpRefreshCookie struct {
	w      http.ResponseWriter
	r      *http.Request
	secure bool
}

func (c *httpRefreshCookie) name() string {
	if c.secure {
		return "__Host-" + refreshCookieName
	}
	return refreshCookieName
}

func (c *httpRefreshCookie) Get() string {
	if k, err := c.r.Cookie(c.name()); err == nil {
		return k.Value
	}
	return ""
}

func (c *httpRefreshCookie) Set(token string, expires time.Time) {
	http.SetCookie(c.w, &http.Cookie{Name: c.name(), Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: c.secure, SameSite: http.SameSiteStrictMode})
}

func (c *httpRefreshCookie) Clear() {
	http.SetCookie(c.w, &http.Cookie{Name: c.name(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: c.secure, SameSite: http.SameSiteStrictMode})
}

// withRefreshCookie lets the auth resolvers read and write the cookie.
func withRefreshCookie(mode string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secure := mode == "true" || (mode == "auto" && (r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"))
		c := &httpRefreshCookie{w: w, r: r, secure: secure}
		next.ServeHTTP(w, r.WithContext(graph.WithRefreshCookie(r.Context(), c)))
	})
}

// writeError answers in the GraphQL error shape so clients handle one format.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}
