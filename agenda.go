package retain

import (
	"context"
	"time"
)

// KeyDateKind is what a key date celebrates or reminds of.
type KeyDateKind string

// Key date kinds.
const (
	KeyDateBirthday    KeyDateKind = "BIRTHDAY"
	KeyDateAnniversary KeyDateKind = "ANNIVERSARY"
	KeyDateFestival    KeyDateKind = "FESTIVAL"
	KeyDateRenewal     KeyDateKind = "RENEWAL"
	KeyDateCustom      KeyDateKind = "CUSTOM"
)

// CalendarKind is GREGORIAN or LUNAR (the Chinese lunar calendar).
type CalendarKind string

// KeyDate is a yearly date worth remembering for a customer, in the
// Gregorian or the Chinese lunar calendar.
type KeyDate struct {
	ID          string       `bun:",pk,type:uuid"`
	WorkspaceID string       `bun:",type:uuid"`
	CustomerID  string       `bun:",type:uuid"`
	ContactID   *string      `bun:",type:uuid"`
	Kind        KeyDateKind  `bun:""`
	Label       string       `bun:""`
	Calendar    CalendarKind `bun:""`
	Month       int          `bun:""`
	Day         int          `bun:""`
	Year        *int         `bun:""`
	Notes       string       `bun:""`
	CreatedAt   time.Time    `bun:""`
}

// KeyDateInput adds a key date. Festivals may name a well-known festival
// code (SPRING_FESTIVAL, MID_AUTUMN…) instead of a month and day.
type KeyDateInput struct {
	CustomerID string
	Kind       KeyDateKind
	Label      string
	Calendar   CalendarKind
	Month      int
	Day        int
	Year       *int
	Festival   *string
	Notes      string
}

// UpcomingKeyDate is a key date's next occurrence.
type UpcomingKeyDate struct {
	KeyDate *KeyDate
	Date    time.Time
	DaysTo  int
}

// ContactDue is a customer due or overdue for contact under its contract.
type ContactDue struct {
	Customer    *Customer
	DueAt       time.Time
	DaysOverdue int
}

// Agenda is what the current user should do next.
type Agenda struct {
	DueContacts []*ContactDue
	KeyDates    []*UpcomingKeyDate
}

// AgendaService manages key dates and builds contact agendas.
type AgendaService interface {
	AddKeyDate(ctx context.Context, in KeyDateInput) (*KeyDate, error)
	DeleteKeyDate(ctx context.Context, id string) error
	KeyDatesOf(ctx context.Context, customerIDs []string) (map[string][]*KeyDate, error)
	// ContactAgenda lists the current user's customers due for contact within
	// days, and key dates coming within days.
	ContactAgenda(ctx context.Context, days int) (*Agenda, error)
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID           string         `bun:",pk,type:uuid"`
	WorkspaceID  string         `bun:",type:uuid"`
	ActorUserID  *string        `bun:",type:uuid"`
	ActorTokenID *string        `bun:",type:uuid"`
	Action       string         `bun:""`
	EntityType   string         `bun:""`
	EntityID     *string        `bun:",type:uuid"`
	Before       map[string]any `bun:",type:jsonb"`
	After        map[string]any `bun:",type:jsonb"`
	RequestID    string         `bun:""`
	At           time.Time      `bun:""`
}

// AuditService reads the audit log (admins).
type AuditService interface {
	FindAuditEntries(ctx context.Context, entityType, entityID *string, p Page) ([]*AuditEntry, []string, bool, error)
}
