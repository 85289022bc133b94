package db

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// BatchService implements retain.BatchService.
type BatchService struct{ DB *DB }

var _ retain.BatchService = (*BatchService)(nil)

// errRejected rolls a batch back after its row errors were recorded.
var errRejected = errors.New("batch rejected")

// run applies a batch in one transaction, all or nothing, under an optional
// idempotency key stored in the same transaction as the effects.
func (s *BatchService) run(ctx context.Context, action retain.Action, op string, key *string, n int, body any,
	apply func(ctx context.Context, tx bun.Tx, a *retain.Actor, res *retain.BatchResult) error) (*retain.BatchResult, error) {
	a, err := actorFor(ctx, action)
	if err != nil {
		return nil, err
	}
	if n == 0 || n > retain.MaxBatchRows {
		return nil, retain.Invalid("rows", "a batch has between 1 and %d rows", retain.MaxBatchRows)
	}
	if key != nil {
		if *key, err = retain.CheckText("idempotencyKey", *key, 1, 200); err != nil {
			return nil, err
		}
	}
	raw, _ := json.Marshal(body)
	// The key belongs to its caller: the hash covers who sends the batch,
	// so another user or token reusing a key gets a conflict, never a
	// replay of rows it may not be allowed to see.
	sum := sha256.Sum256(append([]byte(op+"\x00"+a.UserID+"\x00"+a.TokenID+"\x00"), raw...))
	var res *retain.BatchResult
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if key != nil {
			var stored struct {
				RequestHash []byte
				Response    string
			}
			// Inserting first takes the key's lock, so a concurrent retry
			// waits here for this call to commit and then replays it.
			if _, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (workspace_id, key, request_hash, response)
				VALUES (?, ?, ?, 'null') ON CONFLICT DO NOTHING`, a.WorkspaceID, *key, sum[:]); err != nil {
				return err
			}
			// A plain row scan: given a *[]byte, bun's Scan would read the
			// bytea as a slice model of uint8 rows and fail.
			if err := tx.QueryRowContext(ctx, "SELECT request_hash, response::text FROM idempotency_keys WHERE workspace_id = ? AND key = ? FOR UPDATE",
				a.WorkspaceID, *key).Scan(&stored.RequestHash, &stored.Response); err != nil {
				return err
			}
			if string(stored.RequestHash) != string(sum[:]) {
				return &retain.Error{Code: retain.ECONFLICT, Field: "idempotencyKey", Message: "this idempotency key was used with a different request"}
			}
			if stored.Response != "null" {
				res = new(retain.BatchResult)
				if err := json.Unmarshal([]byte(stored.Response), res); err != nil {
					return err
				}
				res.Replayed = true
				return nil
			}
		}
		res = &retain.BatchResult{}
		if err := apply(ctx, tx, a, res); err != nil {
			return err
		}
		for _, r := range res.Rows {
			if r.Error != nil {
				return errRejected
			}
		}
		res.Applied = true
		if key != nil {
			b, _ := json.Marshal(res)
			if _, err := tx.NewUpdate().TableExpr("idempotency_keys").Set("response = ?", string(b)).
				Where("workspace_id = ? AND key = ?", a.WorkspaceID, *key).Exec(ctx); err != nil {
				return err
			}
		}
		return s.DB.audit(ctx, tx, a, "batch."+op, "workspace", a.WorkspaceID, nil, map[string]any{"rows": n, "idempotencyKey": key})
	})
	if errors.Is(err, errRejected) {
		// Nothing was written; only the row errors are reported. Ids the
		// rolled-back rows would have had are meaningless.
		for i := range res.Rows {
			res.Rows[i].ID, res.Rows[i].Created = nil, false
		}
		return res, nil
	}
	return res, err
}

// rowError turns a validation error into a row's error, without internals.
func rowError(err error) *retain.RowError {
	code := retain.ErrorCode(err)
	if code == retain.EINTERNAL {
		return nil
	}
	return &retain.RowError{Code: code, Field: retain.ErrorField(err), Message: retain.ErrorMessage(err)}
}

// duplicateCheck flags external ids repeated within one batch.
type duplicateCheck map[string]int

func (d duplicateCheck) seen(id string, i int) *retain.RowError {
	// Rows are stored under the trimmed id, so " X" repeats "X".
	id = strings.TrimSpace(id)
	if first, ok := d[id]; ok {
		return &retain.RowError{Code: retain.EINVALID, Field: "externalId", Message: "duplicate externalId in this batch (first at row " + strconv.Itoa(first) + ")"}
	}
	d[id] = i
	return nil
}

// savepoint runs fn so that a failing row does not abort the whole
// transaction before every row has been checked.
func savepoint(ctx context.Context, tx bun.Tx, fn func() error) error {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT batch_row"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT batch_row"); rerr != nil {
			return rerr
		}
		return err
	}
	_, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT batch_row")
	return err
}

// handleRow records fn's outcome for row i; internal errors abort the batch.
func handleRow(ctx context.Context, tx bun.Tx, res *retain.BatchResult, i int, ext string, fn func() (string, bool, error)) error {
	rr := retain.RowResult{Index: i, ExternalID: ext}
	err := savepoint(ctx, tx, func() error {
		id, created, err := fn()
		if err == nil {
			rr.ID, rr.Created = &id, created
		}
		return translate(err)
	})
	if err != nil {
		if rr.Error = rowError(err); rr.Error == nil {
			return err
		}
	}
	res.Rows = append(res.Rows, rr)
	return nil
}

// UpsertCustomers creates or updates customers by external id.
func (s *BatchService) UpsertCustomers(ctx context.Context, key *string, rows []retain.CustomerUpsert) (*retain.BatchResult, error) {
	return s.run(ctx, retain.ActionWriteCustomers, "upsertCustomers", key, len(rows), rows,
		func(ctx context.Context, tx bun.Tx, a *retain.Actor, res *retain.BatchResult) error {
			seen := duplicateCheck{}
			defaultType := ""
			_ = tx.NewSelect().TableExpr("relationship_types").Column("id").Where("workspace_id = ?", a.WorkspaceID).
				OrderExpr("name = 'Transactional' DESC, name").Limit(1).Scan(ctx, &defaultType)
			for i, r := range rows {
				if e := seen.seen(r.ExternalID, i); e != nil {
					res.Rows = append(res.Rows, retain.RowResult{Index: i, ExternalID: r.ExternalID, Error: e})
					continue
				}
				if err := handleRow(ctx, tx, res, i, r.ExternalID, func() (string, bool, error) {
					return s.upsertCustomer(ctx, tx, a, r, defaultType)
				}); err != nil {
					return err
				}
			}
			return nil
		})
}

func (s *BatchService) upsertCustomer(ctx context.Context, tx bun.Tx, a *retain.Actor, r retain.CustomerUpsert, defaultType string) (string, bool, error) {
	ext, err := retain.CheckText("externalId", r.ExternalID, 1, 100)
	if err != nil {
		return "", false, err
	}
	existing := new(retain.Customer)
	err = visibleCustomers(tx.NewSelect().Model(existing).ModelTableExpr("customers AS c").ColumnExpr("c.*"), a, true).
		Where("c.external_id = ?", ext).For("UPDATE OF c").Scan(ctx)
	if err == nil {
		p := retain.CustomerPatch{Version: existing.Version, Name: &r.Name, Company: r.Company, Email: r.Email, Phone: r.Phone,
			City: r.City, Industry: r.Industry, Tier: r.Tier, RelationshipTypeID: r.RelationshipTypeID, Tags: r.Tags, AnnualRevenue: r.AnnualRevenue}
		c, err := (&CustomerService{DB: s.DB}).updateInTx(ctx, tx, a, existing, p)
		if err != nil {
			return "", false, err
		}
		return c.ID, false, nil
	}
	if retain.ErrorCode(translate(err)) != retain.ENOTFOUND {
		return "", false, err
	}
	in := retain.CustomerInput{ExternalID: &ext, Name: r.Name, Tags: r.Tags}
	for _, f := range []struct {
		src *string
		dst *string
	}{{r.Company, &in.Company}, {r.Email, &in.Email}, {r.Phone, &in.Phone}, {r.City, &in.City}, {r.Industry, &in.Industry}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if r.Tier != nil {
		in.Tier = *r.Tier
	}
	if r.AnnualRevenue != nil {
		in.AnnualRevenue = *r.AnnualRevenue
	}
	in.RelationshipTypeID = defaultType
	if r.RelationshipTypeID != nil {
		in.RelationshipTypeID = *r.RelationshipTypeID
	}
	if r.OwnerID == nil {
		return "", false, retain.Invalid("ownerId", "a new customer needs an owner")
	}
	in.OwnerID = *r.OwnerID
	c, err := (&CustomerService{DB: s.DB}).createInTx(ctx, tx, a, in)
	if err != nil {
		return "", false, err
	}
	return c.ID, true, nil
}

// customerByExternalID finds a visible customer by its external id.
func customerByExternalID(ctx context.Context, tx bun.Tx, a *retain.Actor, ext string) (*retain.Customer, error) {
	c := new(retain.Customer)
	err := visibleCustomers(tx.NewSelect().Model(c).ModelTableExpr("customers AS c").ColumnExpr("c.*"), a, false).
		Where("c.external_id = ?", ext).Scan(ctx)
	if err != nil {
		if retain.ErrorCode(translate(err)) == retain.ENOTFOUND {
			return nil, retain.Invalid("customerExternalId", "no customer has this external id")
		}
		return nil, err
	}
	return c, nil
}

// UpsertOrders creates or corrects orders by external id.
func (s *BatchService) UpsertOrders(ctx context.Context, key *string, rows []retain.OrderUpsert) (*retain.BatchResult, error) {
	return s.run(ctx, retain.ActionWriteOrders, "upsertOrders", key, len(rows), rows,
		func(ctx context.Context, tx bun.Tx, a *retain.Actor, res *retain.BatchResult) error {
			seen := duplicateCheck{}
			touched := map[string]bool{}
			for i, r := range rows {
				if e := seen.seen(r.ExternalID, i); e != nil {
					res.Rows = append(res.Rows, retain.RowResult{Index: i, ExternalID: r.ExternalID, Error: e})
					continue
				}
				if err := handleRow(ctx, tx, res, i, r.ExternalID, func() (string, bool, error) {
					ext, err := retain.CheckText("externalId", r.ExternalID, 1, 100)
					if err != nil {
						return "", false, err
					}
					c, err := customerByExternalID(ctx, tx, a, r.CustomerExternalID)
					if err != nil {
						return "", false, err
					}
					in := retain.OrderInput{CustomerID: c.ID, ExternalID: &ext, Kind: r.Kind, Amount: r.Amount, Cost: r.Cost,
						Discount: r.Discount, OrderedAt: r.OrderedAt}
					if err := in.Validate(s.DB.now()); err != nil {
						return "", false, err
					}
					touched[c.ID] = true
					// Only an order of a visible customer may be corrected: the
					// external id of someone else's order then collides on
					// insert (a row error) instead of moving that order here.
					o := new(retain.Order)
					err = tx.NewSelect().Model(o).Where("workspace_id = ? AND external_id = ?", a.WorkspaceID, ext).
						Where("customer_id IN (?)", visibleCustomerIDs(tx, a)).Scan(ctx)
					if err == nil {
						before := *o
						touched[before.CustomerID] = true
						o.CustomerID, o.Kind, o.Amount, o.Cost, o.Discount = c.ID, in.Kind, in.Amount, in.Cost, in.Discount
						o.OrderedAt = in.OrderedAt.UTC().Truncate(time.Microsecond)
						if _, err := tx.NewUpdate().Model(o).Column("customer_id", "kind", "amount", "cost", "discount", "ordered_at").WherePK().Exec(ctx); err != nil {
							return "", false, err
						}
						return o.ID, false, s.DB.audit(ctx, tx, a, "order.correct", "order", o.ID, before, o)
					}
					if retain.ErrorCode(translate(err)) != retain.ENOTFOUND {
						return "", false, err
					}
					o = &retain.Order{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: c.ID, ExternalID: &ext, Kind: in.Kind,
						Amount: in.Amount, Cost: in.Cost, Discount: in.Discount, OrderedAt: in.OrderedAt.UTC().Truncate(time.Microsecond), CreatedAt: s.DB.now()}
					if _, err := tx.NewInsert().Model(o).Exec(ctx); err != nil {
						return "", false, err
					}
					return o.ID, true, s.DB.audit(ctx, tx, a, "order.record", "order", o.ID, nil, o)
				}); err != nil {
					return err
				}
			}
			return rescoreAll(ctx, tx, s.DB, a.WorkspaceID, touched)
		})
}

func rescoreAll(ctx context.Context, tx bun.Tx, db *DB, workspaceID string, touched map[string]bool) error {
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if _, err := rescore(ctx, tx, workspaceID, ids[:n], db.now()); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// LogInteractions imports interactions; an external id already present is
// reported as existing, not logged twice.
func (s *BatchService) LogInteractions(ctx context.Context, key *string, rows []retain.InteractionImport) (*retain.BatchResult, error) {
	return s.run(ctx, retain.ActionWriteActivity, "logInteractions", key, len(rows), rows,
		func(ctx context.Context, tx bun.Tx, a *retain.Actor, res *retain.BatchResult) error {
			seen := duplicateCheck{}
			touched := map[string]bool{}
			now := s.DB.now()
			for i, r := range rows {
				if e := seen.seen(r.ExternalID, i); e != nil {
					res.Rows = append(res.Rows, retain.RowResult{Index: i, ExternalID: r.ExternalID, Error: e})
					continue
				}
				if err := handleRow(ctx, tx, res, i, r.ExternalID, func() (string, bool, error) {
					ext, err := retain.CheckText("externalId", r.ExternalID, 1, 100)
					if err != nil {
						return "", false, err
					}
					c, err := customerByExternalID(ctx, tx, a, r.CustomerExternalID)
					if err != nil {
						return "", false, err
					}
					// An interaction already imported is reported, not logged twice;
					// only if the caller may see it, or its id would leak.
					var id string
					if err := tx.NewSelect().TableExpr("interactions").Column("id").Where("workspace_id = ? AND external_id = ?", a.WorkspaceID, ext).
						Where("customer_id IN (?)", visibleCustomerIDs(tx, a)).Scan(ctx, &id); err == nil {
						return id, false, nil
					}
					at := r.OccurredAt
					in := retain.InteractionInput{CustomerID: c.ID, Channel: r.Channel, Direction: r.Direction, OccurredAt: &at,
						Summary: r.Summary, Sentiment: r.Sentiment, Competitor: r.Competitor, DurationMinutes: r.DurationMinutes, ExternalID: &ext}
					if err := in.Validate(now); err != nil {
						return "", false, err
					}
					it := &retain.Interaction{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: c.ID, Channel: in.Channel, Direction: in.Direction,
						OccurredAt: in.OccurredAt.UTC().Truncate(time.Microsecond), Summary: in.Summary, Sentiment: in.Sentiment,
						Competitor: in.Competitor, DurationMinutes: in.DurationMinutes, ExternalID: &ext, CreatedAt: now}
					if _, err := tx.NewInsert().Model(it).Exec(ctx); err != nil {
						return "", false, err
					}
					if _, err := tx.NewUpdate().TableExpr("customers").Set("last_contact_at = greatest(last_contact_at, ?)", it.OccurredAt).
						Where("id = ?", c.ID).Exec(ctx); err != nil {
						return "", false, err
					}
					touched[c.ID] = true
					return it.ID, true, s.DB.audit(ctx, tx, a, "interaction.log", "interaction", it.ID, nil, it)
				}); err != nil {
					return err
				}
			}
			return rescoreAll(ctx, tx, s.DB, a.WorkspaceID, touched)
		})
}
