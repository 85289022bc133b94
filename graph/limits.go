package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/retain-crm/retain"
)

// limits rejects hostile operations before they run: an over-long query text
// before it is parsed, and an over-deep selection, introspection when it is
// off, and a mutation sent over GET after.
type limits struct {
	maxQueryBytes int
	maxDepth      int
	introspection bool
}

var (
	_ graphql.HandlerExtension          = limits{}
	_ graphql.OperationParameterMutator = limits{}
	_ graphql.OperationContextMutator   = limits{}
)

func (limits) ExtensionName() string                   { return "RetainLimits" }
func (limits) Validate(graphql.ExecutableSchema) error { return nil }

func limitError(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": retain.EINVALID}}
}

func (l limits) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Query) > l.maxQueryBytes {
		return limitError("the query is too long")
	}
	return nil
}

func (l limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	// gqlgen refuses these too, but with an uncoded 406 for GET mutations
	// and an INTERNAL "introspection disabled" error that is logged as a
	// server fault; both are the client's mistake.
	if viaGET(ctx) && oc.Operation.Operation != ast.Query {
		return &gqlerror.Error{Message: "GET requests may only run queries; send mutations with POST",
			Extensions: map[string]any{"code": errcode.ValidationFailed}}
	}
	if !l.introspection && introspects(oc.Operation.SelectionSet, oc.Doc, map[string]bool{}) {
		return limitError("introspection is disabled")
	}
	if depth(oc.Operation.SelectionSet, oc.Doc, 0, l.maxDepth) > l.maxDepth {
		return limitError("the query is nested too deeply")
	}
	return nil
}

// depth measures the deepest field path, following fragments; it stops
// counting once past limit so fragment cycles cannot loop forever.
func depth(set ast.SelectionSet, doc *ast.QueryDocument, d, limit int) int {
	if d > limit {
		return d
	}
	deepest := d
	for _, sel := range set {
		var sub int
		switch s := sel.(type) {
		case *ast.Field:
			sub = d
			if len(s.SelectionSet) > 0 {
				sub = depth(s.SelectionSet, doc, d+1, limit)
			} else {
				sub = d + 1
			}
		case *ast.InlineFragment:
			sub = depth(s.SelectionSet, doc, d, limit)
		case *ast.FragmentSpread:
			if f := doc.Fragments.ForName(s.Name); f != nil {
				sub = depth(f.SelectionSet, doc, d, limit)
			}
		}
		if sub > deepest {
			deepest = sub
		}
	}
	return deepest
}

// introspects reports whether a root selection asks for __schema or __type,
// the only introspection entry points, following fragments once each.
func introspects(set ast.SelectionSet, doc *ast.QueryDocument, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if introspects(s.SelectionSet, doc, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if f := doc.Fragments.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				if introspects(f.SelectionSet, doc, seen) {
					return true
				}
			}
		}
	}
	return false
}
