package db

import (
	"context"
	"github.com/uptrace/bun"
	"time"

	"github.com/retain-crm/retain/auth"
)

type signingKeyRow struct {
	bun.BaseModel `bun:"table:signing_keys"`
	Kid           string `bun:",pk"`
	PrivateKey    []byte
	PublicKey     []byte
	CreatedAt     time.Time
	RetiredAt     *time.Time
}

// LoadKeys returns the installation's signing keys, creating the first one
// when there is none. Every replica reads the same keys, so tokens signed by
// one verify on all.
func (db *DB) LoadKeys(ctx context.Context) ([]*auth.Key, error) {
	// A lock keeps two replicas starting at once from each creating a key.
	var keys []*auth.Key
	err := db.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7007001)"); err != nil {
			return err
		}
		var rows []signingKeyRow
		if err := tx.NewSelect().Model(&rows).Order("created_at").Scan(ctx); err != nil {
			return err
		}
		if len(rows) == 0 {
			k, err := auth.NewKey(db.now())
			if err != nil {
				return err
			}
			row := signingKeyRow{Kid: k.ID, PrivateKey: k.Private, PublicKey: k.Public, CreatedAt: k.CreatedAt}
			if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
				return err
			}
			rows = append(rows, row)
		}
		for _, r := range rows {
			keys = append(keys, &auth.Key{ID: r.Kid, Private: r.PrivateKey, Public: r.PublicKey, CreatedAt: r.CreatedAt, RetiredAt: r.RetiredAt})
		}
		return nil
	})
	return keys, err
}

// RotateKeys adds a new signing key and retires the current ones; retired
// keys keep verifying until they are deleted after the longest token lifetime.
func (db *DB) RotateKeys(ctx context.Context) error {
	k, err := auth.NewKey(db.now())
	if err != nil {
		return err
	}
	return db.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().TableExpr("signing_keys").Set("retired_at = ?", k.CreatedAt).Where("retired_at IS NULL").Exec(ctx); err != nil {
			return err
		}
		row := signingKeyRow{Kid: k.ID, PrivateKey: k.Private, PublicKey: k.Public, CreatedAt: k.CreatedAt}
		_, err := tx.NewInsert().Model(&row).Exec(ctx)
		return err
	})
}
