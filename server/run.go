package server

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/pgserver"
)

const usage = `retain — keep the customers you have.

Usage:
  retain serve                      run the server (embedded PostgreSQL unless DATABASE_URL is set)
  retain migrate up|down|status     manage the database schema
  retain seed [--customers N]       load demo data into an empty database
  retain token create --workspace SLUG --name NAME --scopes a,b [--days N]
                                    create an integration token
  retain keys rotate                start signing with a new key (old tokens stay valid)
  retain postgres [--fast]          run only the embedded PostgreSQL and print its URL (tests, tools)

Configuration is read from the environment; see README.md.
`

// Run is the whole program: main only calls it. Commands stop cleanly when
// ctx is cancelled or the process receives SIGINT or SIGTERM.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if len(args) < 2 {
		fmt.Fprint(stdout, usage)
		return errors.New("no command given")
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stdout)
	switch args[1] {
	case "serve":
		return serve(ctx, cfg, log, stdout)
	case "migrate":
		return migrate(ctx, cfg, log, args[2:], stdout)
	case "seed":
		return seed(ctx, cfg, log, args[2:], stdout)
	case "token":
		return tokenCreate(ctx, cfg, log, args[2:], stdout)
	case "postgres":
		return postgres(ctx, cfg, log, args[2:], stdout)
	case "keys":
		if len(args) < 3 || args[2] != "rotate" {
			return errors.New("usage: retain keys rotate")
		}
		return withApp(ctx, cfg, log, func(app *App) error { return app.DB.RotateKeys(ctx) })
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stdout, usage)
	return fmt.Errorf("unknown command %q", args[1])
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func withApp(ctx context.Context, cfg Config, log *slog.Logger, fn func(*App) error) error {
	app, err := OpenApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.Close()
	return fn(app)
}

func serve(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	if cfg.GCPercent > 0 {
		debug.SetGCPercent(cfg.GCPercent)
	}
	if cfg.MemoryLimitMB > 0 {
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMB) << 20)
	}
	app, err := OpenApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.Close()
	if err := seedOnFirstStart(ctx, app, stdout); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           NewHandler(app),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	bgCtx, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	bgDone := make(chan error, 1)
	go func() { bgDone <- app.RunBackground(bgCtx, nil) }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("Retain is listening", "url", "http://"+ln.Addr().String(), "embedded_db", app.PG != nil)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	app.BeginShutdown()
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	// Background work stops after the last request, so its events still go out.
	stopBackground()
	<-bgDone
	return err
}

// seedOnFirstStart fills an empty database with the demo workspace: always
// for the embedded database, for DATABASE_URL only when asked.
func seedOnFirstStart(ctx context.Context, app *App, stdout io.Writer) error {
	want := app.Config.SeedDemo == "always" || (app.Config.SeedDemo == "auto" && app.PG != nil)
	if !want {
		return nil
	}
	empty, err := app.DB.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	res, err := db.Seed(ctx, app.DB, db.SeedOptions{Customers: app.Config.DemoCustomers, Passwords: app.Passwords, Log: app.Log})
	if err != nil {
		return fmt.Errorf("seeding demo data: %w", err)
	}
	printLogins(stdout, res)
	return nil
}

func printLogins(w io.Writer, res *db.SeedResult) {
	fmt.Fprintf(w, "\nDemo workspace %q is ready with %d customers. Sign in with any of:\n", res.Workspace.Name, res.Customers)
	for _, l := range res.Logins {
		fmt.Fprintf(w, "  %-8s %-32s password: %s\n", l.Role, l.Email, res.Password)
	}
	fmt.Fprintln(w)
}

func migrate(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: retain migrate up|down|status")
	}
	return withApp(ctx, cfg, log, func(app *App) error {
		switch args[0] {
		case "up":
			// OpenApp has already applied every pending migration.
			fmt.Fprintln(stdout, "database is up to date")
			return nil
		case "down":
			n, err := db.MigrateDown(ctx, app.DB.DB)
			if err == nil {
				fmt.Fprintf(stdout, "rolled back %d migration(s)\n", n)
			}
			return err
		case "status":
			return db.MigrateStatus(ctx, app.DB.DB, stdout)
		}
		return fmt.Errorf("unknown migrate command %q", args[0])
	})
}

func seed(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stdout)
	n := fs.Int("customers", cfg.DemoCustomers, "number of customers")
	users := fs.Int("users", 0, "number of users (default: scaled with customers)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withApp(ctx, cfg, log, func(app *App) error {
		start := time.Now()
		res, err := db.Seed(ctx, app.DB, db.SeedOptions{Customers: *n, Users: *users, Passwords: app.Passwords, Log: log})
		if err != nil {
			return err
		}
		printLogins(stdout, res)
		fmt.Fprintf(stdout, "seeded in %s\n", time.Since(start).Round(time.Millisecond))
		return nil
	})
}

func tokenCreate(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) < 1 || args[0] != "create" {
		return errors.New("usage: retain token create --workspace SLUG --name NAME --scopes a,b [--days N]")
	}
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	slug := fs.String("workspace", "demo", "workspace slug")
	name := fs.String("name", "", "what the token is for")
	scopes := fs.String("scopes", retain.ScopeCustomersRead, "comma-separated scopes: "+strings.Join(retain.AllScopes, ", "))
	days := fs.Int("days", 90, "lifetime in days")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	return withApp(ctx, cfg, log, func(app *App) error {
		ws, err := app.DB.FindWorkspaceBySlug(ctx, *slug)
		if err != nil {
			return err
		}
		t, jwt, err := app.TokenService.CreateAPITokenAsSystem(ctx, ws.ID, retain.APITokenInput{
			Name: *name, Scopes: strings.Split(*scopes, ","), TTL: time.Duration(*days) * 24 * time.Hour})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "token %s (%s) expires %s\n%s\n", t.ID, t.Name, t.ExpiresAt.Format(time.RFC3339), jwt)
		return nil
	})
}

// postgres runs the embedded server alone until interrupted, printing its
// URL, so the test command can share one server among all test processes.
func postgres(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("postgres", flag.ContinueOnError)
	fs.SetOutput(stdout)
	fast := fs.Bool("fast", false, "trade durability for speed (fsync off): for tests only")
	urlFile := fs.String("url-file", "", "also write the URL to this file once ready")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := pgserver.Options{DataDir: cfg.DataDir, BinDir: cfg.PGBin, Logger: log}
	if *fast {
		opts.Settings = map[string]string{"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "300"}
	}
	pg, err := pgserver.Start(ctx, opts)
	if err != nil {
		return err
	}
	defer pg.Stop()
	url := pg.DSN("postgres")
	fmt.Fprintln(stdout, url)
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o644); err != nil {
			return err
		}
	}
	select {
	case <-ctx.Done():
	case <-pg.Done():
		return errors.New("postgres exited")
	}
	return nil
}
