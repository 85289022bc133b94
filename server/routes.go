package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/cors"

	"github.com/retain-crm/retain/graph"
)

// NewHandler builds the whole HTTP surface of Retain.
func NewHandler(app *App) http.Handler {
	cfg := app.Config
	gql := graph.NewHandler(app.Resolver, graph.Options{
		Introspection: cfg.Introspection, MaxComplexity: 5000, MaxDepth: 12, MaxQueryBytes: 32 << 10,
		ParserTokenLimit: 15000, Log: app.Log,
		Websocket: &graph.Websocket{
			Authenticate: app.Resolver.AuthService.Authenticate, AllowedOrigins: cfg.AllowedOrigins,
			InitTimeout: cfg.WSInitTimeout, PingInterval: 25 * time.Second, RecheckInterval: cfg.WSRecheckInterval,
			ReadLimit: 64 << 10, MaxOperations: 20, Closing: app.closing, Log: app.Log,
		},
	})
	mux := http.NewServeMux()
	mux.Handle("/graphql", withBodyLimit(withRefreshCookie(cfg.CookieSecure, withAuthentication(app.Resolver.AuthService, withIdempotencyKey(gql)))))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := app.DB.PingContext(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	mux.HandleFunc("GET /.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		writeJSON(w, http.StatusOK, app.Issuer.Ring.JWKS())
	})
	mux.Handle("/", spaHandler(cfg.StaticDir))

	c := cors.New(cors.Options{
		AllowedOrigins:   cfg.AllowedOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Authorization", "Content-Type", "Idempotency-Key"},
		ExposedHeaders:   []string{"X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           600,
	})
	return withRequestID(withLogging(app.Log, c.Handler(mux)))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// spaHandler serves the built SPA: real files as they are, every other path
// the index page so client-side routes survive a reload.
func spaHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		index := filepath.Join(dir, "index.html")
		if _, err := os.Stat(index); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(`<!doctype html><title>Retain</title><p>Retain's API is running at <a href="/graphql">/graphql</a>. The web app is not built yet: run <code>npm run build</code>.</p>`))
			return
		}
		clean := filepath.Clean("/" + r.URL.Path)
		if clean != "/" {
			if st, err := os.Stat(filepath.Join(dir, clean)); err == nil && !st.IsDir() {
				if strings.HasPrefix(clean, "/assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFile(w, r, index)
	})
}
