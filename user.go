package retain

import (
	"context"
	"time"
)

// User is a person who signs in: an account manager (agent), a manager, a
// viewer or an admin of one workspace.
type User struct {
	ID            string     `bun:",pk,type:uuid"`
	WorkspaceID   string     `bun:",type:uuid"`
	Email         string     `bun:""`
	Name          string     `bun:""`
	Role          Role       `bun:""`
	ManagerID     *string    `bun:",type:uuid"`
	PasswordHash  string     `bun:""`
	Locale        string     `bun:""`
	Active        bool       `bun:""`
	DeactivatedAt *time.Time `bun:""`
	Version       int        `bun:""`
	CreatedAt     time.Time  `bun:""`
	UpdatedAt     time.Time  `bun:""`
}

// UserInput creates a user.
type UserInput struct {
	Email     string
	Name      string
	Role      Role
	ManagerID *string
	Password  string
	Locale    string
}

// Validate normalises the input and reports the first invalid field.
func (in *UserInput) Validate() error {
	var err error
	if in.Email, err = CheckEmail("input.email", in.Email, false); err != nil {
		return err
	}
	if in.Name, err = CheckText("input.name", in.Name, 1, 200); err != nil {
		return err
	}
	if !in.Role.Valid() {
		return Invalid("input.role", "unknown role")
	}
	if in.ManagerID != nil {
		if _, err = CheckID("input.managerId", *in.ManagerID); err != nil {
			return err
		}
	}
	if err = CheckPassword("input.password", in.Password); err != nil {
		return err
	}
	if in.Locale == "" {
		in.Locale = "en"
	}
	if in.Locale != "en" && in.Locale != "zh" {
		return Invalid("input.locale", "locale must be en or zh")
	}
	return nil
}

// CheckPassword enforces the password policy: 10 to 128 characters.
func CheckPassword(field, pw string) error {
	n := len([]rune(pw))
	if n < 10 {
		return Invalid(field, "password must be at least 10 characters")
	}
	if n > 128 {
		return Invalid(field, "password must be at most 128 characters")
	}
	return nil
}

// UserPatch changes a user's role, manager, name or locale.
type UserPatch struct {
	Version   int
	Name      *string
	Role      *Role
	ManagerID *string
	// ClearManager removes the manager.
	ClearManager bool
	Locale       *string
}

// UserService administers the users of the actor's workspace.
type UserService interface {
	// FindUser returns a user of the actor's workspace (ENOTFOUND).
	FindUser(ctx context.Context, id string) (*User, error)
	// FindUsersByIDs returns users by id, for batching; missing ids are absent.
	FindUsersByIDs(ctx context.Context, ids []string) (map[string]*User, error)
	// FindUsers lists the workspace's users (all roles may read the directory).
	FindUsers(ctx context.Context, includeInactive bool) ([]*User, error)
	// CreateUser adds a user (admins only; ECONFLICT on a taken email).
	CreateUser(ctx context.Context, in UserInput) (*User, error)
	// UpdateUser changes a user (admins only).
	UpdateUser(ctx context.Context, id string, p UserPatch) (*User, error)
	// DeactivateUser disables sign-in, revokes sessions, flags the user's
	// customers as owner-departed and hands each to its backup owner or to
	// successorID (admins only).
	DeactivateUser(ctx context.Context, id string, successorID *string) (*User, error)
}
