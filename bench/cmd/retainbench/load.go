package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// The load generator is closed-loop: c clients each send a request, wait
// for the answer and send the next, for a fixed time after a warm-up. That
// is what "c concurrent clients" means (an open-loop rate generator such as
// vegeta's default mode measures something else: latency at a given rate).

// op is one request of a workload; it returns an error for a failed one.
type op func(ctx context.Context, client int, i int) error

// result is one workload at one concurrency.
type result struct {
	Workload    string  `json:"workload"`
	Clients     int     `json:"clients"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	Throughput  float64 `json:"throughput_rps"`
	P50         float64 `json:"p50_ms"`
	P99         float64 `json:"p99_ms"`
	ServerCPU   float64 `json:"server_cpu_cores,omitempty"`
	PostgresCPU float64 `json:"postgres_cpu_cores,omitempty"`
	ServerRSSMB float64 `json:"server_rss_max_mb,omitempty"`
	FirstError  string  `json:"first_error,omitempty"`
}

// run drives op with c clients for warmup+d and measures the d part.
func run(name string, c int, warmup, d time.Duration, srv *server, o op) result {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		measuring atomic.Bool
		mu        sync.Mutex
		lat       []time.Duration
		errs      int
		firstErr  string
		wg        sync.WaitGroup
	)
	for k := 0; k < c; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			var local []time.Duration
			var localErrs int
			var localFirst string
			for i := 0; ctx.Err() == nil; i++ {
				t0 := time.Now()
				err := o(ctx, k, i)
				el := time.Since(t0)
				if ctx.Err() != nil {
					break
				}
				if measuring.Load() {
					if err != nil {
						localErrs++
						if localFirst == "" {
							localFirst = err.Error()
						}
					} else {
						local = append(local, el)
					}
				}
			}
			mu.Lock()
			lat = append(lat, local...)
			errs += localErrs
			if firstErr == "" {
				firstErr = localFirst
			}
			mu.Unlock()
		}(k)
	}
	time.Sleep(warmup)
	var cpu0, pgcpu0 time.Duration
	pm := postmasterPID()
	if srv != nil {
		cpu0, _ = procStat(srv.pid())
	}
	pgcpu0 = postgresCPU(pm)
	measuring.Store(true)
	t0 := time.Now()
	var maxRSS int64
	stopSampler := make(chan struct{})
	samplerDone := make(chan struct{})
	go func() {
		defer close(samplerDone)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			if srv != nil {
				if r := rssOf(srv.pid()); r > maxRSS {
					maxRSS = r
				}
			}
			select {
			case <-stopSampler:
				return
			case <-t.C:
			}
		}
	}()
	time.Sleep(d)
	measuring.Store(false)
	elapsed := time.Since(t0)
	close(stopSampler)
	<-samplerDone
	var cpu1 time.Duration
	if srv != nil {
		cpu1, _ = procStat(srv.pid())
	}
	pgcpu1 := postgresCPU(pm)
	cancel()
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r := result{Workload: name, Clients: c, Requests: len(lat), Errors: errs, FirstError: firstErr,
		Throughput: float64(len(lat)) / elapsed.Seconds(), P50: pct(lat, 0.50), P99: pct(lat, 0.99),
		PostgresCPU: round2(max(pgcpu1-pgcpu0, 0).Seconds() / elapsed.Seconds())}
	if srv != nil {
		r.ServerCPU = round2((cpu1 - cpu0).Seconds() / elapsed.Seconds())
		r.ServerRSSMB = round2(float64(maxRSS) / (1 << 20))
	}
	r.Throughput = round2(r.Throughput)
	logf("  %-28s c=%-2d %8.1f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  server cpu %.2f  pg cpu %.2f  rss %.0f MB %s",
		name, c, r.Throughput, r.P50, r.P99, errs, r.ServerCPU, r.PostgresCPU, r.ServerRSSMB, firstErr)
	return r
}

func pct(xs []time.Duration, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	i := int(float64(len(xs)-1) * p)
	return round2(float64(xs[i]) / float64(time.Millisecond))
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }

// gql is a GraphQL client of one server with one token.
type gql struct {
	url   string
	token string
	http  *http.Client
}

func newHTTPClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// do posts one operation and decodes data into out (nil: discard).
func (g *gql) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, g.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if g.token != "" {
		req.Header.Set("Authorization", "Bearer "+g.token)
	}
	resp, err := g.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return fmt.Errorf("status %d: %s", resp.StatusCode, truncate(string(b), 200))
	}
	if len(env.Errors) > 0 {
		return fmt.Errorf("graphql: %s %v", env.Errors[0].Message, env.Errors[0].Extensions)
	}
	if out != nil {
		return json.Unmarshal(env.Data, out)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// login signs in and returns a client carrying the access token.
func login(ctx context.Context, base string, httpc *http.Client, email string) (*gql, error) {
	g := &gql{url: "http://" + base + "/graphql", http: httpc}
	var out struct {
		Login struct{ AccessToken string } `json:"login"`
	}
	err := g.do(ctx, `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken}}`,
		map[string]any{"e": email, "p": "retain-demo-2026"}, &out)
	if err != nil {
		return nil, fmt.Errorf("login %s: %w", email, err)
	}
	g.token = out.Login.AccessToken
	return g, nil
}
