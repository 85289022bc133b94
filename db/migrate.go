package db

import (
	"context"
	"embed"
	"fmt"
	"io"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the embedded SQL migrations.
func Migrations() (*migrate.Migrations, error) {
	m := migrate.NewMigrations()
	if err := m.Discover(migrationFiles); err != nil {
		return nil, err
	}
	return m, nil
}

func newMigrator(db *bun.DB) (*migrate.Migrator, error) {
	m, err := Migrations()
	if err != nil {
		return nil, err
	}
	return migrate.NewMigrator(db, m, migrate.WithMarkAppliedOnSuccess(true)), nil
}

// MigrateUp applies pending migrations under a lock, so replicas starting
// together do not race.
func MigrateUp(ctx context.Context, db *bun.DB) (applied int, err error) {
	mg, err := newMigrator(db)
	if err != nil {
		return 0, err
	}
	if err = mg.Init(ctx); err != nil {
		return 0, err
	}
	if err = mg.Lock(ctx); err != nil {
		return 0, err
	}
	defer func() { _ = mg.Unlock(ctx) }()
	group, err := mg.Migrate(ctx)
	if err != nil {
		return 0, err
	}
	return len(group.Migrations), nil
}

// MigrateDown rolls back the last migration group.
func MigrateDown(ctx context.Context, db *bun.DB) (rolledBack int, err error) {
	mg, err := newMigrator(db)
	if err != nil {
		return 0, err
	}
	if err = mg.Init(ctx); err != nil {
		return 0, err
	}
	if err = mg.Lock(ctx); err != nil {
		return 0, err
	}
	defer func() { _ = mg.Unlock(ctx) }()
	group, err := mg.Rollback(ctx)
	if err != nil {
		return 0, err
	}
	return len(group.Migrations), nil
}

// MigrateStatus writes each migration and whether it is applied.
func MigrateStatus(ctx context.Context, db *bun.DB, w io.Writer) error {
	mg, err := newMigrator(db)
	if err != nil {
		return err
	}
	if err = mg.Init(ctx); err != nil {
		return err
	}
	ms, err := mg.MigrationsWithStatus(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		state := "pending"
		if m.IsApplied() {
			state = fmt.Sprintf("applied (group %d)", m.GroupID)
		}
		fmt.Fprintf(w, "%s_%s\t%s\n", m.Name, m.Comment, state)
	}
	return nil
}
