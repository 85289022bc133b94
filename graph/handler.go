package graph

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/graph/generated"
)

// Options configure the GraphQL endpoint.
type Options struct {
	Introspection bool
	// MaxComplexity caps an operation's cost; list fields multiply their
	// children's cost by the page size asked for.
	MaxComplexity int
	MaxDepth      int
	MaxQueryBytes int
	// ParserTokenLimit stops parsing absurd documents early.
	ParserTokenLimit int
	Log              *slog.Logger
}

// NewHandler builds the GraphQL HTTP handler with explicit transports (POST,
// and GET for queries only), limits and error presentation.
func NewHandler(r *Resolver, o Options) *handler.Server {
	cfg := generated.Config{Resolvers: r}
	setComplexity(&cfg.Complexity)
	srv := handler.New(generated.NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(o.ParserTokenLimit)
	srv.SetDisableSuggestion(true)
	srv.SetErrorPresenter(errorPresenter(o.Log))
	srv.SetRecoverFunc(recoverFunc(o.Log))
	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(limits{maxQueryBytes: o.MaxQueryBytes, maxDepth: o.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(o.MaxComplexity))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(r.WithLoaders(ctx))
	})
	return srv
}

// pageCost is the multiplier of a paginated field: the page size asked for
// (default 20), at least 1.
func pageCost(first *int) int {
	if first == nil {
		return 20
	}
	if *first < 1 {
		return 1
	}
	return *first
}

// setComplexity makes list fields cost their children times their size.
func setComplexity(c *generated.ComplexityRoot) {
	c.Query.Customers = func(child int, first *int, _ *string, _ *retain.CustomerFilter, _ *retain.CustomerOrder) int {
		return 1 + child*pageCost(first)
	}
}
