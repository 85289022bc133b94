package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// RelationshipTypeService implements retain.RelationshipTypeService.
type RelationshipTypeService struct{ DB *DB }

var _ retain.RelationshipTypeService = (*RelationshipTypeService)(nil)

// FindRelationshipTypes lists the workspace's relationship types by name.
func (s *RelationshipTypeService) FindRelationshipTypes(ctx context.Context) ([]*retain.RelationshipType, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var out []*retain.RelationshipType
	err = s.DB.NewSelect().Model(&out).Where("workspace_id = ?", a.WorkspaceID).Order("name").Scan(ctx)
	return out, translate(err)
}

// FindRelationshipTypesByIDs returns types by id.
func (s *RelationshipTypeService) FindRelationshipTypesByIDs(ctx context.Context, ids []string) (map[string]*retain.RelationshipType, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	return workspaceRowsByID(ctx, s.DB, a.WorkspaceID, ids, func(t *retain.RelationshipType) string { return t.ID })
}

// CreateRelationshipType adds a relationship type with its contract.
func (s *RelationshipTypeService) CreateRelationshipType(ctx context.Context, in retain.RelationshipTypeInput) (*retain.RelationshipType, error) {
	a, err := actorFor(ctx, retain.ActionManageContracts)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.DB.now()
	rt := &retain.RelationshipType{ID: NewID(), WorkspaceID: a.WorkspaceID, Version: 1, CreatedAt: now, UpdatedAt: now}
	applyContract(rt, in)
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(rt).Exec(ctx); err != nil {
			return err
		}
		return s.DB.audit(ctx, tx, a, "relationshipType.create", "relationship_type", rt.ID, nil, rt)
	})
	if err != nil {
		return nil, err
	}
	return rt, nil
}

func applyContract(rt *retain.RelationshipType, in retain.RelationshipTypeInput) {
	rt.Name, rt.Description = in.Name, in.Description
	rt.ContactCadenceDays, rt.ComplaintSLAHours = in.ContactCadenceDays, in.ComplaintSLAHours
	rt.Dos, rt.Donts = in.Dos, in.Donts
	rt.BenefitBudget, rt.RiskWeights = in.BenefitBudget, in.RiskWeights
}

// UpdateRelationshipType replaces a type's contract if the version matches.
func (s *RelationshipTypeService) UpdateRelationshipType(ctx context.Context, id string, version int, in retain.RelationshipTypeInput) (*retain.RelationshipType, error) {
	a, err := actorFor(ctx, retain.ActionManageContracts)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *retain.RelationshipType
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rt := new(retain.RelationshipType)
		if !retain.ValidID(id) {
			return retain.NotFound("relationship type")
		}
		if err := tx.NewSelect().Model(rt).Where("workspace_id = ? AND id = ?", a.WorkspaceID, id).For("UPDATE").Scan(ctx); err != nil {
			return notFoundAs(err, "relationship type")
		}
		if rt.Version != version {
			return retain.Conflict("relationship type")
		}
		before := *rt
		applyContract(rt, in)
		rt.Version++
		rt.UpdatedAt = s.DB.now()
		if _, err := tx.NewUpdate().Model(rt).WherePK().ExcludeColumn("id", "workspace_id", "created_at").Exec(ctx); err != nil {
			return err
		}
		out = rt
		return s.DB.audit(ctx, tx, a, "relationshipType.update", "relationship_type", rt.ID, before, rt)
	})
	return out, err
}

// CountCustomers counts visible live customers per relationship type.
func (s *RelationshipTypeService) CountCustomers(ctx context.Context, typeIDs []string) (map[string]int, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		RelationshipTypeID string
		N                  int
	}
	q := visibleCustomers(s.DB.NewSelect().TableExpr("customers AS c").ColumnExpr("c.relationship_type_id, count(*) AS n"), a, false).
		Where("c.relationship_type_id IN (?)", bun.In(typeIDs)).Group("c.relationship_type_id")
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, translate(err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.RelationshipTypeID] = r.N
	}
	return out, nil
}
