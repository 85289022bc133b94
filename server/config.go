// Package server is Retain's composition root: configuration, the command
// line, wiring of services, HTTP routes and middleware, and graceful shutdown.
package server

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Config is everything Retain reads from its environment.
type Config struct {
	// Addr is the HTTP listen address (RETAIN_ADDR).
	Addr string
	// DatabaseURL selects an external PostgreSQL; empty starts the embedded one (DATABASE_URL).
	DatabaseURL string
	// DataDir holds the embedded database (RETAIN_DATA_DIR).
	DataDir string
	// PGBin overrides where the PostgreSQL binaries are (RETAIN_PG_BIN).
	PGBin string
	// StaticDir is the built SPA served at / (RETAIN_STATIC_DIR).
	StaticDir string
	// AllowedOrigins may call the API from a browser (RETAIN_ALLOWED_ORIGINS, comma-separated).
	AllowedOrigins []string
	// Issuer names this installation in tokens (RETAIN_ISSUER).
	Issuer string
	// Introspection enables schema introspection (RETAIN_INTROSPECTION).
	Introspection bool
	// LogLevel and LogFormat (RETAIN_LOG_LEVEL: debug|info|warn|error; RETAIN_LOG_FORMAT: text|json).
	LogLevel  slog.Level
	LogFormat string
	// DBMaxConns sizes the connection pool (RETAIN_DB_MAX_CONNS).
	DBMaxConns int
	// StatementTimeout cancels runaway SQL (RETAIN_STATEMENT_TIMEOUT, a Go duration).
	StatementTimeout time.Duration
	// BcryptCost is the password hashing cost (RETAIN_BCRYPT_COST).
	BcryptCost int
	// SeedDemo: auto seeds an empty embedded database; always also seeds an
	// empty external one; never seeds nothing (RETAIN_SEED_DEMO).
	SeedDemo string
	// DemoCustomers is the size of the automatic demo (RETAIN_DEMO_CUSTOMERS).
	DemoCustomers int
	// CookieSecure: auto marks cookies Secure on HTTPS requests; true or false force it (RETAIN_COOKIE_SECURE).
	CookieSecure string
	// ShutdownTimeout bounds graceful shutdown (RETAIN_SHUTDOWN_TIMEOUT).
	ShutdownTimeout time.Duration
	// SweepInterval is how often risk is rescored for what time alone
	// changes (RETAIN_SWEEP_INTERVAL; 0 disables the sweep).
	SweepInterval time.Duration
	// WSInitTimeout closes sockets that do not authenticate in time (RETAIN_WS_INIT_TIMEOUT).
	WSInitTimeout time.Duration
	// WSRecheckInterval re-validates socket tokens so revocation closes them (RETAIN_WS_RECHECK_INTERVAL).
	WSRecheckInterval time.Duration
	// PprofAddr, when set, serves net/http/pprof on this separate address
	// (RETAIN_PPROF_ADDR, e.g. 127.0.0.1:6060); for profiling, off by default.
	PprofAddr string
	// GCPercent and MemoryLimitMB tune the garbage collector of `retain
	// serve` (RETAIN_GC_PERCENT, default 100 as in Go; RETAIN_MEMORY_LIMIT_MB,
	// default 256, a soft limit). A higher percent buys request throughput
	// with memory: at 400 the smallest heap goal is 16 MB, which idle
	// websockets' set-up garbage fills before a collection. 0 keeps Go's default.
	GCPercent     int
	MemoryLimitMB int
	// DisableAlerting stores no alerts and queues no bus events while still
	// keeping scores fresh (RETAIN_ALERTING=false); for the write benchmark.
	DisableAlerting bool
}

// LoadConfig reads the configuration through getenv, applying defaults.
func LoadConfig(getenv func(string) string) (Config, error) {
	env := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Addr:         env("RETAIN_ADDR", "127.0.0.1:8080"),
		DatabaseURL:  env("DATABASE_URL", ""),
		DataDir:      env("RETAIN_DATA_DIR", ".retain"),
		PGBin:        env("RETAIN_PG_BIN", ""),
		StaticDir:    env("RETAIN_STATIC_DIR", "frontend/dist"),
		Issuer:       env("RETAIN_ISSUER", "retain"),
		LogFormat:    env("RETAIN_LOG_FORMAT", "text"),
		SeedDemo:     env("RETAIN_SEED_DEMO", "auto"),
		CookieSecure: env("RETAIN_COOKIE_SECURE", "auto"),
	}
	for _, o := range strings.Split(env("RETAIN_ALLOWED_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			if o == "*" || strings.Contains(o, "*") {
				return c, fmt.Errorf("RETAIN_ALLOWED_ORIGINS: wildcards are not allowed (%q); list exact origins", o)
			}
			c.AllowedOrigins = append(c.AllowedOrigins, o)
		}
	}
	var err error
	if c.Introspection, err = strconv.ParseBool(env("RETAIN_INTROSPECTION", "false")); err != nil {
		return c, fmt.Errorf("RETAIN_INTROSPECTION: %w", err)
	}
	if err = c.LogLevel.UnmarshalText([]byte(env("RETAIN_LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("RETAIN_LOG_LEVEL: %w", err)
	}
	ints := []struct {
		name string
		def  string
		dst  *int
	}{{"RETAIN_DB_MAX_CONNS", "20", &c.DBMaxConns}, {"RETAIN_BCRYPT_COST", "12", &c.BcryptCost}, {"RETAIN_DEMO_CUSTOMERS", "300", &c.DemoCustomers},
		{"RETAIN_GC_PERCENT", "100", &c.GCPercent}, {"RETAIN_MEMORY_LIMIT_MB", "256", &c.MemoryLimitMB}}
	for _, i := range ints {
		if *i.dst, err = strconv.Atoi(env(i.name, i.def)); err != nil || *i.dst < 0 {
			return c, fmt.Errorf("%s: not a non-negative integer", i.name)
		}
	}
	durs := []struct {
		name string
		def  string
		dst  *time.Duration
	}{{"RETAIN_STATEMENT_TIMEOUT", "10s", &c.StatementTimeout}, {"RETAIN_SHUTDOWN_TIMEOUT", "15s", &c.ShutdownTimeout}, {"RETAIN_SWEEP_INTERVAL", "5m", &c.SweepInterval},
		{"RETAIN_WS_INIT_TIMEOUT", "10s", &c.WSInitTimeout}, {"RETAIN_WS_RECHECK_INTERVAL", "30s", &c.WSRecheckInterval}}
	for _, d := range durs {
		if *d.dst, err = time.ParseDuration(env(d.name, d.def)); err != nil {
			return c, fmt.Errorf("%s: %w", d.name, err)
		}
	}
	c.PprofAddr = env("RETAIN_PPROF_ADDR", "")
	alerting, err := strconv.ParseBool(env("RETAIN_ALERTING", "true"))
	if err != nil {
		return c, fmt.Errorf("RETAIN_ALERTING: %w", err)
	}
	c.DisableAlerting = !alerting
	switch c.SeedDemo {
	case "auto", "always", "never":
	default:
		return c, fmt.Errorf("RETAIN_SEED_DEMO: want auto, always or never")
	}
	return c, nil
}
