package db

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/keydate"
)

// AgendaService implements retain.AgendaService.
type AgendaService struct{ DB *DB }

var _ retain.AgendaService = (*AgendaService)(nil)

// AddKeyDate records a yearly date for a visible customer.
func (s *AgendaService) AddKeyDate(ctx context.Context, in retain.KeyDateInput) (*retain.KeyDate, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	switch in.Kind {
	case retain.KeyDateBirthday, retain.KeyDateAnniversary, retain.KeyDateFestival, retain.KeyDateRenewal, retain.KeyDateCustom:
	default:
		return nil, retain.Invalid("input.kind", "unknown kind")
	}
	if in.Festival != nil {
		r, ok := keydate.Festivals()[strings.ToUpper(*in.Festival)]
		if !ok {
			return nil, retain.Invalid("input.festival", "unknown festival")
		}
		in.Calendar, in.Month, in.Day = retain.CalendarKind(r.Calendar), r.Month, r.Day
	}
	if in.Calendar == "" {
		in.Calendar = retain.CalendarKind(keydate.Gregorian)
	}
	r := keydate.Recurrence{Calendar: keydate.Calendar(in.Calendar), Month: in.Month, Day: in.Day}
	if err := r.Validate(); err != nil {
		var ve *keydate.ValidationError
		if errors.As(err, &ve) {
			return nil, retain.Invalid("input."+ve.Field, "%s", ve.Reason)
		}
		return nil, retain.Invalid("input.month", "invalid date")
	}
	if in.Year != nil && (*in.Year < 1900 || *in.Year > 2200) {
		return nil, retain.Invalid("input.year", "year must be between 1900 and 2200")
	}
	if in.Label, err = retain.CheckText("input.label", in.Label, 1, 200); err != nil {
		return nil, err
	}
	if in.Notes, err = retain.CheckText("input.notes", in.Notes, 0, 2000); err != nil {
		return nil, err
	}
	var out *retain.KeyDate
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := findCustomer(ctx, tx, a, in.CustomerID, false)
		if err != nil {
			return err
		}
		kd := &retain.KeyDate{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: c.ID, Kind: in.Kind, Label: in.Label,
			Calendar: in.Calendar, Month: in.Month, Day: in.Day, Year: in.Year, Notes: in.Notes, CreatedAt: s.DB.now()}
		if _, err := tx.NewInsert().Model(kd).Exec(ctx); err != nil {
			return err
		}
		out = kd
		return s.DB.audit(ctx, tx, a, "keyDate.add", "key_date", kd.ID, nil, kd)
	})
	return out, err
}

// DeleteKeyDate removes a key date of a visible customer.
func (s *AgendaService) DeleteKeyDate(ctx context.Context, id string) error {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return err
	}
	if !retain.ValidID(id) {
		return retain.NotFound("key date")
	}
	return s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		kd := new(retain.KeyDate)
		if err := tx.NewSelect().Model(kd).Where("key_date.workspace_id = ? AND key_date.id = ?", a.WorkspaceID, id).
			Where("key_date.customer_id IN (?)", visibleCustomerIDs(tx, a)).Scan(ctx); err != nil {
			return notFoundAs(err, "key date")
		}
		if _, err := tx.NewDelete().TableExpr("key_dates").Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		return s.DB.audit(ctx, tx, a, "keyDate.delete", "key_date", id, kd, nil)
	})
}

// KeyDatesOf returns the key dates of visible customers.
func (s *AgendaService) KeyDatesOf(ctx context.Context, customerIDs []string) (map[string][]*retain.KeyDate, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var rows []*retain.KeyDate
	err = s.DB.NewSelect().Model(&rows).Where("key_date.workspace_id = ? AND key_date.customer_id IN (?)", a.WorkspaceID, bun.In(customerIDs)).
		Where("key_date.customer_id IN (?)", visibleCustomerIDs(s.DB, a)).Order("key_date.month", "key_date.day").Scan(ctx)
	out := map[string][]*retain.KeyDate{}
	for _, kd := range rows {
		out[kd.CustomerID] = append(out[kd.CustomerID], kd)
	}
	return out, translate(err)
}

// workspaceLocation is the workspace's time zone for civil dates.
func workspaceLocation(ctx context.Context, idb bun.IDB, workspaceID string) *time.Location {
	if st, err := workspaceSettings(ctx, idb, workspaceID); err == nil {
		if loc, err := time.LoadLocation(st.Timezone); err == nil && st.Timezone != "" {
			return loc
		}
	}
	return time.UTC
}

// ContactAgenda lists the signed-in user's customers due for contact within
// days under their contract's cadence, and their key dates coming within days.
func (s *AgendaService) ContactAgenda(ctx context.Context, days int) (*retain.Agenda, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if a.UserID == "" {
		return nil, retain.Forbidden("the agenda belongs to a user")
	}
	if days < 0 || days > 366 {
		return nil, retain.Invalid("days", "days must be between 0 and 366")
	}
	now := s.DB.now()
	horizon := now.Add(time.Duration(days) * 24 * time.Hour)
	var due []struct {
		retain.Customer
		DueAt time.Time
	}
	err = s.DB.NewSelect().TableExpr("customers AS c").Join("JOIN relationship_types rt ON rt.id = c.relationship_type_id").
		ColumnExpr("c.*").ColumnExpr("coalesce(c.last_contact_at, c.created_at) + make_interval(days => rt.contact_cadence_days) AS due_at").
		Where("c.workspace_id = ? AND c.archived_at IS NULL AND c.stage NOT IN ('LOST')", a.WorkspaceID).
		Where("c.owner_id = ? OR (c.backup_owner_id = ? AND c.owner_departed)", a.UserID, a.UserID).
		Where("coalesce(c.last_contact_at, c.created_at) + make_interval(days => rt.contact_cadence_days) <= ?", horizon).
		OrderExpr("due_at, c.id").Limit(200).Scan(ctx, &due)
	if err != nil {
		return nil, translate(err)
	}
	ag := &retain.Agenda{}
	for i := range due {
		c := due[i].Customer
		cd := &retain.ContactDue{Customer: &c, DueAt: due[i].DueAt}
		if now.After(due[i].DueAt) {
			cd.DaysOverdue = int(now.Sub(due[i].DueAt).Hours() / 24)
		}
		ag.DueContacts = append(ag.DueContacts, cd)
	}
	var kds []*retain.KeyDate
	err = s.DB.NewSelect().Model(&kds).Join("JOIN customers AS c ON c.id = key_date.customer_id").
		Where("key_date.workspace_id = ? AND c.archived_at IS NULL AND c.owner_id = ?", a.WorkspaceID, a.UserID).Scan(ctx)
	if err != nil {
		return nil, translate(err)
	}
	loc := workspaceLocation(ctx, s.DB, a.WorkspaceID)
	today := now.In(loc)
	for _, kd := range kds {
		r := keydate.Recurrence{Calendar: keydate.Calendar(kd.Calendar), Month: kd.Month, Day: kd.Day}
		next, err := r.Next(today, loc)
		if err != nil {
			continue
		}
		start := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
		d := int(next.Sub(start).Hours()/24 + 0.5)
		if d <= days {
			ag.KeyDates = append(ag.KeyDates, &retain.UpcomingKeyDate{KeyDate: kd, Date: next, DaysTo: d})
		}
	}
	sort.Slice(ag.KeyDates, func(i, j int) bool { return ag.KeyDates[i].DaysTo < ag.KeyDates[j].DaysTo })
	return ag, nil
}
