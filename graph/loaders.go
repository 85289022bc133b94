package graph

import (
	"context"
	"errors"
	"sync"
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
	customers         *dataloadgen.Loader[string, *retain.Customer]
	complaintSteps    *dataloadgen.Loader[string, []*retain.RemediationStep]
	winBackSteps      *dataloadgen.Loader[string, []*retain.RemediationStep]
	keyDates          *dataloadgen.Loader[string, []*retain.KeyDate]
	profits           *dataloadgen.Loader[string, *retain.Profit]
	lossReasons       *dataloadgen.Loader[string, *retain.LossReason]
}

type loadersKey struct{}

// batchWait is how long a loader collects keys before querying. Resolvers
// of one list level run concurrently and usually all ask within a
// millisecond; the margin keeps a busy machine from splitting a page's
// batch in two.
const batchWait = 2 * time.Millisecond

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
		customers: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*retain.Customer, error) {
			return r.CustomerService.FindCustomersByIDs(ctx, ids)
		}, opts...),
		complaintSteps: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]*retain.RemediationStep, error) {
			return r.ComplaintService.StepsOf(ctx, ids)
		}, opts...),
		winBackSteps: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]*retain.RemediationStep, error) {
			return r.ComplaintService.WinBackSteps(ctx, ids)
		}, opts...),
		keyDates: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]*retain.KeyDate, error) {
			return r.AgendaService.KeyDatesOf(ctx, ids)
		}, opts...),
		profits: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*retain.Profit, error) {
			return r.ValueService.ProfitOf(ctx, ids)
		}, opts...),
		lossReasons: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*retain.LossReason, error) {
			all, err := r.LifecycleService.FindLossReasons(ctx, true)
			out := make(map[string]*retain.LossReason, len(all))
			for _, lr := range all {
				out[lr.ID] = lr
			}
			return out, err
		}, opts...),
	}
}

// lazyLoaders builds an operation's loaders on first use: most responses
// (every subscription event, most mutations) never load a nested field, and
// building ten loaders per response for nothing showed in the profiles.
type lazyLoaders struct {
	once     sync.Once
	resolver *Resolver
	built    *loaders
}

// WithLoaders returns ctx with fresh loaders for one operation.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, &lazyLoaders{resolver: r})
}

func loadersFor(ctx context.Context) *loaders {
	l := ctx.Value(loadersKey{}).(*lazyLoaders)
	l.once.Do(func() { l.built = newLoaders(l.resolver) })
	return l.built
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

// loadCustomer resolves a nested customer; one the actor may not see is NOT_FOUND.
func loadCustomer(ctx context.Context, id string) (*retain.Customer, error) {
	c, err := loadersFor(ctx).customers.Load(ctx, id)
	return c, mapLoadErr(err, "customer")
}

// loadList resolves a batched list; a key with nothing is an empty list.
func loadList[T any](ctx context.Context, l *dataloadgen.Loader[string, []T], id string) ([]T, error) {
	xs, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return []T{}, nil
	}
	return xs, err
}

func loadLossReason(ctx context.Context, id *string) (*retain.LossReason, error) {
	if id == nil {
		return nil, nil
	}
	lr, err := loadersFor(ctx).lossReasons.Load(ctx, *id)
	return lr, mapLoadErr(err, "loss reason")
}

// loadVisibleCustomer resolves an optional link to a customer; one the actor
// may not see reads as no link rather than an error.
func loadVisibleCustomer(ctx context.Context, id *string) (*retain.Customer, error) {
	if id == nil {
		return nil, nil
	}
	c, err := loadCustomer(ctx, *id)
	if retain.ErrorCode(err) == retain.ENOTFOUND {
		return nil, nil
	}
	return c, err
}
