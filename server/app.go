package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/retain-crm/retain/alert"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/pgserver"
	"github.com/retain-crm/retain/graph"
)

// App is the running application: database, embedded PostgreSQL if any,
// signing keys and services.
type App struct {
	Config Config
	Log    *slog.Logger
	DB     *db.DB
	// PG is the embedded server, nil with DATABASE_URL.
	PG        *pgserver.Server
	Issuer    *auth.Issuer
	Passwords auth.Passwords
	Resolver  *graph.Resolver
	// TokenService creates integration tokens for the command line.
	TokenService *db.APITokenService
	// Hub fans live events out to this process's subscribers; Bus feeds it
	// from every replica; Sweeper rescores what time alone changes.
	Hub     *alert.Hub
	Bus     *db.Bus
	Sweeper *db.SweepService

	// closing ends when the server begins shutting down.
	closing      context.Context
	beginClosing context.CancelFunc
}

// BeginShutdown tells websockets to close (1001) ahead of the HTTP shutdown.
func (a *App) BeginShutdown() {
	a.beginClosing()
}

// RunBackground runs the event relay, the event listener and the periodic
// risk sweep until ctx ends. ready is closed once the listener listens.
func (a *App) RunBackground(ctx context.Context, ready chan<- struct{}) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.Bus.RunRelay(ctx) })
	g.Go(func() error { return a.Bus.RunListener(ctx, ready) })
	if a.Config.SweepInterval > 0 {
		g.Go(func() error { return a.Sweeper.Run(ctx, a.Config.SweepInterval) })
	}
	if a.Config.PprofAddr != "" {
		g.Go(func() error { return servePprof(ctx, a.Config.PprofAddr, a.Log) })
	}
	return g.Wait()
}

// servePprof serves the runtime profiles on their own address until ctx ends.
func servePprof(ctx context.Context, addr string, log *slog.Logger) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	log.Info("pprof is listening", "addr", addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// OpenApp connects to (or starts) the database, migrates it and wires the
// services. The caller must Close it.
func OpenApp(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	app := &App{Config: cfg, Log: log, Passwords: auth.Passwords{Cost: cfg.BcryptCost}}
	dsn := cfg.DatabaseURL
	if dsn == "" {
		pg, err := pgserver.Start(ctx, pgserver.Options{DataDir: cfg.DataDir, BinDir: cfg.PGBin, Logger: log})
		if err != nil {
			return nil, fmt.Errorf("starting the embedded PostgreSQL: %w", err)
		}
		app.PG = pg
		dsn = pg.DSN("postgres")
		if err := ensureDatabase(ctx, dsn, "retain", log); err != nil {
			app.Close()
			return nil, err
		}
		dsn = pg.DSN("retain")
	}
	database, err := db.Open(ctx, dsn, db.Options{MaxConns: cfg.DBMaxConns, StatementTimeout: cfg.StatementTimeout}, log)
	if err != nil {
		app.Close()
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	if err := app.wire(ctx, database); err != nil {
		app.Close()
		return nil, err
	}
	return app, nil
}

// NewApp wires the services on an already open database (tests use it with
// a fresh database each). It migrates and loads the signing keys.
func NewApp(ctx context.Context, cfg Config, database *db.DB, log *slog.Logger) (*App, error) {
	app := &App{Config: cfg, Log: log, Passwords: auth.Passwords{Cost: cfg.BcryptCost}}
	return app, app.wire(ctx, database)
}

func (app *App) wire(ctx context.Context, database *db.DB) error {
	cfg := app.Config
	app.DB = database
	database.AlertingOff = cfg.DisableAlerting
	app.closing, app.beginClosing = context.WithCancel(context.Background())
	if err := migrateUnbounded(ctx, database, app.Log); err != nil {
		return err
	}
	keys, err := database.LoadKeys(ctx)
	if err != nil {
		return fmt.Errorf("loading signing keys: %w", err)
	}
	ring, err := auth.NewKeyring(keys)
	if err != nil {
		return err
	}
	app.Issuer = &auth.Issuer{Name: cfg.Issuer, Ring: ring, Leeway: 30 * time.Second, Now: func() time.Time { return database.Now() }}
	app.TokenService = &db.APITokenService{DB: database, Issuer: app.Issuer}
	customers := &db.CustomerService{DB: database}
	app.Hub = alert.NewHub()
	app.Bus = &db.Bus{DB: database, Hub: app.Hub, Log: app.Log}
	app.Sweeper = &db.SweepService{DB: database, Log: app.Log}
	app.Resolver = &graph.Resolver{
		CustomerService:         customers,
		UserService:             &db.UserService{DB: database, Passwords: app.Passwords},
		RelationshipTypeService: &db.RelationshipTypeService{DB: database},
		AuthService:             &db.AuthService{DB: database, Issuer: app.Issuer, Passwords: app.Passwords},
		APITokenService:         app.TokenService,
		ActivityService:         &db.ActivityService{DB: database},
		ComplaintService:        &db.ComplaintService{DB: database},
		LifecycleService:        &db.LifecycleService{DB: database},
		ValueService:            &db.ValueService{DB: database},
		AgendaService:           &db.AgendaService{DB: database},
		AuditService:            &db.AuditService{DB: database},
		BatchService:            &db.BatchService{DB: database},
		AlertService:            &db.AlertService{DB: database},
		WorkspaceService:        &db.WorkspaceService{DB: database},
		MeasureService:          &db.MeasureService{DB: database},
		Live:                    &alert.Live{Hub: app.Hub, Customers: customers},
		Now:                     func() time.Time { return database.Now() },
	}
	return nil
}

// ensureDatabase creates the application database on the embedded server.
func ensureDatabase(ctx context.Context, adminDSN, name string, log *slog.Logger) error {
	admin, err := db.Open(ctx, adminDSN, db.Options{MaxConns: 1}, log)
	if err != nil {
		return err
	}
	defer admin.Close()
	exists, err := admin.NewSelect().TableExpr("pg_database").Where("datname = ?", name).Exists(ctx)
	if err != nil || exists {
		return err
	}
	_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name)
	return err
}

// Close releases the database and stops the embedded server.
func (a *App) Close() error {
	var errs []error
	if a.DB != nil {
		errs = append(errs, a.DB.Close())
	}
	if a.PG != nil {
		errs = append(errs, a.PG.Stop())
	}
	return errors.Join(errs...)
}

// migrateUnbounded applies pending migrations on a connection without the pool's
// read timeout: building an index over a million customers takes minutes.
func migrateUnbounded(ctx context.Context, database *db.DB, log *slog.Logger) error {
	conn, err := database.Unbounded(ctx)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer conn.Close()
	n, err := db.MigrateUp(ctx, conn)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	if n > 0 {
		log.Info("migrated the database", "migrations", n)
	}
	return nil
}
