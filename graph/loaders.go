package graph

import (
	"context"
	"errors"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/retain-crm/retain"
)

// loaders batch the nested lookups of one operation, so a page of customers
// costs one query per kind of nested field, not one per row.
type loaders struct {
	users             *dataloadgen.Loader[string, *retain.User]
	relationshipTypes *dataloadgen.Loader[string, *retain.RelationshipType]
	openComplaints    *dataloadgen.Loader[string, int]
	typeCustomerCount *dataloadgen.Loader[string, int]
}

type loadersKey struct{}

// batchWait is how long a loader collects keys before querying; resolvers of
// one list level run concurrently, so a millisecond is enough.
const batchWait = time.Millisecond

func newLoaders(r *Resolver) *loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(batchWait), dataloadgen.WithBatchCapacity(500)}
	return &loaders{
		users: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*retain.User, error) {
			return r.UserService.FindUsersByIDs(ctx, ids)
		}, opts...),
		relationshipTypes: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*retain.RelationshipType, error) {
			return r.RelationshipTypeService.FindRelationshipTypesByIDs(ctx, ids)
		}, opts...),
		openComplaints: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]int, error) {
			return r.CustomerService.CountOpenComplaints(ctx, ids)
		}, opts...),
		typeCustomerCount: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]int, error) {
			return r.RelationshipTypeService.CountCustomers(ctx, ids)
		}, opts...),
	}
}

// WithLoaders returns ctx with fresh loaders for one operation.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(r))
}

func loadersFor(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

// loadUser resolves a user id; a missing user is NOT_FOUND.
func loadUser(ctx context.Context, id string) (*retain.User, error) {
	u, err := loadersFor(ctx).users.Load(ctx, id)
	if err == nil && u == nil {
		return nil, retain.NotFound("user")
	}
	return u, mapLoadErr(err, "user")
}

func loadOptionalUser(ctx context.Context, id *string) (*retain.User, error) {
	if id == nil {
		return nil, nil
	}
	return loadUser(ctx, *id)
}

func loadRelationshipType(ctx context.Context, id string) (*retain.RelationshipType, error) {
	t, err := loadersFor(ctx).relationshipTypes.Load(ctx, id)
	if err == nil && t == nil {
		return nil, retain.NotFound("relationship type")
	}
	return t, mapLoadErr(err, "relationship type")
}

// mapLoadErr turns dataloadgen's "key not found" into NOT_FOUND.
func mapLoadErr(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return retain.NotFound(what)
	}
	return err
}

func loadCount(ctx context.Context, l *dataloadgen.Loader[string, int], id string) (int, error) {
	n, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return 0, nil
	}
	return n, err
}
