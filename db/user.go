package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
)

// UserService implements retain.UserService.
type UserService struct {
	DB        *DB
	Passwords auth.Passwords
}

var _ retain.UserService = (*UserService)(nil)

// FindUser returns a user of the actor's workspace.
func (s *UserService) FindUser(ctx context.Context, id string) (*retain.User, error) {
	a, err := actorFor(ctx, retain.ActionReadUsers)
	if err != nil {
		return nil, err
	}
	return findUser(ctx, s.DB, a.WorkspaceID, id)
}

func findUser(ctx context.Context, idb bun.IDB, workspaceID, id string) (*retain.User, error) {
	if !retain.ValidID(id) {
		return nil, retain.NotFound("user")
	}
	u := new(retain.User)
	if err := idb.NewSelect().Model(u).Where("workspace_id = ? AND id = ?", workspaceID, id).Scan(ctx); err != nil {
		return nil, notFoundAs(err, "user")
	}
	return u, nil
}

// FindUsersByIDs returns the workspace's users with the given ids.
func (s *UserService) FindUsersByIDs(ctx context.Context, ids []string) (map[string]*retain.User, error) {
	a, err := actorFor(ctx, retain.ActionReadUsers)
	if err != nil {
		return nil, err
	}
	var users []*retain.User
	if err := s.DB.NewSelect().Model(&users).Where("workspace_id = ? AND id IN (?)", a.WorkspaceID, bun.In(ids)).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make(map[string]*retain.User, len(users))
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

// FindUsers lists the workspace's users by name.
func (s *UserService) FindUsers(ctx context.Context, includeInactive bool) ([]*retain.User, error) {
	a, err := actorFor(ctx, retain.ActionReadUsers)
	if err != nil {
		return nil, err
	}
	var users []*retain.User
	q := s.DB.NewSelect().Model(&users).Where("workspace_id = ?", a.WorkspaceID).Order("name", "id")
	if !includeInactive {
		q = q.Where("active")
	}
	return users, translate(q.Scan(ctx))
}

func checkManager(ctx context.Context, idb bun.IDB, workspaceID, field, id string) error {
	var role string
	err := idb.NewSelect().TableExpr("users").Column("role").
		Where("workspace_id = ? AND id = ? AND active", workspaceID, id).Scan(ctx, &role)
	if err != nil || (role != string(retain.RoleManager) && role != string(retain.RoleAdmin)) {
		return retain.Invalid(field, "no active manager has this id")
	}
	return nil
}

// CreateUser adds a user to the workspace.
func (s *UserService) CreateUser(ctx context.Context, in retain.UserInput) (*retain.User, error) {
	a, err := actorFor(ctx, retain.ActionManageUsers)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := s.Passwords.Hash(in.Password)
	if err != nil {
		return nil, err
	}
	now := s.DB.now()
	u := &retain.User{ID: NewID(), WorkspaceID: a.WorkspaceID, Email: in.Email, Name: in.Name, Role: in.Role,
		ManagerID: in.ManagerID, PasswordHash: hash, Locale: in.Locale, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if u.ManagerID != nil {
			if err := checkManager(ctx, tx, a.WorkspaceID, "input.managerId", *u.ManagerID); err != nil {
				return err
			}
		}
		if _, err := tx.NewInsert().Model(u).Exec(ctx); err != nil {
			return err
		}
		return s.DB.audit(ctx, tx, a, "user.create", "user", u.ID, nil, publicUser(u))
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// publicUser is what the audit log keeps of a user: never the password hash.
func publicUser(u *retain.User) map[string]any {
	return map[string]any{"email": u.Email, "name": u.Name, "role": u.Role, "managerId": u.ManagerID, "active": u.Active, "locale": u.Locale}
}

// UpdateUser changes name, role, manager or locale.
func (s *UserService) UpdateUser(ctx context.Context, id string, p retain.UserPatch) (*retain.User, error) {
	a, err := actorFor(ctx, retain.ActionManageUsers)
	if err != nil {
		return nil, err
	}
	var out *retain.User
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err := findUser(ctx, tx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		if u.Version != p.Version {
			return retain.Conflict("user")
		}
		before := publicUser(u)
		if p.Name != nil {
			if u.Name, err = retain.CheckText("input.name", *p.Name, 1, 200); err != nil {
				return err
			}
		}
		if p.Role != nil {
			if !p.Role.Valid() {
				return retain.Invalid("input.role", "unknown role")
			}
			if u.ID == a.UserID && *p.Role != retain.RoleAdmin {
				return retain.Invalid("input.role", "you cannot remove your own admin role")
			}
			u.Role = *p.Role
		}
		if p.ClearManager {
			u.ManagerID = nil
		} else if p.ManagerID != nil {
			if *p.ManagerID == u.ID {
				return retain.Invalid("input.managerId", "a user cannot manage themselves")
			}
			if err := checkManager(ctx, tx, a.WorkspaceID, "input.managerId", *p.ManagerID); err != nil {
				return err
			}
			u.ManagerID = p.ManagerID
		}
		if p.Locale != nil {
			if *p.Locale != "en" && *p.Locale != "zh" {
				return retain.Invalid("input.locale", "locale must be en or zh")
			}
			u.Locale = *p.Locale
		}
		u.Version++
		u.UpdatedAt = s.DB.now()
		if _, err := tx.NewUpdate().Model(u).Column("name", "role", "manager_id", "locale", "version", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		out = u
		return s.DB.audit(ctx, tx, a, "user.update", "user", u.ID, before, publicUser(u))
	})
	return out, err
}

// DeactivateUser disables a user and hands their customers on.
func (s *UserService) DeactivateUser(ctx context.Context, id string, successorID *string) (*retain.User, error) {
	a, err := actorFor(ctx, retain.ActionManageUsers)
	if err != nil {
		return nil, err
	}
	var out *retain.User
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err := findUser(ctx, tx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		if u.ID == a.UserID {
			return retain.Invalid("id", "you cannot deactivate yourself")
		}
		if !u.Active {
			return retain.Invalid("id", "the user is already inactive")
		}
		if successorID != nil {
			if *successorID == u.ID {
				return retain.Invalid("successorId", "the successor must be another user")
			}
			if err := checkAssignee(ctx, tx, a, "successorId", *successorID); err != nil {
				return err
			}
		}
		now := s.DB.now()
		u.Active, u.DeactivatedAt, u.UpdatedAt = false, &now, now
		u.Version++
		if _, err := tx.NewUpdate().Model(u).Column("active", "deactivated_at", "version", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().TableExpr("refresh_tokens").Set("revoked_at = ?", now).
			Where("user_id = ? AND revoked_at IS NULL", u.ID).Exec(ctx); err != nil {
			return err
		}
		n, err := handOverCustomers(ctx, tx, s.DB, a, u.ID, successorID)
		if err != nil {
			return err
		}
		out = u
		return s.DB.audit(ctx, tx, a, "user.deactivate", "user", u.ID, nil,
			map[string]any{"successorId": successorID, "customersHandedOver": n})
	})
	return out, err
}

// handOverCustomers flags every customer the departed user owned and gives
// each to its backup owner, else to the successor. Customers with neither
// keep the departed owner (still flagged) so someone must decide.
func handOverCustomers(ctx context.Context, idb bun.IDB, db *DB, a *retain.Actor, userID string, successorID *string) (int, error) {
	now := db.now()
	var moved []string
	err := idb.NewUpdate().TableExpr("customers").
		Set("owner_departed = true").
		Set("owner_id = CASE WHEN backup_owner_id IS NOT NULL AND backup_owner_id <> ? THEN backup_owner_id ELSE coalesce(?::uuid, owner_id) END", userID, successorID).
		Set("backup_owner_id = CASE WHEN backup_owner_id IS NOT NULL AND backup_owner_id <> ? THEN NULL ELSE backup_owner_id END", userID).
		Set("version = version + 1, updated_at = ?", now).
		Where("workspace_id = ? AND owner_id = ?", a.WorkspaceID, userID).Returning("id").Scan(ctx, &moved)
	if err != nil {
		return 0, err
	}
	// Backing up for customers is also a duty that must pass on.
	if _, err := idb.NewUpdate().TableExpr("customers").
		Set("backup_owner_id = CASE WHEN ?::uuid = owner_id THEN NULL ELSE ?::uuid END", successorID, successorID).
		Set("version = version + 1, updated_at = ?", now).
		Where("workspace_id = ? AND backup_owner_id = ?", a.WorkspaceID, userID).Exec(ctx); err != nil {
		return 0, err
	}
	// Customers loyal to a person may leave with them: rescore and tell the
	// new owners at once.
	for start := 0; start < len(moved); start += 500 {
		ids := moved[start:min(start+500, len(moved))]
		if _, err := rescore(ctx, idb, a.WorkspaceID, ids, now); err != nil {
			return 0, err
		}
		var customers []*retain.Customer
		if err := idb.NewSelect().Model(&customers).ModelTableExpr("customers AS c").ColumnExpr("c.*").Where("c.id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
			return 0, err
		}
		for _, c := range customers {
			al := &retain.Alert{WorkspaceID: a.WorkspaceID, CustomerID: c.ID, Kind: retain.AlertOwnerDeparted,
				ScoreBefore: c.RiskScore, ScoreAfter: c.RiskScore, LevelBefore: c.RiskLevel, LevelAfter: c.RiskLevel,
				Reasons: c.RiskFactors, Status: retain.AlertOpen, CreatedAt: now}
			if _, err := insertAlert(ctx, idb, al); err != nil {
				return 0, err
			}
		}
	}
	return len(moved), nil
}
