package server

import (
	"net/http"

	"github.com/retain-crm/retain/graph"
)

// withIdempotencyKey passes the Idempotency-Key header to the batch
// mutations, which also accept the key as an argument.
func withIdempotencyKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if k := r.Header.Get("Idempotency-Key"); k != "" {
			r = r.WithContext(graph.WithIdempotencyKey(r.Context(), k))
		}
		next.ServeHTTP(w, r)
	})
}
