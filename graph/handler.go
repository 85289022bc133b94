package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

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
	// Websocket serves subscriptions; nil disables them.
	Websocket *Websocket
}

// NewHandler builds the GraphQL HTTP handler with explicit transports (POST,
// and GET for queries only), limits and error presentation.
func NewHandler(r *Resolver, o Options) *handler.Server {
	cfg := generated.Config{Resolvers: r}
	setComplexity(&cfg.Complexity)
	srv := handler.New(generated.NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(getTransport{})
	srv.AddTransport(transport.POST{})
	if o.Websocket != nil {
		srv.AddTransport(o.Websocket)
	}
	// Last: it takes whatever no transport above supports.
	srv.AddTransport(refuseTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(o.ParserTokenLimit)
	srv.SetDisableSuggestion(true)
	srv.SetErrorPresenter(errorPresenter(o.Log))
	srv.SetRecoverFunc(recoverFunc(o.Log))
	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(limits{maxQueryBytes: o.MaxQueryBytes, maxDepth: o.MaxDepth, introspection: o.Introspection})
	srv.Use(extension.FixedComplexityLimit(o.MaxComplexity))
	// Loaders are made per response rather than per operation: each event
	// of a long-lived subscription must read fresh data, not a cache from
	// when the socket opened.
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		return next(r.WithLoaders(ctx))
	})
	return srv
}

type viaGETKey struct{}

// getTransport is gqlgen's GET transport, marking the request so the limits
// extension can refuse a mutation with a coded error.
type getTransport struct{ transport.GET }

func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.GET.Do(w, r.WithContext(context.WithValue(r.Context(), viaGETKey{}, true)), exec)
}

// viaGET reports whether the operation arrived over GET.
func viaGET(ctx context.Context) bool { return ctx.Value(viaGETKey{}) != nil }

// refuseTransport answers what no other transport supports (a text/plain or
// form POST, which a browser may send cross-site without a preflight, or a
// PUT…) in the usual error shape instead of gqlgen's uncoded "transport not
// supported". Upgrade requests are left alone so a websocket transport
// added later is not shadowed.
type refuseTransport struct{}

func (refuseTransport) Supports(r *http.Request) bool { return r.Header.Get("Upgrade") == "" }

func (refuseTransport) Do(w http.ResponseWriter, r *http.Request, _ graphql.GraphExecutor) {
	status, msg := http.StatusUnsupportedMediaType, "send GraphQL requests with Content-Type: application/json"
	if r.Method != http.MethodPost {
		status, msg = http.StatusMethodNotAllowed, "use GET for queries or POST"
		w.Header().Set("Allow", "GET, POST")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": retain.EINVALID}}},
	})
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
	paged := func(child int, first *int, _ *string) int { return 1 + child*pageCost(first) }
	c.Customer.Complaints, c.Customer.Orders, c.Customer.Promises, c.Customer.Timeline = paged, paged, paged, paged
	c.Query.OverduePromises, c.Query.WinBack = paged, paged
	c.Query.Alerts = func(child int, first *int, _ *string, _ *retain.AlertFilter) int { return 1 + child*pageCost(first) }
	c.Query.Complaints = func(child int, first *int, _ *string, _ *retain.ComplaintFilter) int {
		return 1 + child*pageCost(first)
	}
	c.Query.AuditLog = func(child int, _, _ *string, first *int, _ *string) int { return 1 + child*pageCost(first) }
	c.Query.NegativeProfitCustomers = func(child int, first *int) int { return 1 + child*pageCost(first) }
}
