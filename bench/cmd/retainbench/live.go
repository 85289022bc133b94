package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

type liveResult struct {
	Subscribers       int                `json:"subscribers"`
	Replicas          int                `json:"replicas"`
	Alerts            int                `json:"alerts"`
	FramesExpected    int                `json:"frames_expected"`
	FramesReceived    int                `json:"frames_received"`
	P50               float64            `json:"commit_to_frame_p50_ms"`
	P99               float64            `json:"commit_to_frame_p99_ms"`
	Max               float64            `json:"commit_to_frame_max_ms"`
	PerReplicaP99     map[string]float64 `json:"per_replica_p99_ms"`
	RSSBeforeMB       []float64          `json:"rss_before_mb"`
	RSSAfterMB        []float64          `json:"rss_after_mb"`
	BytesPerConn      float64            `json:"rss_bytes_per_idle_connection"`
	HeapBytesPerConn  float64            `json:"heap_inuse_bytes_per_idle_connection"`
	GoroutinesPerConn float64            `json:"goroutines_per_idle_connection"`
	Note              string             `json:"note,omitempty"`
}

type frame struct {
	id      string
	at      time.Time
	replica int
}

// subscriber is one graphql-transport-ws socket subscribed to alertRaised.
type subscriber struct {
	ws      *websocket.Conn
	replica int
	mu      sync.Mutex
	frames  []frame
}

func subscribe(ctx context.Context, addr, token string, replica int) (*subscriber, error) {
	ws, _, err := websocket.Dial(ctx, "ws://"+addr+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, err
	}
	ws.SetReadLimit(1 << 20)
	send := func(v any) error {
		b, _ := json.Marshal(v)
		return ws.Write(ctx, websocket.MessageText, b)
	}
	if err := send(map[string]any{"type": "connection_init", "payload": map[string]any{"authorization": "Bearer " + token}}); err != nil {
		return nil, err
	}
	_, b, err := ws.Read(ctx)
	if err != nil || !strings.Contains(string(b), "connection_ack") {
		return nil, fmt.Errorf("no connection_ack: %v %s", err, b)
	}
	if err := send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": "subscription { alertRaised { id } }"}}); err != nil {
		return nil, err
	}
	return &subscriber{ws: ws, replica: replica}, nil
}

// read records every alert frame with its arrival time until the socket closes.
func (s *subscriber) read(ctx context.Context) {
	for {
		_, b, err := s.ws.Read(ctx)
		at := time.Now()
		if err != nil {
			return
		}
		var m struct {
			Type    string `json:"type"`
			Payload struct {
				Data struct {
					AlertRaised struct{ ID string } `json:"alertRaised"`
				} `json:"data"`
			} `json:"payload"`
		}
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		switch m.Type {
		case "ping":
			_ = s.ws.Write(ctx, websocket.MessageText, []byte(`{"type":"pong"}`))
		case "next":
			s.mu.Lock()
			s.frames = append(s.frames, frame{id: m.Payload.Data.AlertRaised.ID, at: at, replica: s.replica})
			s.mu.Unlock()
		}
	}
}

// goroutines reads the goroutine count from a server's pprof listener.
func goroutines(srv *server) int {
	resp, err := http.Get("http://" + srv.pprof + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	var n int
	fmt.Sscanf(string(b), "goroutine profile: total %d", &n)
	return n
}

// heapInuse reads HeapInuse from a server's heap profile (after a GC).
func heapInuse(srv *server) int64 {
	resp, err := http.Get("http://" + srv.pprof + "/debug/pprof/heap?debug=1&gc=1")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "# HeapInuse = ") {
			var n int64
			fmt.Sscanf(line, "# HeapInuse = %d", &n)
			return n
		}
	}
	return 0
}

func benchLive(ctx context.Context, o options, dsn string, bench *bun.DB, rep *report) error {
	res := liveResult{Subscribers: o.subscribers, Replicas: 2, PerReplicaP99: map[string]float64{}}
	var servers []*server
	for _, name := range []string{"replica-a", "replica-b"} {
		s, err := startServer(name, dsn)
		if err != nil {
			return err
		}
		defer s.stop()
		servers = append(servers, s)
	}
	httpc := newHTTPClient(8)
	// Admin sessions see every customer, so every alert reaches every
	// subscriber: the largest fan-out. Tokens live 10 minutes; the phase is
	// shorter.
	var tokens []string
	for i := 0; i < 4; i++ {
		g, err := login(ctx, servers[i%2].addr, httpc, "admin@retain.demo")
		if err != nil {
			return err
		}
		tokens = append(tokens, g.token)
	}
	writer, err := signIn(ctx, servers[0], httpc, bench, "agent4@retain.demo")
	if err != nil {
		return err
	}
	time.Sleep(2 * time.Second)
	var heapBefore []int64
	var goBefore []int
	for _, s := range servers {
		res.RSSBeforeMB = append(res.RSSBeforeMB, round2(float64(rssOf(s.pid()))/(1<<20)))
		heapBefore = append(heapBefore, heapInuse(s))
		goBefore = append(goBefore, goroutines(s))
	}
	subCtx, cancelSubs := context.WithCancel(ctx)
	defer cancelSubs()
	subs := make([]*subscriber, o.subscribers)
	var wg sync.WaitGroup
	errs := make(chan error, o.subscribers)
	sem := make(chan struct{}, 32)
	for i := range subs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			s, err := subscribe(subCtx, servers[i%2].addr, tokens[i%len(tokens)], i%2)
			if err != nil {
				errs <- err
				return
			}
			subs[i] = s
			go s.read(subCtx)
		}(i)
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return fmt.Errorf("subscribing: %w", err)
	}
	time.Sleep(5 * time.Second) // idle
	var rssDelta, heapDelta int64
	var goDelta int
	for i, s := range servers {
		rss := rssOf(s.pid())
		res.RSSAfterMB = append(res.RSSAfterMB, round2(float64(rss)/(1<<20)))
		rssDelta += rss - int64(res.RSSBeforeMB[i]*(1<<20))
		heapDelta += heapInuse(s) - heapBefore[i]
		goDelta += goroutines(s) - goBefore[i]
	}
	n := float64(o.subscribers)
	res.BytesPerConn = round2(float64(rssDelta) / n)
	res.HeapBytesPerConn = round2(float64(heapDelta) / n)
	res.GoroutinesPerConn = round2(float64(goDelta) / n)
	logf("  idle: %.0f bytes RSS, %.0f bytes heap in use, %.2f goroutines per subscribed connection",
		res.BytesPerConn, res.HeapBytesPerConn, res.GoroutinesPerConn)
	if top := heapTop(servers[0]); top != "" {
		rep.Profiles = append(rep.Profiles, profileTop{Name: fmt.Sprintf("heap in use on replica A with %d idle subscribed sockets", o.subscribers/2), Top: top})
	}

	// Raise alerts: CRITICAL complaints opened through the API on replica A,
	// a few per second, each fanned out to every subscriber on both replicas.
	var ids []string
	deadline := time.Now().Add(o.duration)
	for i := 0; time.Now().Before(deadline); i++ {
		var out struct {
			OpenComplaint struct{ ID string } `json:"openComplaint"`
		}
		err := writer.do(ctx, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:QUALITY,severity:CRITICAL,description:"Broken on arrival"}){id}}`,
			map[string]any{"c": writer.customers[i%len(writer.customers)]}, &out)
		if err != nil {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)
	cancelSubs()
	var frames []frame
	for _, s := range subs {
		s.mu.Lock()
		frames = append(frames, s.frames...)
		s.mu.Unlock()
		_ = s.ws.CloseNow()
	}
	seen := map[string]bool{}
	for _, f := range frames {
		if !seen[f.id] {
			seen[f.id] = true
			ids = append(ids, f.id)
		}
	}
	commits := map[string]time.Time{}
	if len(ids) > 0 {
		rows, err := bench.QueryContext(ctx, "SELECT id::text, pg_xact_commit_timestamp(xmin) FROM alerts WHERE id = ANY(?::uuid[])", pgdialect.Array(ids))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var at *time.Time
			if err := rows.Scan(&id, &at); err != nil {
				rows.Close()
				return err
			}
			if at != nil {
				commits[id] = *at
			}
		}
		rows.Close()
	}
	var all []time.Duration
	per := map[int][]time.Duration{}
	for _, f := range frames {
		c, ok := commits[f.id]
		if !ok {
			continue
		}
		d := f.at.Sub(c)
		all = append(all, d)
		per[f.replica] = append(per[f.replica], d)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	res.Alerts = len(ids)
	res.FramesExpected = len(ids) * o.subscribers
	res.FramesReceived = len(frames)
	res.P50, res.P99 = pct(all, 0.5), pct(all, 0.99)
	if len(all) > 0 {
		res.Max = round2(float64(all[len(all)-1]) / float64(time.Millisecond))
	}
	for r, ds := range per {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		res.PerReplicaP99[[]string{"a (writer)", "b"}[r]] = pct(ds, 0.99)
	}
	logf("  %d alerts, %d/%d frames, commit-to-frame p50 %.2f ms p99 %.2f ms max %.2f ms (per replica p99 %v)",
		res.Alerts, res.FramesReceived, res.FramesExpected, res.P50, res.P99, res.Max, res.PerReplicaP99)
	rep.Live = res
	return nil
}

// heapTop saves a heap profile of srv and returns its top allocation sites
// by space in use.
func heapTop(srv *server) string {
	path := filepath.Join(dataDir, "profiles", "heap-idle-sockets.pprof")
	resp, err := http.Get("http://" + srv.pprof + "/debug/pprof/heap?gc=1")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return ""
	}
	_, _ = io.Copy(f, resp.Body)
	f.Close()
	out, err := exec.Command("go", "tool", "pprof", "-top", "-sample_index=inuse_space", "-nodecount=25", retainBin, path).CombinedOutput()
	if err != nil {
		return ""
	}
	return string(out)
}
